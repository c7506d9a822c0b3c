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

    def subjects(self, rows: list[tuple[str, str]]) -> dict[str, dict]:
        """What each (table, row id) held here is about: a person's name and
        sicil no, a plate, a month, and the day (ISO) of a dated row. A row not
        held here is left out."""
        out: dict[str, dict] = {}
        with self._store.connection() as conn:
            for table, row_id in rows:
                query = _SUBJECT_QUERIES.get(table)
                found = conn.execute(query, (row_id,)).fetchone() if query else None
                if found is not None:
                    out[row_id] = dict(found)
        return out


# each returns name, sicil_no and day for one row id
_SUBJECT_QUERIES = {
    "timesheets": "SELECT e.first_name || ' ' || e.last_name AS name, e.sicil_no,"
    " t.work_date AS day FROM timesheets t JOIN employees e ON e.id = t.employee_id"
    " WHERE t.id = ?",
    "employees": "SELECT first_name || ' ' || last_name AS name, sicil_no,"
    " NULL AS day FROM employees WHERE id = ?",
    "vehicles": "SELECT plate AS name, NULL AS sicil_no, NULL AS day"
    " FROM vehicles WHERE id = ?",
    "drivers": "SELECT full_name AS name, NULL AS sicil_no, NULL AS day"
    " FROM drivers WHERE id = ?",
    "vehicle_faults": "SELECT v.plate AS name, NULL AS sicil_no, f.fault_date AS day"
    " FROM vehicle_faults f JOIN vehicles v ON v.id = f.vehicle_id WHERE f.id = ?",
    "vehicle_inspections": "SELECT v.plate AS name, NULL AS sicil_no,"
    " i.inspection_date AS day FROM vehicle_inspections i"
    " JOIN vehicles v ON v.id = i.vehicle_id WHERE i.id = ?",
    "reports": "SELECT region AS name, NULL AS sicil_no, month || '-01' AS day"
    " FROM reports WHERE id = ?",
}
