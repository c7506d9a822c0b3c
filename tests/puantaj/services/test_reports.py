"""The month lifecycle: checks before submit, read-only once submitted, send back."""

from __future__ import annotations

import datetime as dt

import pytest

from puantaj.errors import PuantajError
from puantaj.services.timesheets import Edit


@pytest.fixture
def ayse(services, ankara) -> str:
    return services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.01.2025",
        },
    )


def test_a_month_with_blank_days_cannot_be_submitted(services, ankara, ayse):
    with pytest.raises(PuantajError):
        services.reports.move(ankara, "Ankara", "2026-01", "submit")
    assert services.reports.status("Ankara", "2026-01").status == "draft"


def test_a_submitted_month_is_read_only_for_the_clerk(services, ankara, ayse):
    ts = services.timesheets
    ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, 1))
    services.reports.move(ankara, "Ankara", "2026-01", "submit")
    with pytest.raises(PuantajError):
        ts.write(ankara, [Edit(ayse, dt.date(2026, 1, 5), "R")])


def test_a_month_with_days_still_to_come_cannot_be_submitted(services, ankara, ayse):
    # today is 2 December 2026 (tests/conftest.py): 1–2 December coded is not enough
    services.timesheets.write(
        ankara,
        [Edit(ayse, dt.date(2026, 12, 1), "X"), Edit(ayse, dt.date(2026, 12, 2), "X")],
    )
    check = services.monthchecks.run(ankara, "Ankara", 2026, 12)
    assert [(f.kind, f.day) for f in check.errors] == [("future", dt.date(2026, 12, 3))]
    with pytest.raises(PuantajError) as err:
        services.reports.move(ankara, "Ankara", "2026-12", "submit")
    assert (err.value.code, err.value.values["n"]) == ("check_errors", 1)


def test_warnings_do_not_stop_a_submission(services, ankara, ayse):
    ts = services.timesheets
    ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, 4))
    ts.write(ankara, [Edit(ayse, dt.date(2026, 4, 23), "X")])  # 23 Nisan worked
    check = services.monthchecks.run(ankara, "Ankara", 2026, 4)
    assert [(f.kind, f.severity) for f in check.findings] == [
        ("holiday_as_workday", "warning")
    ]
    assert "Yılmaz" in check.who(check.findings[0])
    status = services.reports.move(ankara, "Ankara", "2026-04", "submit")
    assert (status.status, status.by) == ("submitted", "ankara1")


def test_the_admin_sends_a_month_back_with_a_reason_the_clerk_sees(
    services, ankara, admin, ayse
):
    ts = services.timesheets
    ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, 1))
    reports = services.reports
    reports.move(ankara, "Ankara", "2026-01", "submit")
    with pytest.raises(PuantajError) as err:  # not the clerk's to take back
        reports.move(ankara, "Ankara", "2026-01", "send_back", "x")
    assert err.value.code == "admin_only"
    with pytest.raises(PuantajError) as err:
        reports.move(admin, "Ankara", "2026-01", "send_back")
    assert err.value.code == "reason"
    reports.move(admin, "Ankara", "2026-01", "send_back", "5 Ocak R değil, Yİ")
    status = reports.status("Ankara", "2026-01")
    assert status.was_sent_back and not status.is_read_only(ankara)
    assert (status.by, status.reason) == ("admin", "5 Ocak R değil, Yİ")
    ts.write(ankara, [Edit(ayse, dt.date(2026, 1, 5), "Yİ")])  # editable again
    reports.move(ankara, "Ankara", "2026-01", "submit")
    reports.move(admin, "Ankara", "2026-01", "approve")
    with pytest.raises(PuantajError):  # approved: still read-only for the clerk
        ts.write(ankara, [Edit(ayse, dt.date(2026, 1, 6), "R")])
    ts.write(admin, [Edit(ayse, dt.date(2026, 1, 6), "R")])  # payroll may fix it
    reports.move(admin, "Ankara", "2026-01", "lock")
    with pytest.raises(PuantajError):
        ts.write(admin, [Edit(ayse, dt.date(2026, 1, 7), "R")])
