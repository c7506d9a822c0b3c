"""Health report of the local database: integrity, schema, counts, unsent changes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from puantaj.core.changes import ChangeError, check_value
from puantaj.core.ddl import q
from puantaj.core.tables import TABLES
from puantaj.errors import StoreError
from puantaj.store import changelog, migrations
from puantaj.store.database import Store
from puantaj.store.rows import TableRepo
from puantaj.syncproto.digest import DivergenceReport

SHOWN = 20  # problem rows listed one by one
_LABELS = {
    "employees": "Employees",
    "timesheets": "Timesheets",
    "vehicles": "Vehicles",
    "drivers": "Drivers",
    "vehicle_faults": "Vehicle faults",
    "vehicle_inspections": "Vehicle inspections",
    "reports": "Reports",
    "users": "Users",
    "day_codes": "Day codes (admin's)",
    "holiday_days": "Holidays (admin's)",
}


@dataclass
class CheckReport:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def good(self, text: str) -> None:
        self.lines.append(f"{text} ✓")

    def bad(self, text: str) -> None:
        self.lines.append(f"{text} ✗")
        self.problems.append(text)

    def info(self, text: str) -> None:
        self.lines.append(text)

    def render(self) -> str:
        verdict = (
            "All checks passed ✓" if self.ok else f"{len(self.problems)} problem(s) ✗"
        )
        return "\n".join([*self.lines, verdict])


def run_checks(store: Store, notes: list[str] | None = None) -> CheckReport:
    """Every check of `python check_db.py`; never writes to the database."""
    report = CheckReport()
    report.info(f"Database: {store.path}")
    if not store.path.exists():
        report.bad("Database file does not exist")
        return report
    try:
        with store.connection() as conn:
            _check(conn, report)
    except (sqlite3.DatabaseError, StoreError) as exc:
        report.bad(f"Cannot read the database: {exc}")
    for note in notes or []:
        report.info(note)
    return report


def _check(conn: sqlite3.Connection, report: CheckReport) -> None:
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    (report.good if integrity == "ok" else report.bad)(f"Integrity: {integrity}")
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    (report.bad if fk else report.good)(f"Foreign keys: {len(fk)} violations")
    version = migrations.schema_version(conn)
    text = f"Schema version: {version} (current {migrations.SCHEMA_VERSION})"
    (report.good if version == migrations.SCHEMA_VERSION else report.bad)(text)
    if version != migrations.SCHEMA_VERSION:
        report.info("  run: python migrate_db.py")
        return
    for table in TABLES:
        by_region = TableRepo(table).count_by_region(conn)
        total = sum(r[1] for r in by_region)
        report.good(f"{_LABELS[table]}: {total} records")
        for region, live, deleted in by_region:
            extra = f", {deleted} deleted" if deleted else ""
            report.info(f"  {region}: {live}{extra}")
    orphans = conn.execute(
        "SELECT count(*) FROM timesheets t WHERE NOT EXISTS"
        " (SELECT 1 FROM employees e WHERE e.id = t.employee_id)"
    ).fetchone()[0]
    (report.bad if orphans else report.good)(
        f"Timesheet cells without employee: {orphans}"
    )
    invalid = invalid_rows(conn)
    rows = len({(p.table, p.row_id) for p in invalid})
    (report.bad if invalid else report.good)(f"Rows the server would refuse: {rows}")
    for problem in invalid[:SHOWN]:
        report.info(f"  {problem.table} {problem.row_id}: {problem.message}")
    report.info(f"Unsent changes: {changelog.pending_count(conn)} rows")
    _comparison(conn, report)
    refused = conn.execute("SELECT count(*) FROM _rejected").fetchone()[0]
    (report.bad if refused else report.good)(
        f"Changes refused by the server: {refused}"
    )


@dataclass(frozen=True)
class RowProblem:
    """A stored row that breaks a rule sync enforces (an old database's)."""

    table: str
    row_id: str
    column: str
    message: str


def invalid_rows(conn: sqlite3.Connection) -> list[RowProblem]:
    """Every problem of every row that sync would refuse (O(rows))."""
    out = []
    for table, spec in TABLES.items():
        names = spec.data_columns
        select = ", ".join(q(n) for n in names)
        for row in conn.execute(f"SELECT id, {select} FROM {q(table)}"):
            for name, value in zip(names, tuple(row)[1:], strict=True):
                try:
                    check_value(spec, name, value)
                except ChangeError as exc:
                    out.append(RowProblem(table, row[0], name, str(exc)))
    return out


def _comparison(conn: sqlite3.Connection, report: CheckReport) -> None:
    """The last comparison of this file with the server (made by a sync run)."""
    last = DivergenceReport.from_json(changelog.get_state(conn, "divergence"))
    if last is None:
        report.info("Comparison with the server: never made (puantaj sync --verify)")
        return
    text = f"Comparison with the server: {last.describe()} ({last.checked_at})"
    if last.state == "differ":
        report.bad(text)
    elif last.in_step:
        report.good(text)
    else:
        report.info(text)
