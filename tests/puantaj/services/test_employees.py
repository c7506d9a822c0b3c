"""Deactivating an employee sets the exit date, keeps history, and can be undone."""

from __future__ import annotations

import datetime as dt

import pytest

from puantaj.errors import PeriodLocked, ValidationError
from puantaj.services.timesheets import Edit


@pytest.fixture
def ayse(services, ankara) -> str:
    emp = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.01.2025",
        },
    )
    ts = services.timesheets
    for month in (3, 4):
        ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, month))
    return emp


def ids(services, session, month: int) -> list[str]:
    grid = services.timesheets.load_month(session, "Ankara", 2026, month)
    return [e["id"] for e in grid.employees]


def test_deactivating_sets_the_exit_date_and_keeps_the_months(services, ankara, ayse):
    people = services.employees
    preview = people.preview_exit(ankara, ayse, "15.03.2026")
    # fill_month coded every day: 16–31 March and all of April stop counting
    assert (preview.coded_after, preview.first_after) == (16 + 30, dt.date(2026, 3, 16))
    people.deactivate(ankara, ayse, "15.03.2026")
    row = services.records["employees"].get(ankara, ayse)
    assert (row["exit_date"], row["deleted"]) == ("2026-03-15", 0)
    assert ids(services, ankara, 3) == [ayse]  # still in March
    assert ids(services, ankara, 4) == []  # gone from April on
    march = services.timesheets.load_month(ankara, "Ankara", 2026, 3)
    assert march.totals[ayse].employed_days == 15
    assert march.totals[ayse].sgk_days == 15  # 1–15 March: hired before, left mid
    assert not people.is_active(row)


def test_deactivating_can_be_undone(services, ankara, ayse):
    services.employees.deactivate(ankara, ayse, "15.03.2026")
    services.employees.reactivate(ankara, ayse)
    assert services.records["employees"].get(ankara, ayse)["exit_date"] is None
    april = services.timesheets.load_month(ankara, "Ankara", 2026, 4)
    assert april.totals[ayse].sgk_days == 30  # the kept cells count again


def test_an_old_tombstone_comes_back_too(services, ankara, ayse):
    services.records["employees"].set_deleted(ankara, ayse)  # the old Pasifleştir
    assert ids(services, ankara, 3) == [ayse]  # its coded months keep it
    services.employees.reactivate(ankara, ayse)
    assert services.records["employees"].get(ankara, ayse)["deleted"] == 0


def test_an_exit_date_cannot_change_a_closed_month(services, ankara, admin, ayse):
    services.reports.move(admin, "Ankara", "2026-03", "lock")
    with pytest.raises(PeriodLocked) as err:
        services.employees.deactivate(ankara, ayse, "15.03.2026")
    assert err.value.values["month"] == "2026-03"
    services.employees.deactivate(ankara, ayse, "31.03.2026")  # March unchanged
    services.reports.move(ankara, "Ankara", "2026-04", "submit")
    with pytest.raises(PeriodLocked):  # April is submitted: read-only for a clerk
        services.employees.reactivate(ankara, ayse)
    services.employees.reactivate(admin, ayse)  # an admin may still
    with pytest.raises(ValidationError) as err:
        services.employees.deactivate(admin, ayse, "31.12.2024")
    assert err.value.code == "exit_before_hire"


def test_leave_balances_of_the_current_leave_year(services, ankara, ayse):
    # hired 01.01.2025: the leave year 01.01.2026–31.12.2026 carries 14 days.
    # Yİ on Mon 2 – Sat 7 March (6 days) and on Tue 19 May (a holiday: not leave)
    services.timesheets.write(
        ankara,
        [Edit(ayse, dt.date(2026, 3, d), "Yİ") for d in range(2, 8)]
        + [Edit(ayse, dt.date(2026, 5, 19), "Yİ")],
    )
    balance = services.employees.balances(ankara)[ayse]
    assert (balance.year.entitlement, balance.used, balance.remaining) == (14, 6, 8)
    march = services.timesheets.load_month(ankara, "Ankara", 2026, 3)
    leave = services.timesheets.leave_for(march, march.employees[0])
    assert (leave.used, leave.remaining) == (6, 8)
