"""Annual leave entitlement (md.53) at each boundary, and days used (md.56)."""

from __future__ import annotations

import datetime as dt

import pytest

from puantaj.core.holidays import HolidayCalendar
from puantaj.core.leave import LeaveBalance, leave_used, leave_year

D = dt.date


@pytest.mark.parametrize(
    ("hire", "on", "served", "days"),
    [
        (D(2020, 3, 1), D(2021, 2, 28), 0, 0),  # not a year yet: nothing earned
        (D(2020, 3, 1), D(2021, 3, 1), 1, 14),  # first anniversary
        (D(2020, 3, 1), D(2025, 3, 1), 5, 14),  # 5 years: still 1–5
        (D(2020, 3, 1), D(2026, 2, 28), 5, 14),
        (D(2020, 3, 1), D(2026, 3, 1), 6, 20),  # more than 5
        (D(2010, 3, 1), D(2025, 2, 28), 14, 20),  # less than 15
        (D(2010, 3, 1), D(2025, 3, 1), 15, 26),  # 15 or more
        (D(2000, 1, 10), D(2026, 12, 2), 26, 26),
    ],
)
def test_entitlement_by_years_of_service(hire, on, served, days):
    year = leave_year(hire, on)
    assert (year.service_years, year.entitlement) == (served, days)


def test_the_leave_year_runs_from_anniversary_to_anniversary():
    year = leave_year(D(2020, 3, 15), D(2026, 1, 10))
    assert (year.start, year.end) == (D(2025, 3, 15), D(2026, 3, 14))


@pytest.mark.parametrize(
    ("birth", "on", "days"),
    [
        # hired 01.03.2023; on 01.03.2026 3 years served → 14, unless by age
        (D(1976, 3, 1), D(2026, 3, 1), 20),  # 50 on the anniversary
        (D(1976, 3, 2), D(2026, 3, 1), 14),  # 49 that day, 50 the next
        (D(1976, 3, 2), D(2027, 3, 1), 20),  # 50 at the next anniversary
    ],
)
def test_workers_aged_50_or_more_get_at_least_20(birth, on, days):
    assert leave_year(D(2023, 3, 1), on, birth).entitlement == days


def test_workers_aged_18_or_under_get_at_least_20():
    hire, birth = D(2024, 6, 1), D(2007, 6, 1)
    assert leave_year(hire, D(2025, 6, 1), birth).entitlement == 20  # 18
    assert leave_year(hire, D(2026, 6, 1), birth).entitlement == 14  # 19


def test_a_contract_may_give_more_never_less():
    assert leave_year(D(2020, 3, 1), D(2022, 3, 1), contract=18).entitlement == 18
    assert leave_year(D(2020, 3, 1), D(2022, 3, 1), contract=10).entitlement == 14
    assert leave_year(D(2020, 3, 1), D(2020, 9, 1), contract=18).entitlement == 0


def test_holidays_and_the_weekly_rest_inside_the_leave_are_not_leave():
    # Yİ coded on 18–31 May 2026 (14 days), rest day Sunday: Sundays 24 and 31
    # are not leave, 19 May and 27–30 May are holidays, 26 May (arife) is half:
    # 14 - 2 - 1 - 4 - 0,5 = 6,5 days of leave
    days = [D(2026, 5, d) for d in range(18, 32)]
    assert leave_used(days, HolidayCalendar(), 6) == 6.5


def test_the_balance_is_overdrawn_past_the_entitlement():
    year = leave_year(D(2020, 3, 1), D(2021, 6, 1))
    assert LeaveBalance(year, 14).remaining == 0
    assert not LeaveBalance(year, 14).is_overdrawn
    assert LeaveBalance(year, 15).is_overdrawn
