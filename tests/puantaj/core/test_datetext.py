"""The one formatter of dates and moments on screen."""

from __future__ import annotations

import datetime as dt

from puantaj.core.datetext import day_text, moment_text


def test_days_read_dd_mm_yyyy_from_iso_text_or_dates():
    assert day_text("2026-12-02") == "02.12.2026"
    assert day_text(dt.date(2026, 1, 5)) == "05.01.2026"
    assert day_text("2026-12-02T10:00:00+00:00") == "02.12.2026"
    assert day_text(None) == "" and day_text("") == ""
    assert day_text("not a day") == "not a day"


def test_moments_read_in_local_time_to_the_minute():
    at = dt.datetime(2026, 12, 2, 9, 5, tzinfo=dt.UTC)
    local = at.astimezone().strftime("%d.%m.%Y %H:%M")
    assert moment_text("2026-12-02T09:05:00+00:00") == local
    assert moment_text("2026-12-02T09:05:00") == local  # UTC when unzoned
    assert moment_text(at) == local
    assert moment_text("") == "" and moment_text("yesterday") == "yesterday"
