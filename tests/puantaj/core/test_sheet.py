"""Layout rules of the printed cetveli and the payroll files."""

from __future__ import annotations

import datetime as dt

import pytest

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


@pytest.mark.parametrize(
    ("number", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")]
)
def test_column_letters_and_numbers_go_both_ways(number, letters):
    assert sheet.column_letter(number) == letters
    assert sheet.column_number(letters) == number
    assert sheet.column_number(letters.lower()) == number


@pytest.mark.parametrize("bad", ["", "A1", "Ç", "ABCD", " A"])
def test_a_column_that_is_not_letters_is_refused(bad):
    with pytest.raises(ValueError):
        sheet.column_number(bad)


def test_the_app_starts_without_the_export_libraries():
    """openpyxl and reportlab (~30 MB resident) load at the first export or
    import, so a PC that never exports stays light (issue 16's memory goal)."""
    import subprocess
    import sys

    code = (
        "import sys, puantaj.app, puantaj.ui.desktop_app;"
        "print(sorted(m for m in ('openpyxl', 'reportlab', 'PIL') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
