"""The month's checks for the grid, the submit dialog and `puantaj check --month`."""

from __future__ import annotations

from dataclasses import dataclass

from puantaj.core import validators
from puantaj.core.monthcheck import (
    ERROR,
    EmployeeMonth,
    Finding,
    MonthContext,
    check_month,
)
from puantaj.core.worktime import DEFAULT_DAILY_H
from puantaj.services.month_grid import MonthGrid, date_of, rest_day
from puantaj.services.session import Session
from puantaj.services.timesheets import TimesheetService


@dataclass
class MonthCheck:
    """What the checks found in one region's month, with the month they read."""

    grid: MonthGrid
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != ERROR]

    def who(self, finding: Finding) -> str:
        """'sicil  name' of the finding's employee ('' for the whole month)."""
        for employee in self.grid.employees:
            if employee["id"] == finding.employee_id:
                return (
                    f"{employee['sicil_no']}  {employee['first_name']}"
                    f" {employee['last_name']}"
                )
        return ""

    def render(self) -> str:
        """The findings in English, one a line (command line)."""
        head = f"{self.grid.region} {self.grid.year}-{self.grid.month:02d}:"
        if not self.findings:
            return f"{head} no findings ✓"
        lines = [f"{head} {len(self.errors)} error(s), {len(self.warnings)} warning(s)"]
        for f in self.findings:
            mark = "✗" if f.severity == ERROR else "!"
            who = self.who(f)
            lines.append(f"  {mark} {who + ': ' if who else ''}{f.describe()}")
        return "\n".join(lines)


class MonthCheckService:
    """Runs the core's month rules over a month read from the store."""

    def __init__(self, timesheets: TimesheetService) -> None:
        self.timesheets = timesheets

    def run(self, session: Session, region: str, year: int, month: int) -> MonthCheck:
        grid = self.timesheets.load_month(session, region, year, month)
        return MonthCheck(grid, self.findings(grid))

    def findings(self, grid: MonthGrid) -> list[Finding]:
        """The findings of a month already on screen (the grid's edits included)."""
        ts = self.timesheets
        ctx = MonthContext(grid.year, grid.month, ts.codes, ts.holidays, grid.today)
        people = []
        for employee in grid.employees:
            held = grid.leave.get(employee["id"])
            people.append(
                EmployeeMonth(
                    employee["id"],
                    date_of(employee["hire_date"]),
                    date_of(employee["exit_date"]),
                    grid.cells_around(employee["id"]),
                    rest_day(employee),
                    employee.get("daily_hours") or DEFAULT_DAILY_H,
                    grid.overtime_before.get(employee["id"], 0.0),
                    held[0] if held else None,
                    ts.leave_before(grid, employee),
                )
            )
        return check_month(ctx, people)

    def errors(self, session: Session, region: str, month: str) -> int:
        """How many errors stop the month's submission (ReportService's check)."""
        year, number = validators.parse_month(month)
        return len(self.run(session, region, year, number).errors)
