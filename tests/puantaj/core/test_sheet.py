"""Layout rules of the printed cetveli and the payroll files."""

from __future__ import annotations

import datetime as dt

from puantaj.core import sheet
from puantaj.core.holidays import HolidayCalendar


def test_words_months_statuses_and_weekdays_are_turkish():
    assert sheet.month_in_words(2026, 12) == "Aralık 2026"
    assert sheet.status_words("draft") == "Taslak"
    assert sheet.status_words("locked") == "Kilitli"
    assert sheet.weekday_words(dt.date(2026, 12, 2)) == "Çar"


def test_formula_starts_are_neutralised_and_numbers_pass():
    for text in ("=1+1", "+90", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert sheet.neutralise(text) == "'" + text
    assert sheet.neutralise("Işık") == "Işık"
    assert sheet.neutralise(-2.5) == -2.5
    assert sheet.csv_text("0042") == '="0042"'
    assert sheet.csv_text("=cmd") == "'=cmd"


def test_day_kinds_and_number_formats():
    holidays = HolidayCalendar()
    assert sheet.day_kind(dt.date(2026, 10, 29), 6, holidays) == "holiday"
    assert sheet.day_kind(dt.date(2026, 10, 28), 6, holidays) == "eve"
    assert sheet.day_kind(dt.date(2026, 10, 4), 6, holidays) == "rest"
    assert sheet.day_kind(dt.date(2026, 10, 5), 6, holidays) == ""
    assert sheet.number_format(26.0) == "#,##0"
    assert sheet.number_format(2.5) == "#,##0.0#"
    assert sheet.export_name("Ankara Merkez", 2026, 1, ".pdf") == (
        "Puantaj_Ankara_Merkez_2026-01.pdf"
    )
