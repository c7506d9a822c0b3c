"""One region's month as the grid, the checks and the exports read it."""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from puantaj.core import turkish
from puantaj.core.leave import LeaveYear, leave_year
from puantaj.core.totals import Cell, MonthTotals, employed_range
from puantaj.services.reports import MonthStatus

CONTEXT_DAYS = 6  # days read on each side: a week or a run of workdays crossing
DEFAULT_REST_DAY = 6  # Sunday


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
    today: dt.date = dt.date.max
    # the days just before and after the month (md.46, weeks crossing its ends)
    context: dict[str, dict[dt.date, Cell]] = field(default_factory=dict)
    overtime_before: dict[str, float] = field(default_factory=dict)  # this year's
    leave: dict[str, tuple[LeaveYear, list[dt.date]]] = field(default_factory=dict)

    def cell(self, employee_id: str, day: dt.date) -> Cell | None:
        return self.cells.get(employee_id, {}).get(day)

    def cells_around(self, employee_id: str) -> dict[dt.date, Cell]:
        """The month's cells with the days just before and after it."""
        return {**self.context.get(employee_id, {}), **self.cells.get(employee_id, {})}

    def employed_span(self, employee: dict) -> tuple[dt.date, dt.date]:
        """First and last employed day of this month (first > last if none)."""
        span = employed_range(
            self.year,
            self.month,
            date_of(employee["hire_date"]),
            date_of(employee["exit_date"]),
        )
        return span or (dt.date.max, dt.date.min)

    def is_employed(self, employee: dict, day: dt.date) -> bool:
        first, last = self.employed_span(employee)
        return first <= day <= last


def date_of(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_days(year: int, month: int) -> list[dt.date]:
    last = calendar.monthrange(year, month)[1]
    return [dt.date(year, month, d) for d in range(1, last + 1)]


def rest_day(employee: dict) -> int:
    value = employee.get("weekly_rest_day")
    return DEFAULT_REST_DAY if value is None else value


def month_employees(conn: sqlite3.Connection, region: str, days: list[dt.date]):
    """Everyone employed in the month, in Turkish order of surname and name; a
    record deactivated the old way (a tombstone) stays where it holds codes."""
    first, last = days[0].isoformat(), days[-1].isoformat()
    rows = conn.execute(
        "SELECT * FROM employees e WHERE region = ? AND (deleted = 0 OR EXISTS"
        " (SELECT 1 FROM timesheets t WHERE t.employee_id = e.id AND t.deleted = 0"
        " AND t.code IS NOT NULL AND t.work_date BETWEEN ? AND ?))",
        (region, first, last),
    ).fetchall()
    found = [
        dict(e)
        for e in rows
        if employed_range(
            days[0].year,
            days[0].month,
            date_of(e["hire_date"]),
            date_of(e["exit_date"]),
        )
    ]
    found.sort(
        key=lambda e: (
            turkish.sort_key(e["last_name"]),
            turkish.sort_key(e["first_name"]),
        )
    )
    return found


def read_cells(
    conn: sqlite3.Connection, region: str, first: dt.date, last: dt.date
) -> dict[str, dict[dt.date, Cell]]:
    """Every stored cell of the region between two days, by employee."""
    cells: dict[str, dict[dt.date, Cell]] = {}
    for r in conn.execute(
        "SELECT employee_id, work_date, code, overtime_hours FROM timesheets"
        " WHERE region = ? AND deleted = 0 AND work_date BETWEEN ? AND ?",
        (region, first.isoformat(), last.isoformat()),
    ):
        day = dt.date.fromisoformat(r["work_date"])
        cells.setdefault(r["employee_id"], {})[day] = Cell(
            r["code"], r["overtime_hours"] or 0.0
        )
    return cells


def overtime_before(
    conn: sqlite3.Connection, region: str, first: dt.date
) -> dict[str, float]:
    """Each employee's overtime hours this year before `first`."""
    return {
        r[0]: r[1] or 0.0
        for r in conn.execute(
            "SELECT employee_id, sum(overtime_hours) FROM timesheets WHERE region = ?"
            " AND deleted = 0 AND work_date >= ? AND work_date < ? GROUP BY employee_id",
            (region, first.replace(month=1, day=1).isoformat(), first.isoformat()),
        )
    }


def leave_years(
    conn: sqlite3.Connection,
    employees: list[dict],
    on: dt.date,
    annual_codes: list[str],
) -> dict[str, tuple[LeaveYear, list[dt.date]]]:
    """Each employee's leave year holding `on`, and the days coded annual leave in
    it up to `on`."""
    out = {}
    marks = ",".join("?" * len(annual_codes))
    for employee in employees:
        hire = date_of(employee["hire_date"])
        if hire is None or not annual_codes:
            continue
        year = leave_year(
            hire,
            on,
            date_of(employee.get("birth_date")),
            employee.get("annual_leave_days"),
        )
        days = [
            dt.date.fromisoformat(r[0])
            for r in conn.execute(
                f"SELECT work_date FROM timesheets WHERE employee_id = ? AND deleted = 0"
                f" AND code IN ({marks}) AND work_date BETWEEN ? AND ?",
                (employee["id"], *annual_codes, year.start.isoformat(), on.isoformat()),
            )
        ]
        out[employee["id"]] = (year, days)
    return out
