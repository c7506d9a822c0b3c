"""Import of employees and a month's codes from an office's sheet, dry run first.

`plan` reads nothing into the database: it says, row by row, what would be
created, changed, left alone or refused and why. `apply` writes a plan the
clerk confirmed, cells in one transaction recorded as source 'import' (they
sync like typed data); `undo` takes the whole import back in one step.
"""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core import import_map
from puantaj.core.codes import cell_text
from puantaj.errors import PeriodLocked, PuantajError
from puantaj.import_words import Word
from puantaj.services.import_files import Table
from puantaj.services.import_rows import PlanLine, RowJudge, cell_value
from puantaj.services.month_grid import month_key
from puantaj.services.records import RecordService
from puantaj.services.reports import ReportService
from puantaj.services.session import Session
from puantaj.services.timesheets import Edit, TimesheetService
from puantaj.store.database import Store

__all__ = ["ImportPlan", "ImportResult", "ImportService", "PlanLine"]


@dataclass
class ImportPlan:
    region: str
    year: int
    month: int
    file: str
    mapping: dict[int, str]
    lines: list[PlanLine]

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)

    def render(self, dry_run: bool = True, index: int = 0) -> str:
        """The dry-run report as the clerk reads it (0 Turkish, 1 English)."""
        from puantaj.services.import_report import render

        return render(self, dry_run, index)


@dataclass
class ImportResult:
    """What an import wrote: enough to take it back."""

    created: list[str]  # ids of the employees it made
    updated: list[tuple[str, dict]]  # (id, fields as they were) of those it changed
    edits: list[Edit]  # the cells as imported
    before: list[Edit]  # the same cells as they were, in the same order
    region: str
    year: int
    month: int


class ImportService:
    """Plans and applies imports into one region's month."""

    def __init__(
        self,
        store: Store,
        timesheets: TimesheetService,
        employees: RecordService,
        reports: ReportService,
    ) -> None:
        self._store = store
        self._reports = reports
        self._timesheets = timesheets
        self._employees = employees

    def plan(
        self,
        session: Session,
        region: str,
        year: int,
        month: int,
        table: Table,
        mapping: dict[int, str] | None = None,
    ) -> ImportPlan:
        """The dry run; `mapping` (column → field) is the clerk's, else guessed."""
        session.read_region(region)
        if mapping is None:  # (an empty mapping is the clerk's: every column off)
            mapping = import_map.guess_mapping(table.headings, year, month)
        grid = self._timesheets.load_month(session, region, year, month)
        locked = self._locked(session, region, year, month)
        with self._store.connection() as conn:
            known = {
                r["sicil_no"]: dict(r)
                for r in conn.execute(
                    "SELECT * FROM employees WHERE region = ? AND deleted = 0",
                    (region,),
                )
            }
        judge = RowJudge(self._timesheets.codes, grid, known, region)
        lines: list[PlanLine] = []
        seen: dict[str, int] = {}  # sicil → the row that has it first
        for offset, cells in enumerate(table.rows):
            values = {
                f: cell_value(cells[i]) for i, f in mapping.items() if i < len(cells)
            }
            if not any(values.values()):
                continue  # a blank line between blocks
            line = judge.line(table.first_row + offset, values)
            if line.sicil in seen:  # two rows would write one person's cells
                line.action = "refused"
                first = seen[line.sicil]
                line.reasons = [
                    Word("imp.r.repeated", {"sicil": line.sicil, "row": first})
                ]
            elif locked and line.action != "refused":
                line.action, line.reasons = "refused", [locked]
            if line.sicil:
                seen.setdefault(line.sicil, line.row)
            lines.append(line)
        return ImportPlan(region, year, month, table.name, mapping, lines)

    def _locked(
        self, session: Session, region: str, year: int, month: int
    ) -> Word | None:
        try:
            with self._store.connection() as conn:
                self._reports.check_open(conn, region, month_key(year, month), session)
        except PeriodLocked as exc:
            return Word("imp.r.closed", {"why": exc})
        return None

    def apply(self, session: Session, plan: ImportPlan) -> ImportResult:
        """Write the rows the plan accepts: new employees, then every cell in one
        transaction (source 'import'). Refused rows are left out.

        All or nothing: if the cells are refused (the month was locked since the
        dry run, say), the employees it made are taken back and the error raised.
        """
        accepted = [line for line in plan.lines if line.action in ("create", "change")]
        created: list[str] = []
        updated: list[tuple[str, dict]] = []
        edits = [e for line in accepted for e in line.edits]
        before = [e for line in accepted for e in line.before]
        try:
            for line in accepted:
                if line.new_employee is not None:
                    created.append(
                        self._employees.create(session, line.new_employee, plan.region)
                    )
                elif line.updates:
                    self._employees.update(session, line.employee_id, line.updates)
                    updated.append((line.employee_id, line.previous))
            self._timesheets.write(session, edits, source="import")
        except PuantajError:
            self._take_back(session, created, updated)
            raise
        return ImportResult(
            created, updated, edits, before, plan.region, plan.year, plan.month
        )

    def _take_back(self, session, created: list[str], updated) -> None:
        for employee_id in created:
            self._employees.set_deleted(session, employee_id)
        for employee_id, previous in updated:
            self._employees.update(session, employee_id, previous)

    def undo(self, session: Session, result: ImportResult) -> int:
        """Take an import back: the cells as they were, new employees removed.

        A cell changed since the import (typed over, or by a sync) is left as it
        is now; returns how many were. Raises PeriodLocked if the month closed."""
        grid = self._timesheets.load_month(
            session, result.region, result.year, result.month
        )
        back, changed = [], 0
        for imported, before in zip(result.edits, result.before, strict=True):
            cell = grid.cell(imported.employee_id, imported.day)
            now = cell_text(cell.code, cell.overtime_hours) if cell else ""
            if now == imported.text:
                back.append(before)
            else:
                changed += 1
        self._timesheets.write(session, back, source="import-undo")
        self._take_back(session, result.created, result.updated)
        return changed
