"""What an admin overviews locally: the regions known here and the activity log."""

from __future__ import annotations

from puantaj.core import turkish
from puantaj.core.tables import ALL_REGIONS
from puantaj.store.database import Store


class OverviewService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def regions(self) -> list[str]:
        """Every region with users or employees here, in Turkish order."""
        with self._store.connection() as conn:
            rows = conn.execute(
                "SELECT region FROM users UNION SELECT region FROM employees"
            ).fetchall()
        names = {r[0] for r in rows if r[0] and r[0] != ALL_REGIONS}
        return sorted(names, key=turkish.sort_key)

    def activity(self, limit: int = 200) -> list[dict]:
        """The newest cell changes: who, when, old → new, from where."""
        with self._store.connection() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    "SELECT a.at, a.username, a.old, a.new, a.source, t.work_date,"
                    " e.sicil_no, e.first_name, e.last_name, e.region"
                    " FROM audit_log a LEFT JOIN timesheets t ON t.id = a.row_id"
                    " LEFT JOIN employees e ON e.id = t.employee_id"
                    " ORDER BY a.id DESC LIMIT ?",
                    (limit,),
                )
            ]

    def cell_day(self, row_id: str) -> str | None:
        """The work date (ISO) of a timesheet cell held here, if it is one."""
        with self._store.connection() as conn:
            row = conn.execute(
                "SELECT work_date FROM timesheets WHERE id = ?", (row_id,)
            ).fetchone()
        return row[0] if row else None
