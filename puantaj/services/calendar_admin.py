"""The admin's edits of the code and holiday tables, synced to every office.

Each edit is an ordinary synced write of region '*' (every office pulls those
rows; a region's token cannot write them). Only an admin may edit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from puantaj.core import turkish, validators
from puantaj.core.codes import KINDS
from puantaj.core.holidays import HOLIDAYS_2026
from puantaj.core.numbers import parse_number
from puantaj.core.tables import ALL_REGIONS, natural_id
from puantaj.errors import PermissionDenied, ValidationError
from puantaj.services import holiday_prefill
from puantaj.services.calendar import CalendarService
from puantaj.services.records import RecordService, now_text
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.store.rows import TableRepo

# SGK eksik gün nedeni codes (circular 2020/20, DOMAIN.md §1.4)
EKSIK_CODES = (
    *(f"{n:02d}" for n in range(1, 14)),
    *(f"{n:02d}" for n in range(15, 30)),
)
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class CalendarAdmin:
    """Edits of the shared tables; every method raises PermissionDenied for a clerk."""

    def __init__(self, store: Store, calendars: CalendarService) -> None:
        self._store = store
        self._calendars = calendars
        self._codes = TableRepo("day_codes")
        self._holidays = TableRepo("holiday_days")
        self._checker = {
            "day_codes": RecordService(store, "day_codes"),
            "holiday_days": RecordService(store, "holiday_days"),
        }

    def save_code(self, session: Session, values: Mapping[str, Any]) -> str:
        """Add or change a code (its code letters are its key)."""
        _admin(session)
        code = turkish.upper(str(values.get("code") or "").strip())
        clean = self._code_values(code, values)
        self._write(session, self._codes, natural_id("day_codes", code), clean)
        return code

    def reset_code(self, session: Session, code: str) -> None:
        """Back to the built-in code; an added code is removed (stored cells
        holding it are then listed as unknown by the month check)."""
        _admin(session)
        self._tombstone(session, self._codes, natural_id("day_codes", code))

    def save_holiday(
        self,
        session: Session,
        day: object,
        name_tr: str,
        name_en: str = "",
        fraction: object = 1.0,
        status: str = "confirmed",
    ) -> dt.date:
        """Add or change a holiday day; fraction 0.5 for an eve from 13:00."""
        _admin(session)
        when = validators.parse_date(day, "holiday_date")
        share = (
            parse_number(fraction, "fraction")
            if isinstance(fraction, str)
            else float(fraction)
        )
        if share not in (0.5, 1.0):
            raise ValidationError(
                "fraction: 1 (a full day) or 0,5 (from 13:00)",
                "fraction",
                code="fraction",
            )
        values = {
            "holiday_date": when.isoformat(),
            "name_tr": name_tr.strip(),
            "name_en": name_en.strip() or name_tr.strip(),
            "fraction": share,
            "status": status,
        }
        values = self._checker["holiday_days"].clean(values)
        if not values["name_tr"]:
            raise ValidationError("name_tr: is required", "name_tr", code="required")
        self._write(session, self._holidays, _holiday_id(when), values)
        return when

    def remove_holiday(self, session: Session, day: object) -> None:
        """No holiday on that day: a built-in one is struck off (fraction 0)."""
        _admin(session)
        when = validators.parse_date(day, "holiday_date")
        default = next((h for h in HOLIDAYS_2026 if h.day == when), None)
        if default is None:
            self._tombstone(session, self._holidays, _holiday_id(when))
            return
        values = {
            "holiday_date": when.isoformat(),
            "name_tr": default.name_tr,
            "name_en": default.name_en,
            "fraction": 0.0,
            "status": "confirmed",
        }
        self._write(session, self._holidays, _holiday_id(when), values)

    def confirm_holiday(self, session: Session, day: object) -> None:
        """A person checked a pre-filled day: it is no longer 'to confirm'."""
        _admin(session)
        when = validators.parse_date(day, "holiday_date")
        for row in self._calendars.holiday_rows(when.year):
            if row.holiday.day == when:
                h = row.holiday
                self.save_holiday(
                    session, when, h.name_tr, h.name_en, h.fraction, "confirmed"
                )
                return
        raise ValidationError(
            "no holiday on that day", "holiday_date", code="no_holiday"
        )

    def prefill(self, session: Session, year: int) -> list[dt.date]:
        """Add `year`'s public holidays from the holidays package that are not in
        the table yet, the religious ones 'to confirm'; return their days."""
        _admin(session)
        have = {r.holiday.day for r in self._calendars.holiday_rows(year)}
        added = []
        for holiday, religious in holiday_prefill.suggested(year):
            if holiday.day in have:
                continue
            status = "to_confirm" if religious else "confirmed"
            h = holiday
            self.save_holiday(session, h.day, h.name_tr, h.name_en, h.fraction, status)
            added.append(holiday.day)
        return added

    def _code_values(self, code: str, values: Mapping[str, Any]) -> dict:
        if not code or not re.fullmatch(r"[^\s,+]{1,8}", code):
            raise ValidationError(
                f"code: 1–8 letters, no spaces or commas: {code!r}",
                "code",
                code="bad_code",
            )
        kind = str(values.get("kind") or "")
        if kind not in KINDS:
            raise ValidationError(
                f"kind: one of {KINDS}", "kind", code="bad_value", value=kind
            )
        eksik = str(values.get("eksik") or "").strip()
        if eksik and eksik not in EKSIK_CODES:
            raise ValidationError(
                "eksik: an SGK eksik gün code (01–29)",
                "eksik",
                code="bad_value",
                value=eksik,
            )
        color = str(values.get("color") or "#ffffff").strip()
        if not _COLOR.fullmatch(color):
            raise ValidationError(
                "color: #rrggbb", "color", code="bad_value", value=color
            )
        aliases = [
            turkish.upper(a.strip())
            for a in str(values.get("aliases") or "").split(",")
            if a.strip()
        ]
        self._check_names(code, aliases)
        clean = {
            "code": code,
            "label_tr": str(values.get("label_tr") or "").strip(),
            "label_en": str(values.get("label_en") or "").strip(),
            "kind": kind,
            "worked": _share(values.get("worked"), "worked"),
            "paid": _share(values.get("paid"), "paid"),
            "sgk": int(bool(values.get("sgk"))),
            "eksik": eksik,
            "aliases": ",".join(aliases),
            "color": color,
            "active": int(values.get("active", True) not in (False, 0, "0")),
        }
        if not clean["label_tr"]:
            raise ValidationError("label_tr: is required", "label_tr", code="required")
        return self._checker["day_codes"].clean(clean)

    def _check_names(self, code: str, aliases: list[str]) -> None:
        """A code or alias may name one code only."""
        taken = {}
        for row in self._calendars.code_rows():
            if row.code.code == code:
                continue
            for name in (row.code.code, *row.code.aliases):
                taken[turkish.upper(name)] = row.code.code
        for name in (code, *aliases):
            if name in taken:
                raise ValidationError(
                    f"{name} already names the code {taken[name]}",
                    "aliases",
                    code="name_taken",
                    name=name,
                    other=taken[name],
                )

    def _write(
        self, session: Session, repo: TableRepo, row_id: str, values: dict
    ) -> None:
        now = now_text()
        with self._store.connection() as conn, transaction(conn):
            old = repo.get(conn, row_id)
            row = {
                **values,
                "deleted": 0,
                "updated_at": now,
                "updated_by": session.username,
            }
            if old is None:
                row.update(created_at=now, created_by=session.username)
            repo.upsert(conn, row_id, ALL_REGIONS, row)

    def _tombstone(self, session: Session, repo: TableRepo, row_id: str) -> None:
        with self._store.connection() as conn, transaction(conn):
            if repo.get(conn, row_id) is not None:
                repo.update(
                    conn,
                    row_id,
                    {
                        "deleted": 1,
                        "updated_at": now_text(),
                        "updated_by": session.username,
                    },
                )


def _admin(session: Session) -> None:
    if not session.is_admin:
        raise PermissionDenied(
            "only an admin edits the code and holiday tables", code="admin_tables"
        )


def _holiday_id(day: dt.date) -> str:
    return natural_id("holiday_days", day.isoformat())


def _share(value: object, field: str) -> float:
    """A day's share 0–1 (worked, paid), in Turkish notation ('0,5')."""
    number = parse_number(value, field) if isinstance(value, str) else float(value or 0)
    if not 0 <= number <= 1:
        raise ValidationError(f"{field}: from 0 to 1", field, code="share")
    return number
