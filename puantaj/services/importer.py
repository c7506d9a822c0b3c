"""Import of employees and a month's codes from an office's sheet, dry run first.

`plan` reads nothing into the database: it says, row by row, what would be
created, changed, left alone or refused and why. `apply` writes a plan the
clerk confirmed, cells in one transaction recorded as source 'import' (they
sync like typed data); `undo` takes the whole import back in one step.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from puantaj.core import import_map, validators
from puantaj.core.codes import cell_text
from puantaj.core.tables import natural_id
from puantaj.errors import PeriodLocked, PuantajError, ValidationError
from puantaj.import_words import Word
from puantaj.services.import_files import Table
from puantaj.services.month_grid import MonthGrid, date_of, month_key
from puantaj.services.records import RecordService
from puantaj.services.reports import ReportService
from puantaj.services.session import Session
from puantaj.services.timesheets import Edit, TimesheetService
from puantaj.store.database import Store


@dataclass
class PlanLine:
    """What importing one row of the sheet would do."""

    row: int
    sicil: str
    name: str
    action: str = "same"  # create / change / same / refused
    reasons: list[Word] = field(default_factory=list)  # why refused
    notes: list[Word] = field(default_factory=list)  # what changes
    employee_id: str = ""
    new_employee: dict | None = None
    edits: list[Edit] = field(default_factory=list)
    before: list[Edit] = field(default_factory=list)  # the cells as they were


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
    edits: list[Edit]  # the cells as imported
    before: list[Edit]  # the same cells as they were, in the same order
    region: str
    year: int
    month: int


def _zeros_lost(sicil: str, known: dict[str, dict]) -> dict | None:
    """The one employee whose sicil `0042` Excel showed as the number 42."""
    if not sicil.isdigit():
        return None
    same = [e for s, e in known.items() if s.isdigit() and int(s) == int(sicil)]
    return same[0] if len(same) == 1 else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


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
        last = calendar.monthrange(year, month)[1]
        if mapping is None:  # (an empty mapping is the clerk's: every column off)
            mapping = import_map.guess_mapping(table.headings, last)
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
        lines: list[PlanLine] = []
        seen: dict[str, int] = {}  # sicil → the row that has it first
        for offset, cells in enumerate(table.rows):
            values = {f: _text(cells[i]) for i, f in mapping.items() if i < len(cells)}
            if not any(values.values()):
                continue  # a blank line between blocks
            line = self._line(table.first_row + offset, values, known, grid, region)
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

    def _line(self, row, values, known, grid: MonthGrid, region) -> PlanLine:
        sicil = values.get("sicil", "")
        first, last = values.get("first", ""), values.get("last", "")
        if values.get("name") and not (first and last):
            first, last = import_map.split_name(values["name"])
        line = PlanLine(row, sicil, f"{first} {last}".strip())
        tc = values.get("tc", "")
        if not sicil:
            line.reasons.append(Word("imp.r.no_sicil"))
        if tc and not validators.is_valid_tc(tc):
            line.reasons.append(Word("imp.r.bad_tc", {"tc": tc}))
        employee = known.get(sicil) or _zeros_lost(sicil, known)
        if employee is not None:
            line.sicil = employee["sicil_no"]
        if employee is None and sicil:
            employee = self._new_employee(line, values, first, last, tc, region)
        elif employee is not None:
            line.employee_id = employee["id"]
            if tc and employee["tc_no"] and tc != employee["tc_no"]:
                line.reasons.append(Word("imp.r.tc_differs", {"tc": employee["tc_no"]}))
        if employee is not None and not line.reasons:
            self._cells(line, values, employee, grid)
        if line.reasons:
            line.action = "refused"
        elif line.new_employee is not None:
            line.action = "create"
        elif line.edits:
            line.action = "change"
        return line

    def _new_employee(self, line, values, first, last, tc, region) -> dict | None:
        if not (first and last):
            line.reasons.append(Word("imp.r.need_name"))
            return None
        hire = values.get("hire", "")
        try:
            hire_day = validators.parse_date(hire, "hire_date") if hire else None
        except ValidationError:
            line.reasons.append(Word("imp.r.bad_hire", {"value": hire}))
            return None
        if hire_day is None:
            line.reasons.append(Word("imp.r.need_hire"))
            return None
        leave = values.get("exit", "")
        try:
            exit_day = validators.parse_date(leave, "exit_date") if leave else None
        except ValidationError:
            line.reasons.append(Word("imp.r.bad_exit", {"value": leave}))
            return None
        record = {
            "sicil_no": line.sicil,
            "tc_no": tc or None,
            "first_name": first,
            "last_name": last,
            "title": values.get("title") or None,
            "hire_date": hire_day.strftime("%d.%m.%Y"),
            "exit_date": exit_day.strftime("%d.%m.%Y") if exit_day else None,
        }
        line.new_employee = record
        line.employee_id = natural_id("employees", region, line.sicil)
        line.notes.append(Word("imp.n.new", {"hire": record["hire_date"]}))
        return {
            "id": line.employee_id,
            "hire_date": hire_day.isoformat(),
            "exit_date": exit_day.isoformat() if exit_day else None,
        }

    def _cells(self, line: PlanLine, values, employee: dict, grid: MonthGrid) -> None:
        hire, leave = date_of(employee["hire_date"]), date_of(employee["exit_date"])
        changed = 0
        for key, text in values.items():
            if not key.startswith("day:") or not text:
                continue
            day = dt.date(grid.year, grid.month, int(key[4:]))
            try:
                entry = self._timesheets.codes.parse_entry(text)
            except ValidationError:
                line.reasons.append(
                    Word("imp.r.unknown_code", {"day": day.day, "code": text})
                )
                continue
            if (hire and day < hire) or (leave and day > leave):
                line.reasons.append(Word("imp.r.outside", {"day": day.day}))
                continue
            new = cell_text(entry.code, entry.overtime_hours)
            old = grid.cell(employee["id"], day)
            old_text = cell_text(old.code, old.overtime_hours) if old else ""
            if new != old_text:
                line.edits.append(Edit(employee["id"], day, new))
                line.before.append(Edit(employee["id"], day, old_text))
                changed += 1
        if changed:
            line.notes.append(Word("imp.n.days", {"n": changed}))

    def apply(self, session: Session, plan: ImportPlan) -> ImportResult:
        """Write the rows the plan accepts: new employees, then every cell in one
        transaction (source 'import'). Refused rows are left out.

        All or nothing: if the cells are refused (the month was locked since the
        dry run, say), the employees it made are taken back and the error raised.
        """
        accepted = [line for line in plan.lines if line.action in ("create", "change")]
        created: list[str] = []
        edits = [e for line in accepted for e in line.edits]
        before = [e for line in accepted for e in line.before]
        try:
            for line in accepted:
                if line.new_employee is not None:
                    created.append(
                        self._employees.create(session, line.new_employee, plan.region)
                    )
            self._timesheets.write(session, edits, source="import")
        except PuantajError:
            for employee_id in created:
                self._employees.set_deleted(session, employee_id)
            raise
        return ImportResult(created, edits, before, plan.region, plan.year, plan.month)

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
        for employee_id in result.created:
            self._employees.set_deleted(session, employee_id)
        return changed
