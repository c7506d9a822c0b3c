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
