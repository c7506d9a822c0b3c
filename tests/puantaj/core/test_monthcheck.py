"""The checks before submit, each on a month worked out by hand."""

from __future__ import annotations

import datetime as dt

from puantaj.core.codes import CodeTable
from puantaj.core.holidays import HolidayCalendar
from puantaj.core.leave import LeaveYear
from puantaj.core.monthcheck import EmployeeMonth, MonthContext, check_month
from puantaj.core.totals import Cell

D = dt.date
CODES = CodeTable()
HOLIDAYS = HolidayCalendar()
OVER = D(2026, 12, 2)  # "today" once the months below are over


def standard(year: int, month: int, **codes: str) -> dict[dt.date, Cell]:
    """X Monday–Saturday, HT on Sunday, GT on full holidays; then `codes`
    given as d5="R" or d3="X+2" (day 5 R, day 3 X with 2 hours)."""
    cells = {}
    day = D(year, month, 1)
    while day.month == month:
        code = "GT" if HOLIDAYS.is_full_holiday(day) else "X"
        cells[day] = Cell("HT" if day.weekday() == 6 else code)
        day += dt.timedelta(days=1)
    for key, text in codes.items():
        code, _, hours = text.partition("+")
        day = D(year, month, int(key[1:]))
        if code:
            cells[day] = Cell(code, float(hours or 0))
        else:
            del cells[day]
    return cells


def found(year, month, *people, today=OVER) -> list[tuple]:
    ctx = MonthContext(year, month, CODES, HOLIDAYS, today)
    return [
        (f.kind, f.severity, f.day, f.values) for f in check_month(ctx, list(people))
    ]


def person(cells, **extra) -> EmployeeMonth:
    return EmployeeMonth("e1", D(2025, 1, 1), None, cells, **extra)


def test_a_standard_month_passes():
    # Jan 2026: weeks of 6 × 7,5 = 45 hours exactly, a Sunday rest each week
    assert found(2026, 1, person(standard(2026, 1))) == []


def test_blank_days_are_errors_one_per_run():
    cells = standard(2026, 1, d13="", d14="", d15="", d20="")
    assert found(2026, 1, person(cells)) == [
        (
            "blank",
            "error",
            D(2026, 1, 13),
            {"first": D(2026, 1, 13), "last": D(2026, 1, 15), "count": 3},
        ),
        (
            "blank",
            "error",
            D(2026, 1, 20),
            {"first": D(2026, 1, 20), "last": D(2026, 1, 20), "count": 1},
        ),
    ]


def test_days_still_to_come_stop_the_submission_and_are_not_blank():
    # submitted on 2 December: 1–2 December coded, 3–31 still to come
    cells = {d: c for d, c in standard(2026, 12).items() if d.day <= 2}
    assert found(2026, 12, person(cells), today=D(2026, 12, 2)) == [
        (
            "future",
            "error",
            D(2026, 12, 3),
            {"first": D(2026, 12, 3), "last": D(2026, 12, 31)},
        )
    ]


def test_unknown_codes_and_codes_against_the_calendar():
    cells = standard(2026, 4, d6="Q", d23="X", d24="GÇ", d25="GT")
    cells[D(2026, 4, 1)] = Cell("Yİ")
    kinds = {(k, d.day) for k, _, d, _ in found(2026, 4, person(cells))}
    assert kinds == {
        ("unknown_code", 6),
        ("holiday_as_workday", 23),  # 23 Nisan coded X: holiday work meant?
        ("holiday_work_not_holiday", 24),
        ("holiday_not_holiday", 25),  # GT on a Saturday that is no holiday
    }
    fine = standard(2026, 4, d23="GÇ")  # holiday work meant: GÇ
    assert found(2026, 4, person(fine)) == []
    leave = standard(2026, 5, d19="Yİ", d26="X")  # X on the arife morning is fine
    assert [(k, d.day) for k, _, d, _ in found(2026, 5, person(leave))] == [
        ("annual_on_holiday", 19)
    ]


def test_codes_after_the_exit_date_are_not_counted():
    cells = standard(2026, 3)
    left = EmployeeMonth("e1", D(2025, 1, 1), D(2026, 3, 10), cells)
    assert found(2026, 3, left) == [
        ("outside", "warning", D(2026, 3, 11), {"count": 21, "first": D(2026, 3, 11)})
    ]


def test_seven_workdays_in_a_row_across_the_month_boundary():
    # X from Wednesday 28 January to Tuesday 3 February, Sunday 1 Feb included;
    # the week 26 Jan – 1 Feb holds 5 × 7,5 = 37,5 hours: within 45
    cells = standard(2026, 2, d1="X")
    cells.update({D(2026, 1, d): Cell("X") for d in range(28, 32)})
    assert found(2026, 2, person(cells)) == [
        ("streak", "warning", D(2026, 2, 3), {"first": D(2026, 1, 28), "count": 7}),
    ]


def test_more_than_eleven_hours_in_a_day():
    # 7,5 hours a day: X+4 is 11,5 hours; X+3,5 is 11 hours, the limit itself
    cells = standard(2026, 3, d3="X+4", d10="X+3.5")
    result = found(2026, 3, person(cells))
    assert ("day_hours", "warning", D(2026, 3, 3), {"hours": 11.5}) in result
    assert not any(k == "day_hours" and d.day == 10 for k, _, d, _ in result)


def test_more_than_forty_five_hours_in_a_week_shows_the_weeks_hours():
    # week 2–8 March 2026: 6 × 7,5 + 2 = 47 hours, past 45 on Saturday the 7th
    cells = standard(2026, 3, d3="X+2")
    assert found(2026, 3, person(cells)) == [
        (
            "week_hours",
            "warning",
            D(2026, 3, 7),
            {"hours": 47.0, "first": D(2026, 3, 2), "last": D(2026, 3, 8)},
        )
    ]


def test_a_week_crossing_into_next_month_counts_its_days_there():
    # Mon 30 and Tue 31 March X+1 (8,5 h), then 1–4 April X: 2 × 8,5 + 4 × 7,5
    # = 47 hours, past 45 on Saturday 4 April: shown on the month's last day
    cells = standard(2026, 3, d30="X+1", d31="X+1")
    cells.update({D(2026, 4, d): Cell("X") for d in range(1, 5)})
    assert found(2026, 3, person(cells)) == [
        (
            "week_hours",
            "warning",
            D(2026, 3, 31),
            {"hours": 47.0, "first": D(2026, 3, 30), "last": D(2026, 4, 5)},
        )
    ]


def test_the_years_overtime_passing_270_hours():
    # 265 hours before March; +3 on the 2nd (268), +3 on the 9th (271 > 270)
    cells = standard(2026, 3, d2="X+3", d9="X+3")
    result = found(2026, 3, person(cells, overtime_before=265.0))
    assert result == [
        # each of those weeks is 45 + 3 = 48 hours too
        (
            "week_hours",
            "warning",
            D(2026, 3, 7),
            {"hours": 48.0, "first": D(2026, 3, 2), "last": D(2026, 3, 8)},
        ),
        ("year_overtime", "warning", D(2026, 3, 9), {"hours": 271.0}),
        (
            "week_hours",
            "warning",
            D(2026, 3, 14),
            {"hours": 48.0, "first": D(2026, 3, 9), "last": D(2026, 3, 15)},
        ),
    ]
    within = found(2026, 3, person(cells, overtime_before=264.0))  # 270: not past
    assert [k for k, *_ in within] == ["week_hours", "week_hours"]


def test_leave_beyond_the_entitlement():
    # 14 days for the leave year from 01.06.2025; 12 used before March; Yİ on
    # Mon 2, Tue 3, Wed 4 March: 13, 14, then 15 > 14 on the 4th
    year = LeaveYear(D(2025, 6, 1), D(2026, 5, 31), 1, 14)
    cells = standard(2026, 3, d2="Yİ", d3="Yİ", d4="Yİ")
    result = found(2026, 3, person(cells, leave=year, leave_used_before=12.0))
    assert result == [
        ("leave_overdrawn", "warning", D(2026, 3, 4), {"entitlement": 14, "used": 15.0})
    ]


def test_findings_read_in_english_for_the_command_line():
    ctx = MonthContext(2026, 1, CODES, HOLIDAYS, OVER)
    (finding,) = check_month(ctx, [person(standard(2026, 1, d13=""))])
    assert finding.describe() == (
        "13.01.2026: 1 day(s) without a code (13.01.2026 – 13.01.2026): not counted"
    )
