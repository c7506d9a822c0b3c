"""The monthly grid: read a month, write cells, fill and copy months, totals."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from puantaj.core import turkish
from puantaj.core.codes import CodeTable
from puantaj.core.holidays import HolidayCalendar
from puantaj.core.tables import timesheet_id
from puantaj.core.totals import Cell, MonthTotals, employed_range, month_totals
from puantaj.errors import PermissionDenied, ValidationError
from puantaj.services.calendar import CalendarService
from puantaj.services.records import now_text
from puantaj.services.reports import MonthStatus, ReportService
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


@dataclass
class MonthGrid:
    """Everything the grid shows for one region and month."""

    region: str
    year: int
    month: int
    days: list[dt.date]
    employees: list[dict]
    cells: dict[str, dict[dt.date, Cell]]  # employee id → day → cell
    status: MonthStatus
    totals: dict[str, MonthTotals] = field(default_factory=dict)

    def cell(self, employee_id: str, day: dt.date) -> Cell | None:
        return self.cells.get(employee_id, {}).get(day)

    def employed_span(self, employee: dict) -> tuple[dt.date, dt.date]:
        """First and last employed day of this month (first > last if none)."""
        span = employed_range(
            self.year,
            self.month,
            _date(employee["hire_date"]),
            _date(employee["exit_date"]),
        )
        return span or (dt.date.max, dt.date.min)

    def is_employed(self, employee: dict, day: dt.date) -> bool:
        first, last = self.employed_span(employee)
        return first <= day <= last


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


class TimesheetService:
    """Use cases of the puantaj grid; every write is region-checked and lock-checked."""

    def __init__(
        self, store: Store, calendars: CalendarService, reports: ReportService
    ):
        self._store = store
        self._calendars = calendars
        self._reports = reports
        self._cells = TableRepo("timesheets")
        self._employees = TableRepo("employees")
        self.codes: CodeTable = calendars.codes()
        self.holidays: HolidayCalendar = calendars.holidays()

    def load_month(
        self, session: Session, region: str, year: int, month: int
    ) -> MonthGrid:
        session.read_region(region)
        days = [
            dt.date(year, month, d)
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
        ]
        with self._store.connection() as conn:
            employees = [
                e
                for e in self._employees.select(conn, region)
                if employed_range(
                    year, month, _date(e["hire_date"]), _date(e["exit_date"])
                )
            ]
            rows = conn.execute(
                "SELECT employee_id, work_date, code, overtime_hours FROM timesheets"
                " WHERE region = ? AND deleted = 0 AND work_date BETWEEN ? AND ?",
                (region, days[0].isoformat(), days[-1].isoformat()),
            ).fetchall()
            status = self._reports.status(region, month_key(year, month), conn)
        employees.sort(
            key=lambda e: (
                turkish.sort_key(e["last_name"]),
                turkish.sort_key(e["first_name"]),
            )
        )
        cells: dict[str, dict[dt.date, Cell]] = {}
        for r in rows:
            cells.setdefault(r["employee_id"], {})[
                dt.date.fromisoformat(r["work_date"])
            ] = Cell(r["code"], r["overtime_hours"] or 0.0)
        grid = MonthGrid(region, year, month, days, employees, cells, status)
        for employee in employees:
            grid.totals[employee["id"]] = self.totals_for(grid, employee)
        return grid

    def totals_for(self, grid: MonthGrid, employee: dict) -> MonthTotals:
        return month_totals(
            grid.year,
            grid.month,
            grid.cells.get(employee["id"], {}),
            self.codes,
            self.holidays,
            _date(employee["hire_date"]),
            _date(employee["exit_date"]),
        )

    def write(
        self, session: Session, edits: Iterable[Edit], source: str = "grid"
    ) -> int:
        """Write typed cells in one transaction; any unknown code rejects the lot."""
        edits = list(edits)
        parsed = []
        for edit in edits:
            try:
                parsed.append((edit, self.codes.parse_entry(edit.text)))
            except ValidationError as exc:
                raise ValidationError(
                    f"{edit.day.strftime('%d.%m.%Y')}: {exc}",
                    "code",
                    code="code_on",
                    day=edit.day.strftime("%d.%m.%Y"),
                    text=edit.text,
                ) from None
        with self._store.connection() as conn, transaction(conn):
            checked: set[tuple[str, str]] = set()
            employees: dict[str, dict] = {}
            for edit, entry in parsed:
                employee = employees.get(edit.employee_id) or self._employees.get(
                    conn, edit.employee_id
                )
                if employee is None or employee["deleted"]:
                    raise ValidationError("unknown employee", "employee_id")
                employees[edit.employee_id] = employee
                session.check_row(employee)
                key = (employee["region"], month_key(edit.day.year, edit.day.month))
                if key not in checked:
                    self._reports.check_open(conn, *key)
                    checked.add(key)
                span = employed_range(
                    edit.day.year,
                    edit.day.month,
                    _date(employee["hire_date"]),
                    _date(employee["exit_date"]),
                )
                if span is None or not span[0] <= edit.day <= span[1]:
                    raise ValidationError(
                        f"{edit.day.strftime('%d.%m.%Y')}: outside employment dates",
                        "day",
                        code="not_employed",
                        day=edit.day.strftime("%d.%m.%Y"),
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
        """X on workdays, HT on each person's rest day, GT on holidays; empty cells only."""
        edits = [Edit(emp, day, code) for emp, day, code in self._empty_cells(grid)]
        return self.write(session, edits, source="fill")

    def copy_last_month(self, session: Session, grid: MonthGrid) -> int:
        """Copy last month's codes day by day into empty cells; rest days and
        holidays of this month get HT and GT."""
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
        return self.write(session, edits, source="copy")

    def _empty_cells(self, grid: MonthGrid):
        """(employee id, day, calendar default code) of every empty employed cell."""
        for employee in grid.employees:
            rest = employee["weekly_rest_day"]
            rest = 6 if rest is None else rest
            for day in grid.days:
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
                raise PermissionDenied("that record belongs to another region")
        with self._store.connection() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    "SELECT at, username, old, new, source FROM audit_log"
                    " WHERE tbl = 'timesheets' AND row_id = ? ORDER BY id DESC",
                    (timesheet_id(employee_id, day.isoformat()),),
                )
            ]
