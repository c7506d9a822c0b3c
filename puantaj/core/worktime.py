"""Working hours of coded days and the limits md.41 and md.63 put on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from puantaj.core.codes import CodeTable
from puantaj.core.totals import Cell

DAY_LIMIT_H = 11.0  # md.63: no day over 11 hours of work
WEEK_LIMIT_H = 45.0  # md.63: 45 hours a week; above is overtime (md.41)
YEAR_OVERTIME_LIMIT_H = 270.0  # md.41: overtime may not pass 270 hours a year
DEFAULT_DAILY_H = 7.5  # 45 hours over six days


def day_hours(cell: Cell | None, codes: CodeTable, daily_hours: float) -> float:
    """Hours worked on a day: the code's worked share of a day, plus overtime."""
    if cell is None or not cell.code:
        return 0.0
    code = codes.resolve(cell.code)
    worked = code.worked if code is not None else 0.0
    return worked * daily_hours + (cell.overtime_hours or 0.0)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_hours(
    start: dt.date,
    cells: Mapping[dt.date, Cell],
    codes: CodeTable,
    daily_hours: float,
) -> list[tuple[dt.date, float]]:
    """(day, hours worked in the week so far) for the 7 days from `start`."""
    total = 0.0
    out = []
    for n in range(7):
        day = start + dt.timedelta(days=n)
        total += day_hours(cells.get(day), codes, daily_hours)
        out.append((day, total))
    return out


def overtime_through(
    days: list[dt.date], cells: Mapping[dt.date, Cell], before: float
) -> list[tuple[dt.date, float]]:
    """(day, the year's overtime hours up to and including it), from `before`."""
    total = before
    out = []
    for day in days:
        cell = cells.get(day)
        total += (cell.overtime_hours or 0.0) if cell else 0.0
        out.append((day, total))
    return out
