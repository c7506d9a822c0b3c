"""Annual paid leave (4857 md.53, md.56): entitlement per leave year, days used.

A leave year runs from one anniversary of the hire date to the day before the
next. At each anniversary the worker earns the year's leave by the years served
then: 1–5 years 14 days, more than 5 and less than 15 years 20, 15 or more 26;
a worker aged 18 or under, or 50 or over, on that day gets at least 20. Before
the first anniversary nothing is earned yet. A contract may give more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from puantaj.core.dates import add_years
from puantaj.core.holidays import HolidayCalendar


def years_between(start: dt.date, on: dt.date) -> int:
    """Whole years from `start` to `on` (an anniversary completes a year)."""
    years = on.year - start.year
    return years - 1 if add_years(start, years) > on else years


def statutory_days(service_years: int, age: int | None) -> int:
    """md.53's minimum for a leave year earned after `service_years` years."""
    if service_years < 1:
        return 0
    if service_years <= 5:
        days = 14
    elif service_years < 15:
        days = 20
    else:
        days = 26
    if age is not None and (age <= 18 or age >= 50):
        days = max(days, 20)
    return days


@dataclass(frozen=True)
class LeaveYear:
    """One leave year of one employee and the leave it carries."""

    start: dt.date
    end: dt.date
    service_years: int
    entitlement: int


def leave_year(
    hire: dt.date,
    on: dt.date,
    birth: dt.date | None = None,
    contract: int | None = None,
) -> LeaveYear:
    """The leave year that holds `on`, with the days earned at its start."""
    served = max(0, years_between(hire, on))
    start = add_years(hire, served)
    end = add_years(hire, served + 1) - dt.timedelta(days=1)
    age = years_between(birth, start) if birth else None
    days = statutory_days(served, age)
    if contract and served >= 1:
        days = max(days, contract)
    return LeaveYear(start, end, served, days)


def leave_used(
    days: Iterable[dt.date], holidays: HolidayCalendar, rest_day: int | None
) -> float:
    """Leave days that `days` coded Yİ take: a public holiday or the weekly rest
    inside the leave is not leave (md.56); on a half-day eve, half a day."""
    used = 0.0
    for day in days:
        if rest_day is not None and day.weekday() == rest_day:
            continue
        used += 1.0 - min(1.0, holidays.fraction(day))
    return used


@dataclass(frozen=True)
class LeaveBalance:
    """Entitlement, used and remaining leave of one leave year."""

    year: LeaveYear
    used: float

    @property
    def remaining(self) -> float:
        return self.year.entitlement - self.used

    @property
    def is_overdrawn(self) -> bool:
        return self.used > self.year.entitlement
