"""The code table and holiday calendar in force, read from the local store."""

from __future__ import annotations

import datetime as dt

from puantaj.core.codes import Code, CodeTable
from puantaj.core.holidays import Holiday, HolidayCalendar
from puantaj.store.database import Store


class CalendarService:
    """Loads the editable code and holiday tables."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def codes(self) -> CodeTable:
        with self._store.connection() as conn:
            rows = conn.execute("SELECT * FROM codes ORDER BY rowid").fetchall()
        return CodeTable(
            Code(
                r["code"],
                r["label_tr"],
                r["label_en"],
                r["kind"],
                r["worked"],
                r["paid"],
                bool(r["sgk"]),
                r["eksik"],
                tuple(a for a in r["aliases"].split(",") if a),
                r["color"],
            )
            for r in rows
        )

    def holidays(self) -> HolidayCalendar:
        with self._store.connection() as conn:
            rows = conn.execute("SELECT * FROM holidays").fetchall()
        return HolidayCalendar(
            Holiday(
                dt.date.fromisoformat(r["day"]),
                r["name_tr"],
                r["name_en"],
                r["fraction"],
            )
            for r in rows
        )

    def set_holiday(
        self, day: dt.date, name_tr: str, name_en: str, fraction: float
    ) -> None:
        with self._store.connection() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO holidays VALUES (?,?,?,?)",
                (day.isoformat(), name_tr, name_en, fraction),
            )
