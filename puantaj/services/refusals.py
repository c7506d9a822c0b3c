"""The rows the server refused, described for the clerk: what, why, what to do."""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core.datetext import day_text
from puantaj.store import refusals
from puantaj.store.database import Store

# what the clerk can do about each reason (keys of the interface catalogue)
ADVICE = {
    "period_locked": "refusal.advice.period_locked",
    "invalid_row": "refusal.advice.invalid_row",
    "region_forbidden": "refusal.advice.region_forbidden",
    "clock_ahead": "refusal.advice.clock_ahead",
}


@dataclass(frozen=True)
class RefusedRow:
    """One refused row as the refusals list shows it."""

    table: str
    row_id: str
    subject: str  # the row in words: a person, a person's day, a plate …
    reason: str  # the wire reason code
    detail: str  # the server's words (English)
    advice: str  # catalogue key of what to do
    rejected_at: str


class RefusalService:
    """Reads the refusals kept in the local file (written by the sync engine)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[RefusedRow]:
        with self._store.connection() as conn:
            kept = refusals.listed(conn)
            return [
                RefusedRow(
                    r.table,
                    r.row_id,
                    _subject(conn, r.table, r.row_id),
                    r.reason,
                    r.detail,
                    ADVICE.get(r.reason, "refusal.advice.other"),
                    r.rejected_at,
                )
                for r in kept
            ]


def _subject(conn, table: str, row_id: str) -> str:
    """The refused row in a few words, from what this file holds of it."""
    if table == "employees":
        row = conn.execute(
            "SELECT first_name, last_name, sicil_no FROM employees WHERE id = ?",
            (row_id,),
        ).fetchone()
        return f"{row[0]} {row[1]} ({row[2]})" if row else row_id
    if table == "timesheets":
        row = conn.execute(
            "SELECT e.first_name, e.last_name, t.work_date, t.code FROM timesheets t"
            " LEFT JOIN employees e ON e.id = t.employee_id WHERE t.id = ?",
            (row_id,),
        ).fetchone()
        if row is None:
            return row_id
        day = day_text(row[2]) if row[2] else "?"
        return f"{row[0] or '?'} {row[1] or ''} — {day}: {row[3] or ''}".strip()
    if table == "vehicles":
        row = conn.execute("SELECT plate FROM vehicles WHERE id = ?", (row_id,))
        found = row.fetchone()
        return found[0] if found else row_id
    if table == "reports":
        row = conn.execute(
            "SELECT region, month FROM reports WHERE id = ?", (row_id,)
        ).fetchone()
        return f"{row[0]} {row[1]}" if row else row_id
    return row_id
