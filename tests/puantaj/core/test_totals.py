"""Totals against months computed by hand (DOMAIN.md §1.4)."""

import datetime as dt

from puantaj.core.codes import CodeTable
from puantaj.core.holidays import HOLIDAYS_2026, HolidayCalendar
from puantaj.core.totals import Cell, month_totals

CODES = CodeTable()
HOLIDAYS = HolidayCalendar()


def standard_month(year, month, rest_day=6, overrides=None, start=1, end=None):
    """X on workdays, HT on the rest day, GT on full holidays, then overrides."""
    cells = {}
    day = dt.date(year, month, start)
    while day.month == month and (end is None or day.day <= end):
        if HOLIDAYS.is_full_holiday(day):
            code = "GT"
        elif day.weekday() == rest_day:
            code = "HT"
        else:
            code = "X"
        cells[day] = Cell(code)
        day += dt.timedelta(days=1)
    for d, code in (overrides or {}).items():
        cells[dt.date(year, month, d)] = Cell(code)
    return cells


def totals(year, month, cells, hire=None, leave=None):
    return month_totals(year, month, cells, CODES, HOLIDAYS, hire, leave)


def test_full_february_is_thirty_sgk_days():
    # Feb 2026: Sundays 1, 8, 15, 22 → 4 HT, 24 X.
    t = totals(2026, 2, standard_month(2026, 2))
    assert (t.worked_days, t.paid_days, t.sgk_days, t.eksik_code) == (24, 28, 30, "")


def test_february_with_sick_days_is_days_in_month_minus_unpaid():
    # R on Mon 9 – Wed 11: 3 unpaid, HT stays earned (sick days count as worked).
    t = totals(2026, 2, standard_month(2026, 2, overrides={9: "R", 10: "R", 11: "R"}))
    assert (t.worked_days, t.paid_days, t.unpaid_days) == (21, 25, 3)
    assert (t.sgk_days, t.eksik_code) == (25, "01")


def test_unpaid_leave_also_costs_the_following_weekly_rest():
    # Üİ on 9–11 Feb → the HT of Sunday 15 Feb is not earned (md.46).
    t = totals(
        2026, 2, standard_month(2026, 2, overrides={9: "Üİ", 10: "Üİ", 11: "Üİ"})
    )
    assert (t.worked_days, t.paid_days, t.unearned_ht_days) == (21, 24, 1)
    assert (t.sgk_days, t.eksik_code) == (24, "21")


def test_absence_and_sickness_together_give_code_12():
    t = totals(2026, 2, standard_month(2026, 2, overrides={3: "D", 17: "R"}))
    # D on Tue 3 unearns HT Sun 8; R on Tue 17 does not.
    assert t.unpaid_days == 3
    assert (t.sgk_days, t.eksik_code) == (25, "12")


def test_mid_month_hire_counts_calendar_days_employed():
    # Hired Wed 15 Apr 2026: 16 days; HT on 19 and 26, GT on Thu 23 Apr.
    cells = standard_month(2026, 4, start=15)
    t = totals(2026, 4, cells, hire=dt.date(2026, 4, 15))
    assert (t.employed_days, t.worked_days, t.paid_days, t.sgk_days) == (16, 13, 16, 16)
    assert t.by_code == {"X": 13, "HT": 2, "GT": 1}


def test_mid_month_exit_and_cells_outside_employment_are_ignored():
    cells = standard_month(2026, 4)  # a stray full month of codes
    t = totals(2026, 4, cells, leave=dt.date(2026, 4, 10))
    assert (t.employed_days, t.sgk_days) == (10, 10)
    assert t.worked_days == 9  # Sunday 5 Apr is HT


def test_hired_on_the_first_and_leaving_on_the_last_day_is_a_full_month():
    t = totals(
        2026,
        4,
        standard_month(2026, 4),
        hire=dt.date(2026, 4, 1),
        leave=dt.date(2026, 4, 30),
    )
    assert t.sgk_days == 30


def test_holiday_work_and_half_day_arife():
    # May 2026: X on Fri 1 May (GT) and on Tue 26 May (arife from 13:00).
    cells = standard_month(2026, 5, overrides={1: "X", 26: "X"})
    t = totals(2026, 5, cells)
    assert t.holiday_work_days == 1.5
    assert t.sgk_days == 30


def test_annual_leave_over_a_holiday_is_not_leave():
    cells = standard_month(2026, 5, overrides={18: "Yİ", 19: "Yİ", 20: "Yİ"})
    t = totals(2026, 5, cells)
    assert t.by_code["Yİ"] == 2  # 19 May is a public holiday
    assert t.paid_days == 31


def test_overtime_and_empty_days():
    cells = {dt.date(2026, 3, 2): Cell("X", 2.5), dt.date(2026, 3, 3): Cell("X", 1.0)}
    t = totals(2026, 3, cells)
    assert t.overtime_hours == 3.5
    assert t.empty_days == 29


def test_2026_holidays_total_fifteen_and_a_half_days():
    assert HolidayCalendar(HOLIDAYS_2026).total_days(2026) == 15.5


def test_a_one_day_employment_counts_its_day():
    day = dt.date(2026, 3, 10)
    t = totals(2026, 3, {day: Cell("X")}, hire=day, leave=day)
    assert (t.employed_days, t.worked_days, t.paid_days, t.sgk_days) == (1, 1, 1, 1)


def test_an_absence_six_days_before_the_weekly_rest_costs_it_seven_does_not():
    # rest day Wednesday: HT on 4, 11, 18, 25 March 2026
    six_before = totals(
        2026, 3, standard_month(2026, 3, rest_day=2, overrides={5: "D"})
    )
    assert six_before.unearned_ht_days == 1  # the HT of the 11th
    seven_before = totals(
        2026, 3, standard_month(2026, 3, rest_day=2, overrides={4: "D"})
    )
    assert seven_before.unearned_ht_days == 0


def test_blank_employed_days_are_not_sgk_days():
    # Issue 13: January 2026 with no code on any day is 31 blank days, 0 SGK
    # days (not 30); with 28 X/HT/GT days and 3 blanks it is 31 - 3 = 28.
    empty = totals(2026, 1, {})
    assert (empty.empty_days, empty.sgk_days, empty.paid_days) == (31, 0, 0)
    cells = standard_month(2026, 1)
    for day in (13, 14, 15):
        del cells[dt.date(2026, 1, day)]
    t = totals(2026, 1, cells)
    assert (t.empty_days, t.sgk_days) == (3, 28)
