"""Monthly totals per employee: worked, paid and SGK days (DOMAIN.md §1.4)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from puantaj.core.codes import CodeTable
from puantaj.core.holidays import HolidayCalendar

# Codes whose days make the week's HT unearned (md.46: the week's workdays must be
# worked; sick days, holidays and statutory leaves count as worked).
_BREAKS_HT = ("absent", "unpaid")


@dataclass(frozen=True)
class Cell:
    code: str | None
    overtime_hours: float = 0.0


@dataclass
class MonthTotals:
    """What payroll needs of one employee's month."""

    worked_days: float = 0.0
    paid_days: float = 0.0
    sgk_days: int = 0
    eksik_code: str = ""
    unpaid_days: int = 0
    overtime_hours: float = 0.0
    holiday_work_days: float = 0.0
    unearned_ht_days: int = 0
    empty_days: int = 0  # employed days up to today with no code: missing data
    future_days: int = 0  # employed days after today with no code yet
    employed_days: int = 0
    by_code: dict[str, float] = field(default_factory=dict)


def employed_range(
    year: int, month: int, hire: dt.date | None, leave: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """First and last employed day inside the month, or None if not employed."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    start = max(first, hire) if hire else first
    end = min(last, leave) if leave else last
    return (start, end) if start <= end else None


def month_totals(
    year: int,
    month: int,
    cells: Mapping[dt.date, Cell],
    codes: CodeTable,
    holidays: HolidayCalendar,
    hire: dt.date | None = None,
    leave: dt.date | None = None,
    today: dt.date | None = None,
) -> MonthTotals:
    """Totals of one employee's month; days outside employment are ignored.

    `cells` may hold days before the month: an absence there costs the month's
    first weekly rest (md.46). A day without a code counts nowhere, not as an
    SGK day: up to `today` it is missing data (`empty_days`), after it not yet
    coded (`future_days`)."""
    totals = MonthTotals()
    span = employed_range(year, month, hire, leave)
    if span is None:
        return totals
    start, end = span
    eksik_codes: set[str] = set()
    day = start
    while day <= end:
        totals.employed_days += 1
        cell = cells.get(day)
        code = codes.resolve(cell.code) if cell and cell.code else None
        if cell:
            totals.overtime_hours += cell.overtime_hours or 0.0
        if code is None:
            if today is not None and day > today:
                totals.future_days += 1
            else:
                totals.empty_days += 1
            day += dt.timedelta(days=1)
            continue
        holiday = holidays.fraction(day)
        name = code.code
        if code.kind == "annual" and holiday >= 1.0:
            name = "GT"  # md.56: a holiday inside the leave is not leave
        totals.by_code[name] = totals.by_code.get(name, 0) + 1
        totals.worked_days += code.worked
        if code.worked and holiday:
            # a full holiday worked is holiday work; on an arife only the afternoon is
            totals.holiday_work_days += max(0.0, code.worked - (1.0 - holiday))
        if code.kind == "rest":
            cause = _ht_breaker(day, cells, codes)
            if cause is not None:
                totals.unearned_ht_days += 1
                totals.unpaid_days += 1
                eksik_codes.add(cause)
            else:
                totals.paid_days += 1
        else:
            totals.paid_days += code.paid
        if not code.sgk:
            totals.unpaid_days += 1
            eksik_codes.add(code.eksik)
        day += dt.timedelta(days=1)
    blank = totals.empty_days + totals.future_days
    totals.sgk_days = _sgk_days(year, month, start, end, totals.unpaid_days + blank)
    if totals.unpaid_days:
        totals.eksik_code = eksik_codes.pop() if len(eksik_codes) == 1 else "12"
    return totals


def _ht_breaker(
    day: dt.date, cells: Mapping[dt.date, Cell], codes: CodeTable
) -> str | None:
    """The eksik code of a day that cost this HT its pay, if the prior 6 days hold one."""
    for back in range(1, 7):
        cell = cells.get(day - dt.timedelta(days=back))
        code = codes.resolve(cell.code) if cell and cell.code else None
        if code is not None and code.kind in _BREAKS_HT:
            return code.eksik
    return None


def _sgk_days(year: int, month: int, start: dt.date, end: dt.date, unpaid: int) -> int:
    """DOMAIN.md §1.4; `unpaid` is every day that is not an SGK day (blank too)."""
    days_in_month = calendar.monthrange(year, month)[1]
    full_month = start.day == 1 and end.day == days_in_month
    if full_month:
        return 30 if unpaid == 0 else max(0, min(30, days_in_month - unpaid))
    return max(0, min(30, (end - start).days + 1 - unpaid))
