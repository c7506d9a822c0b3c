"""The checks a month must pass before it is submitted: each a pure rule.

The grid, the submit dialog and `puantaj check --month` run the same rules. An
error (blank days, days still to come, an unknown code) stops the submission; a
warning is shown and must be confirmed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from puantaj.core import worktime
from puantaj.core.codes import CodeTable
from puantaj.core.holidays import HolidayCalendar
from puantaj.core.leave import LeaveYear, leave_used
from puantaj.core.numbers import format_number
from puantaj.core.totals import Cell, employed_range

ERROR, WARNING = "error", "warning"
STREAK_DAYS = 7  # md.46: 24 hours of rest in every 7-day period


@dataclass(frozen=True)
class Finding:
    """One thing the check found: what, how bad, whose and which day."""

    kind: str
    severity: str
    employee_id: str | None
    day: dt.date | None
    values: dict = field(default_factory=dict)

    def describe(self) -> str:
        """The finding in English (command line, logs)."""
        text = _ENGLISH[self.kind].format(**shown_values(self.values))
        return f"{self.day:%d.%m.%Y}: {text}" if self.day else text


@dataclass
class EmployeeMonth:
    """What the rules need of one employee: dates, hours, cells and this year's
    overtime and leave before the month. `cells` may hold days just before and
    after the month (a week or a run of workdays crossing its ends)."""

    id: str
    hire: dt.date | None
    exit: dt.date | None
    cells: dict[dt.date, Cell]
    rest_day: int = 6
    daily_hours: float = worktime.DEFAULT_DAILY_H
    overtime_before: float = 0.0
    leave: LeaveYear | None = None
    leave_used_before: float = 0.0


@dataclass(frozen=True)
class MonthContext:
    """The month, the tables in force and today."""

    year: int
    month: int
    codes: CodeTable
    holidays: HolidayCalendar
    today: dt.date

    @property
    def days(self) -> list[dt.date]:
        last = calendar.monthrange(self.year, self.month)[1]
        return [dt.date(self.year, self.month, d) for d in range(1, last + 1)]


Rule = Callable[[MonthContext, EmployeeMonth, list[dt.date]], Iterator[Finding]]


def check_month(ctx: MonthContext, people: list[EmployeeMonth]) -> list[Finding]:
    """Every finding of the month, errors first, then by employee and day."""
    out: list[Finding] = []
    future = [d for d in ctx.days if d > ctx.today]
    employed_any = False
    for person in people:
        span = employed_range(ctx.year, ctx.month, person.hire, person.exit)
        employed = [d for d in ctx.days if span and span[0] <= d <= span[1]]
        employed_any = employed_any or any(d > ctx.today for d in employed)
        for rule in RULES:
            out.extend(rule(ctx, person, employed))
    if future and employed_any:
        out.append(
            Finding(
                "future",
                ERROR,
                None,
                future[0],
                {"first": future[0], "last": future[-1]},
            )
        )
    order = {ERROR: 0, WARNING: 1}
    return sorted(
        out,
        key=lambda f: (order[f.severity], f.employee_id or "", f.day or dt.date.min),
    )


def _blanks(ctx: MonthContext, p: EmployeeMonth, employed: list[dt.date]):
    """Employed days up to today without a code, one finding per run of days."""
    blank = [
        d
        for d in employed
        if d <= ctx.today and not (p.cells.get(d) and p.cells[d].code)
    ]
    for run in _runs(blank):
        yield Finding(
            "blank",
            ERROR,
            p.id,
            run[0],
            {"first": run[0], "last": run[-1], "count": len(run)},
        )


def _runs(days: list[dt.date]) -> Iterator[list[dt.date]]:
    """Sorted days grouped into runs of consecutive days."""
    run: list[dt.date] = []
    for day in days:
        if run and (day - run[-1]).days != 1:
            yield run
            run = []
        run.append(day)
    if run:
        yield run


def _codes(ctx: MonthContext, p: EmployeeMonth, employed: list[dt.date]):
    """Unknown codes, codes outside employment, and codes against the calendar."""
    inside = set(employed)
    outside = []
    for day in ctx.days:
        cell = p.cells.get(day)
        if not (cell and cell.code):
            continue
        code = ctx.codes.resolve(cell.code)
        if code is None:
            yield Finding("unknown_code", ERROR, p.id, day, {"code": cell.code})
            continue
        if day not in inside:
            outside.append(day)
            continue
        fraction = ctx.holidays.fraction(day)
        holiday = ctx.holidays.get(day)
        name = holiday.name_tr if holiday else ""
        if code.kind == "work" and fraction >= 1:
            yield Finding(
                "holiday_as_workday",
                WARNING,
                p.id,
                day,
                {"code": code.code, "holiday": name},
            )
        elif code.kind == "holiday_work" and fraction < 1:
            yield Finding(
                "holiday_work_not_holiday", WARNING, p.id, day, {"code": code.code}
            )
        elif code.kind == "annual" and fraction >= 1:
            yield Finding("annual_on_holiday", WARNING, p.id, day, {"holiday": name})
        elif code.kind == "holiday" and fraction < 1:
            yield Finding(
                "holiday_not_holiday", WARNING, p.id, day, {"code": code.code}
            )
    if outside:
        yield Finding(
            "outside",
            WARNING,
            p.id,
            outside[0],
            {"count": len(outside), "first": outside[0]},
        )


def _streaks(ctx: MonthContext, p: EmployeeMonth, employed: list[dt.date]):
    """Seven or more workdays in a row, counting the days before the month."""
    if not employed:
        return
    run = 0
    day = employed[0] - dt.timedelta(days=STREAK_DAYS - 1)
    start = day
    while day <= employed[-1]:
        cell = p.cells.get(day)
        code = ctx.codes.resolve(cell.code) if cell and cell.code else None
        if code is not None and code.worked > 0:
            start = day if run == 0 else start
            run += 1
            if run == STREAK_DAYS and day >= employed[0]:
                yield Finding(
                    "streak", WARNING, p.id, day, {"first": start, "count": run}
                )
        else:
            run = 0
        day += dt.timedelta(days=1)


def _hours(ctx: MonthContext, p: EmployeeMonth, employed: list[dt.date]):
    """More than 11 hours in a day, or 45 in a week (shown with the week's hours)."""
    for day in employed:
        hours = worktime.day_hours(p.cells.get(day), ctx.codes, p.daily_hours)
        if hours > worktime.DAY_LIMIT_H:
            yield Finding("day_hours", WARNING, p.id, day, {"hours": hours})
    if not employed:
        return
    week = worktime.monday(employed[0])
    while week <= employed[-1]:
        days = worktime.week_hours(week, p.cells, ctx.codes, p.daily_hours)
        total = days[-1][1]
        if total > worktime.WEEK_LIMIT_H:
            crossed = next(d for d, h in days if h > worktime.WEEK_LIMIT_H)
            shown = min(max(crossed, employed[0]), employed[-1])
            yield Finding(
                "week_hours",
                WARNING,
                p.id,
                shown,
                {"hours": total, "first": week, "last": days[-1][0]},
            )
        week += dt.timedelta(days=7)


def _year_overtime(ctx: MonthContext, p: EmployeeMonth, employed: list[dt.date]):
    """The year's overtime passing 270 hours (md.41), with the running total."""
    running = worktime.overtime_through(employed, p.cells, p.overtime_before)
    limit = worktime.YEAR_OVERTIME_LIMIT_H
    if not running or running[-1][1] <= limit:
        return
    crossed = next(d for d, h in running if h > limit)
    yield Finding("year_overtime", WARNING, p.id, crossed, {"hours": running[-1][1]})


def _leave(ctx: MonthContext, p: EmployeeMonth, employed: list[dt.date]):
    """Annual leave used past the leave year's entitlement."""
    year = p.leave
    if year is None:
        return
    used = p.leave_used_before
    for day in employed:
        cell = p.cells.get(day)
        code = ctx.codes.resolve(cell.code) if cell and cell.code else None
        if code is None or code.kind != "annual" or not year.start <= day <= year.end:
            continue
        before = used
        used += leave_used([day], ctx.holidays, p.rest_day)
        if before <= year.entitlement < used:
            values = {"entitlement": year.entitlement, "used": used}
            yield Finding("leave_overdrawn", WARNING, p.id, day, values)
            return


RULES: tuple[Rule, ...] = (_blanks, _codes, _streaks, _hours, _year_overtime, _leave)

_ENGLISH = {
    "blank": "{count} day(s) without a code ({first} – {last}): not counted",
    "future": "the month is not over: {first} – {last} are still to come",
    "unknown_code": "unknown code {code}",
    "outside": "{count} coded day(s) outside the employment dates, not counted",
    "holiday_as_workday": "{code} on a public holiday ({holiday}): write GÇ if"
    " holiday work is meant, else GT",
    "holiday_work_not_holiday": "{code} (holiday work) on a day that is no holiday",
    "annual_on_holiday": "annual leave on a public holiday ({holiday}): not leave",
    "holiday_not_holiday": "{code} on a day that is not a full public holiday",
    "streak": "{count} workdays in a row since {first} with no weekly rest",
    "day_hours": "{hours} hours of work in a day (limit 11)",
    "week_hours": "{hours} hours in the week {first} – {last} (limit 45)",
    "year_overtime": "overtime this year {hours} hours (limit 270, md.41)",
    "leave_overdrawn": "annual leave used {used} of {entitlement} days this leave year",
}


def shown_values(values: dict) -> dict:
    """Dates as dd.mm.yyyy and hours with a decimal comma, for messages."""
    out = {}
    for key, value in values.items():
        if isinstance(value, dt.date):
            out[key] = value.strftime("%d.%m.%Y")
        elif isinstance(value, float):
            out[key] = format_number(value)
        else:
            out[key] = value
    return out
