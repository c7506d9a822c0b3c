"""The monthly grid: read a month, write cells, fill and copy months, totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from puantaj.core.codes import CodeTable
from puantaj.core.datetext import day_text
from puantaj.core.holidays import HolidayCalendar
from puantaj.core.leave import LeaveBalance, leave_used
from puantaj.core.tables import timesheet_id
from puantaj.core.totals import Cell, MonthTotals, employed_range, month_totals
from puantaj.errors import PermissionDenied, ValidationError
from puantaj.services.calendar import CalendarService
from puantaj.services.month_grid import (
    CONTEXT_DAYS,
    MonthGrid,
    date_of,
    leave_years,
    month_days,
    month_employees,
    month_key,
    overtime_before,
    read_cells,
    rest_day,
)
from puantaj.services.records import now_text
from puantaj.services.reports import ReportService
from puantaj.services.session import Session
from puantaj.store.database import Store
from puantaj.store.engine import transaction
from puantaj.store.rows import TableRepo


@dataclass(frozen=True)
class Edit:
    """One cell a clerk typed: employee, day and the text as typed."""

    employee_id: str
    day: dt.date
    text: str


class TimesheetService:
    """Use cases of the puantaj grid; every write is region-checked and lock-checked."""

    def __init__(
        self,
        store: Store,
        calendars: CalendarService,
        reports: ReportService,
        today: Callable[[], dt.date] = dt.date.today,
    ):
        self._store = store
        self._calendars = calendars
        self._reports = reports
        self._cells = TableRepo("timesheets")
        self._employees = TableRepo("employees")
        self.today = today
        self.codes: CodeTable = calendars.codes()
        self.holidays: HolidayCalendar = calendars.holidays()

    def load_month(
        self, session: Session, region: str, year: int, month: int
    ) -> MonthGrid:
        """The month of a region with its totals, reading the code and holiday
        tables in force now (an admin may have changed them, here or by sync)."""
        session.read_region(region)
        self.refresh_tables()
        days = month_days(year, month)
        around = dt.timedelta(days=CONTEXT_DAYS)
        with self._store.connection() as conn:
            employees = month_employees(conn, region, days)
            every = read_cells(conn, region, days[0] - around, days[-1] + around)
            status = self._reports.status(region, month_key(year, month), conn)
            before = overtime_before(conn, region, days[0])
            annual = [c.code for c in self.codes.codes.values() if c.kind == "annual"]
            leave = leave_years(conn, employees, days[-1], annual)
        cells: dict[str, dict[dt.date, Cell]] = {}
        context: dict[str, dict[dt.date, Cell]] = {}
        for employee_id, by_day in every.items():
            for day, cell in by_day.items():
                inside = days[0] <= day <= days[-1]
                (cells if inside else context).setdefault(employee_id, {})[day] = cell
        grid = MonthGrid(region, year, month, days, employees, cells, status)
        grid.today, grid.context, grid.overtime_before = self.today(), context, before
        grid.leave = leave
        for employee in employees:
            grid.totals[employee["id"]] = self.totals_for(grid, employee)
        return grid

    def change_mark(self) -> tuple[int, int]:
        """Moves whenever anyone writes the file (see Store.change_mark)."""
        return self._store.change_mark()

    def refresh_tables(self) -> None:
        """Read the code and holiday tables in force."""
        self.codes = self._calendars.codes()
        self.holidays = self._calendars.holidays()

    def totals_for(self, grid: MonthGrid, employee: dict) -> MonthTotals:
        return month_totals(
            grid.year,
            grid.month,
            grid.cells_around(employee["id"]),
            self.codes,
            self.holidays,
            date_of(employee["hire_date"]),
            date_of(employee["exit_date"]),
            grid.today,
        )

    def leave_for(self, grid: MonthGrid, employee: dict) -> LeaveBalance | None:
        """The employee's leave year as of the month's end: earned and used."""
        held = grid.leave.get(employee["id"])
        if held is None:
            return None
        year = held[0]
        coded = [
            d
            for d, c in sorted(grid.cells.get(employee["id"], {}).items())
            if c.code and year.start <= d and self._is_annual(c.code)
        ]
        used = leave_used(coded, self.holidays, rest_day(employee))
        return LeaveBalance(year, self.leave_before(grid, employee) + used)

    def leave_before(self, grid: MonthGrid, employee: dict) -> float:
        """Leave days taken in the leave year before this month."""
        held = grid.leave.get(employee["id"])
        if held is None:
            return 0.0
        earlier = [d for d in held[1] if d < grid.days[0]]
        return leave_used(earlier, self.holidays, rest_day(employee))

    def _is_annual(self, text: str) -> bool:
        code = self.codes.resolve(text)
        return code is not None and code.kind == "annual"

    def year_overtime(self, grid: MonthGrid, employee: dict) -> float:
        """Overtime hours this year through the month's end (md.41: ≤ 270)."""
        return (
            grid.overtime_before.get(employee["id"], 0.0)
            + grid.totals[employee["id"]].overtime_hours
        )

    def write(
        self, session: Session, edits: Iterable[Edit], source: str = "grid"
    ) -> int:
        """Write typed cells in one transaction; any unknown code rejects the lot."""
        edits = list(edits)
        self.refresh_tables()  # a code the admin switched off is refused at once
        parsed = []
        for edit in edits:
            try:
                parsed.append((edit, self.codes.parse_entry(edit.text)))
            except ValidationError as exc:
                day = day_text(edit.day)
                if exc.code != "code":  # X+2.5, X+20: say what is wrong
                    raise ValidationError(
                        f"{day}: {exc}", exc.field, code=exc.code, **exc.values
                    ) from None
                raise ValidationError(
                    f"{day}: {exc}", "code", code="code_on", day=day, text=edit.text
                ) from None
        with self._store.connection() as conn, transaction(conn):
            checked: set[tuple[str, str]] = set()
            employees: dict[str, dict] = {}
            for edit, entry in parsed:
                employee = employees.get(edit.employee_id) or self._employees.get(
                    conn, edit.employee_id
                )
                if employee is None or employee["deleted"]:
                    raise ValidationError(
                        "unknown employee", "employee_id", code="no_employee"
                    )
                employees[edit.employee_id] = employee
                session.check_row(employee)
                key = (employee["region"], month_key(edit.day.year, edit.day.month))
                if key not in checked:
                    self._reports.check_open(conn, *key, session)
                    checked.add(key)
                span = employed_range(
                    edit.day.year,
                    edit.day.month,
                    date_of(employee["hire_date"]),
                    date_of(employee["exit_date"]),
                )
                employed = span is not None and span[0] <= edit.day <= span[1]
                if not employed and entry.code is not None:  # clearing is allowed
                    raise ValidationError(
                        f"{edit.day.strftime('%d.%m.%Y')}: outside employment dates",
                        "day",
                        code="not_employed",
                        day=day_text(edit.day),
                    )
                self._write_cell(
                    conn,
                    session,
                    employee,
                    edit.day,
                    entry.code,
                    entry.overtime_hours,
                    source,
                )
        return len(parsed)

    def _write_cell(
        self,
        conn,
        session: Session,
        employee: dict,
        day: dt.date,
        code: str | None,
        overtime: float | None,
        source: str,
    ) -> None:
        row_id = timesheet_id(employee["id"], day.isoformat())
        old = self._cells.get(conn, row_id)
        if (
            old is not None
            and old["code"] == code
            and (old["overtime_hours"] or None) == overtime
            and not old["deleted"]
        ):
            return
        now = now_text()
        values = {
            "employee_id": employee["id"],
            "work_date": day.isoformat(),
            "code": code,
            "overtime_hours": overtime,
            "deleted": 0,
            "updated_at": now,
            "updated_by": session.username,
        }
        if old is None:
            values.update(created_at=now, created_by=session.username)
        self._cells.upsert(conn, row_id, employee["region"], values)
        conn.execute(
            "INSERT INTO audit_log (at, username, tbl, row_id, field, old, new, source)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (
                now,
                session.username,
                "timesheets",
                row_id,
                "code",
                old["code"] if old else None,
                code,
                source,
            ),
        )

    def fill_month(self, session: Session, grid: MonthGrid) -> int:
        """X on workdays, HT on each person's rest day, GT on holidays; empty cells
        up to today only (issue 15: a future day is not known yet)."""
        return self.write(session, self.fill_plan(grid), source="fill")

    def fill_plan(self, grid: MonthGrid) -> list[Edit]:
        """The cells `fill_month` would write, unwritten."""
        return [Edit(emp, day, code) for emp, day, code in self._empty_cells(grid)]

    def copy_last_month(self, session: Session, grid: MonthGrid) -> int:
        """Copy last month's codes day by day into empty cells up to today; rest
        days and holidays of this month get HT and GT."""
        return self.write(session, self.copy_plan(session, grid), source="copy")

    def copy_plan(self, session: Session, grid: MonthGrid) -> list[Edit]:
        """The cells `copy_last_month` would write, unwritten."""
        prev = grid.days[0] - dt.timedelta(days=1)
        last = self.load_month(session, grid.region, prev.year, prev.month)
        edits = []
        for emp, day, default in self._empty_cells(grid):
            old = (
                last.cell(emp, prev.replace(day=day.day))
                if day.day <= prev.day
                else None
            )
            keep = (
                default == "X"
                and old is not None
                and old.code not in ("HT", "GT", None)
            )
            edits.append(Edit(emp, day, old.code if keep else default))
        return edits

    def _empty_cells(self, grid: MonthGrid):
        """(employee id, day, calendar default code) of every empty employed cell
        up to today."""
        for employee in grid.employees:
            rest = employee["weekly_rest_day"]
            rest = 6 if rest is None else rest
            for day in grid.days:
                if day > grid.today:
                    break
                if grid.is_employed(employee, day) and not grid.cell(
                    employee["id"], day
                ):
                    yield employee["id"], day, self._default_code(day, rest)

    def _default_code(self, day: dt.date, rest_day: int) -> str:
        if self.holidays.is_full_holiday(day):
            return "GT"
        return "HT" if day.weekday() == rest_day else "X"

    def history(self, session: Session, employee_id: str, day: dt.date) -> list[dict]:
        """Audit trail of one cell, newest first."""
        if not session.is_admin:
            with self._store.connection() as conn:
                employee = self._employees.get(conn, employee_id)
            if employee is None or employee["region"] != session.region:
                raise PermissionDenied(
                    "that record belongs to another region", code="foreign_row"
                )
        with self._store.connection() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    "SELECT at, username, old, new, source FROM audit_log"
                    " WHERE tbl = 'timesheets' AND row_id = ? ORDER BY id DESC",
                    (timesheet_id(employee_id, day.isoformat()),),
                )
            ]
