"""The code table and holiday calendar in force: built-in defaults, overridden by
the admin's synced rows (tables `day_codes` and `holiday_days`, region '*')."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from puantaj.core.codes import DEFAULT_CODES, Code, CodeTable
from puantaj.core.holidays import HOLIDAYS_2026, Holiday, HolidayCalendar
from puantaj.store.database import Store


@dataclass(frozen=True)
class CodeRow:
    """A code as the admin's table lists it: in force or switched off, and
    whether it is the built-in one, an edited one or one the admin added."""

    code: Code
    active: bool
    source: str  # default | edited | added


@dataclass(frozen=True)
class HolidayRow:
    """A holiday day as the admin's table lists it."""

    holiday: Holiday
    status: str  # confirmed | to_confirm
    source: str  # default | edited | added


def code_of(row) -> Code:
    return Code(
        row["code"],
        row["label_tr"],
        row["label_en"] or row["label_tr"],
        row["kind"],
        row["worked"] or 0.0,
        row["paid"] or 0.0,
        bool(row["sgk"]),
        row["eksik"] or "",
        tuple(a.strip() for a in (row["aliases"] or "").split(",") if a.strip()),
        row["color"] or "#ffffff",
    )


class CalendarService:
    """Reads the code and holiday tables in force (anyone may read them)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def code_rows(self) -> list[CodeRow]:
        """Every code, built-in ones first in their order, then the added ones."""
        with self._store.connection() as conn:
            rows = conn.execute(
                "SELECT * FROM day_codes WHERE deleted = 0 ORDER BY code"
            ).fetchall()
        edited = {r["code"]: r for r in rows}
        out = []
        for code in DEFAULT_CODES:
            row = edited.pop(code.code, None)
            if row is None:
                out.append(CodeRow(code, True, "default"))
            else:
                out.append(CodeRow(code_of(row), bool(row["active"]), "edited"))
        out.extend(
            CodeRow(code_of(r), bool(r["active"]), "added") for r in edited.values()
        )
        return out

    def codes(self) -> CodeTable:
        return CodeTable(r.code for r in self.code_rows() if r.active)

    def holiday_rows(self, year: int | None = None) -> list[HolidayRow]:
        """Every holiday day (of `year`), by date; a day the admin struck off
        (fraction 0) is listed too."""
        with self._store.connection() as conn:
            rows = conn.execute(
                "SELECT * FROM holiday_days WHERE deleted = 0"
            ).fetchall()
        edited = {dt.date.fromisoformat(r["holiday_date"]): r for r in rows}
        out = []
        for default in HOLIDAYS_2026:
            row = edited.pop(default.day, None)
            if row is None:
                out.append(HolidayRow(default, "confirmed", "default"))
            else:
                out.append(_holiday_row(row, "edited"))
        out.extend(_holiday_row(r, "added") for r in edited.values())
        out.sort(key=lambda r: r.holiday.day)
        return [r for r in out if year is None or r.holiday.day.year == year]

    def holidays(self) -> HolidayCalendar:
        return HolidayCalendar(
            r.holiday for r in self.holiday_rows() if r.holiday.fraction > 0
        )


def _holiday_row(row, source: str) -> HolidayRow:
    holiday = Holiday(
        dt.date.fromisoformat(row["holiday_date"]),
        row["name_tr"],
        row["name_en"] or row["name_tr"],
        row["fraction"] if row["fraction"] is not None else 1.0,
    )
    return HolidayRow(holiday, row["status"] or "confirmed", source)
