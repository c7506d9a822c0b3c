"""Month lifecycle per region: draft → submitted → approved → locked, and unlock."""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core import validators
from puantaj.core.tables import natural_id
from puantaj.errors import PeriodLocked, PermissionDenied, ValidationError
from puantaj.services.records import now_text
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.store.rows import TableRepo

_NEXT = {
    "submit": ("draft", "submitted"),
    "approve": ("submitted", "approved"),
    "lock": (None, "locked"),
    "unlock": ("locked", "draft"),
}


@dataclass(frozen=True)
class MonthStatus:
    region: str
    month: str
    status: str
    by: str = ""
    at: str = ""
    reason: str = ""

    @property
    def is_locked(self) -> bool:
        return self.status == "locked"


class ReportService:
    """Reads and moves the status of a (region, month)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._repo = TableRepo("reports")

    def status(self, region: str, month: str, conn=None) -> MonthStatus:
        validators.parse_month(month)
        if conn is None:
            with self._store.connection() as own:
                return self.status(region, month, own)
        row = self._repo.get(conn, natural_id("reports", region, month))
        if row is None or row["deleted"]:
            return MonthStatus(region, month, "draft")
        return MonthStatus(
            region,
            month,
            row["status"],
            row["locked_by"] or row["submitted_by"] or "",
            row["locked_at"] or row["submitted_at"] or "",
            row["reason"] or "",
        )

    def check_open(self, conn, region: str, month: str) -> None:
        """Raise PeriodLocked if the month is locked."""
        status = self.status(region, month, conn)
        if status.is_locked:
            raise PeriodLocked(
                f"{region} {month} is locked by {status.by}",
                code="locked",
                region=region,
                month=month,
                by=status.by,
            )

    def move(
        self, session: Session, region: str, month: str, action: str, reason: str = ""
    ) -> MonthStatus:
        """Apply submit / approve / lock / unlock; admins only for the last three."""
        if action not in _NEXT:
            raise ValidationError(f"unknown action {action!r}", "action")
        session.read_region(region)
        if action != "submit" and not session.is_admin:
            raise PermissionDenied(
                "only an admin can approve, lock or unlock", code="admin_only"
            )
        if action == "unlock" and not reason.strip():
            raise ValidationError(
                "unlocking needs a written reason", "reason", code="reason"
            )
        before, after = _NEXT[action]
        with self._store.connection() as conn, transaction(conn):
            current = self.status(region, month, conn)
            if before and current.status != before:
                raise ValidationError(
                    f"cannot {action} a month that is {current.status}",
                    "status",
                    code="transition",
                    action=action,
                    status=current.status,
                )
            values = {
                "month": month,
                "status": after,
                "deleted": 0,
                "reason": reason,
                "updated_at": now_text(),
                "updated_by": session.username,
            }
            if action == "submit":
                values.update(submitted_by=session.username, submitted_at=now_text())
            if action == "lock":
                values.update(locked_by=session.username, locked_at=now_text())
            self._repo.upsert(
                conn, natural_id("reports", region, month), region, values
            )
            return self.status(region, month, conn)

    def overview(self, session: Session, month: str) -> list[MonthStatus]:
        with self._store.connection() as conn:
            rows = self._repo.select(conn, session.read_region(), {"month": month})
        return [self.status(r["region"], month) for r in rows]
