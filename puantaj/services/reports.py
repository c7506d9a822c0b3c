"""Month lifecycle per region: draft → submitted → approved → locked, and back.

A clerk submits a month once its checks find no error; from then on the month
is read-only for clerks until an admin sends it back (or unlocks it) with a
written reason, which the clerk sees. Approving, locking, sending back and
unlocking are the admin's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from puantaj.core import validators
from puantaj.core.tables import natural_id
from puantaj.errors import PeriodLocked, PermissionDenied, ValidationError
from puantaj.services.records import now_text
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.store.rows import TableRepo

# action → (the statuses it starts from (None: any), the status it leaves)
_NEXT: dict[str, tuple[tuple[str, ...] | None, str]] = {
    "submit": (("draft",), "submitted"),
    "approve": (("submitted",), "approved"),
    "lock": (None, "locked"),
    "unlock": (("locked",), "draft"),
    "send_back": (("submitted", "approved"), "draft"),
}
NEEDS_REASON = ("unlock", "send_back")
CLERK_READ_ONLY = ("submitted", "approved", "locked")

# (session, region, month) → how many errors the month's checks find
SubmitCheck = Callable[[Session, str, str], int]


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

    def is_read_only(self, session: Session) -> bool:
        """Locked for everyone; submitted or approved for clerks too."""
        if session.is_admin:
            return self.is_locked
        return self.status in CLERK_READ_ONLY

    @property
    def was_sent_back(self) -> bool:
        """A draft an admin sent back or unlocked, with the reason why."""
        return self.status == "draft" and bool(self.reason)


class ReportService:
    """Reads and moves the status of a (region, month)."""

    def __init__(self, store: Store, check: SubmitCheck | None = None) -> None:
        self._store = store
        self._repo = TableRepo("reports")
        self._check = check

    def use_checks(self, check: SubmitCheck) -> None:
        """The month checks a submission must pass (wired by the composition root)."""
        self._check = check

    def status(self, region: str, month: str, conn=None) -> MonthStatus:
        validators.parse_month(month)
        if conn is None:
            with self._store.connection() as own:
                return self.status(region, month, own)
        row = self._repo.get(conn, natural_id("reports", region, month))
        if row is None or row["deleted"]:
            return MonthStatus(region, month, "draft")
        by, at = {
            "submitted": (row["submitted_by"], row["submitted_at"]),
            "locked": (row["locked_by"], row["locked_at"]),
        }.get(row["status"], (row["updated_by"], row["updated_at"]))
        return MonthStatus(
            region, month, row["status"], by or "", at or "", row["reason"] or ""
        )

    def check_open(
        self, conn, region: str, month: str, session: Session | None = None
    ) -> None:
        """Raise PeriodLocked if the month is locked, or, for a clerk, submitted
        or approved (read-only until an admin sends it back)."""
        status = self.status(region, month, conn)
        if status.is_locked:
            raise PeriodLocked(
                f"{region} {month} is locked by {status.by}",
                code="locked",
                region=region,
                month=month,
                by=status.by,
            )
        if session is not None and status.is_read_only(session):
            raise PeriodLocked(
                f"{region} {month} is {status.status}: read-only until an admin"
                " sends it back",
                code="read_only",
                region=region,
                month=month,
                status=status.status,
            )

    def move(
        self, session: Session, region: str, month: str, action: str, reason: str = ""
    ) -> MonthStatus:
        """Apply submit / approve / lock / unlock / send_back; all but submit are
        the admin's. Submitting runs the month's checks and refuses on errors."""
        if action not in _NEXT:
            raise ValidationError(
                f"unknown action {action!r}",
                "action",
                code="unknown_action",
                action=action,
            )
        session.read_region(region)
        if action != "submit" and not session.is_admin:
            raise PermissionDenied(
                "only an admin can approve, lock, unlock or send back",
                code="admin_only",
            )
        if action in NEEDS_REASON and not reason.strip():
            raise ValidationError(
                f"{action}: needs a written reason", "reason", code="reason"
            )
        if action == "submit" and self._check is not None:
            errors = self._check(session, region, month)
            if errors:
                raise ValidationError(
                    f"{region} {month}: the checks found {errors} error(s)",
                    "status",
                    code="check_errors",
                    n=errors,
                )
        before, after = _NEXT[action]
        with self._store.connection() as conn, transaction(conn):
            current = self.status(region, month, conn)
            if before and current.status not in before:
                raise ValidationError(
                    f"cannot {action} a month that is {current.status}",
                    "status",
                    code="transition",
                    action=action,
                    status=current.status,
                )
            now = now_text()
            values = {
                "month": month,
                "status": after,
                "deleted": 0,
                "reason": reason.strip(),
                "updated_at": now,
                "updated_by": session.username,
            }
            if action == "submit":
                values.update(submitted_by=session.username, submitted_at=now)
            if action == "lock":
                values.update(locked_by=session.username, locked_at=now)
            self._repo.upsert(
                conn, natural_id("reports", region, month), region, values
            )
            return self.status(region, month, conn)

    def overview(self, session: Session, month: str) -> list[MonthStatus]:
        with self._store.connection() as conn:
            rows = self._repo.select(conn, session.read_region(), {"month": month})
        return [self.status(r["region"], month) for r in rows]
