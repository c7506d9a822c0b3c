"""Layout rules of the printed puantaj cetveli and the payroll files, pure (issue 14)."""

from __future__ import annotations

import datetime as dt
import re

from puantaj.core.holidays import HolidayCalendar

MONTHS_TR = (
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
)
WEEKDAYS_TR = ("Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz")
STATUS_TR = {
    "draft": "Taslak",
    "submitted": "Gönderildi",
    "approved": "Onaylandı",
    "locked": "Kilitli",
}
SIGNATURE_ROLES = ("Düzenleyen", "Kontrol eden", "Onaylayan")
EVE_MARK = "½"  # a half-day eve (arife): holiday from 13:00
# OWASP CSV injection: a spreadsheet reads these first characters as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel's number formats: '.' and ',' are shown as the reader's locale writes them
WHOLE_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
TEXT_FORMAT = "@"
_UNSAFE_NAME = re.compile(r"[^\w-]+")


def month_in_words(year: int, month: int) -> str:
    """`Aralık 2026`."""
    return f"{MONTHS_TR[month - 1]} {year}"


def status_words(status: str) -> str:
    """A month's status as the sheet prints it (Taslak, Onaylandı …)."""
    return STATUS_TR.get(status, status)


def weekday_words(day: dt.date) -> str:
    return WEEKDAYS_TR[day.weekday()]


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe;
    numbers and other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def number_format(value: float | int) -> str:
    """Excel format of a number cell: whole numbers plain, fractions with a comma."""
    return WHOLE_FORMAT if float(value).is_integer() else DECIMAL_FORMAT


def day_kind(day: dt.date, rest_day: int, holidays: HolidayCalendar) -> str:
    """'holiday', 'eve', 'rest' or '' for a day of someone whose weekly rest is
    `rest_day` (0 Monday … 6 Sunday)."""
    fraction = holidays.fraction(day)
    if fraction >= 1.0:
        return "holiday"
    if fraction > 0:
        return "eve"
    return "rest" if day.weekday() == rest_day else ""


def export_name(region: str, year: int, month: int, suffix: str) -> str:
    """`Puantaj_Ankara_2026-12.xlsx`; 'Tum_bolgeler' for every region."""
    safe = _UNSAFE_NAME.sub("_", region).strip("_") or "Bolge"
    return f"Puantaj_{safe}_{year:04d}-{month:02d}{suffix}"


def csv_text(value: str) -> str:
    """A digits-only identifier (TC, sicil, eksik code) as Excel keeps it text:
    `="01"` shows 01, not 1 or 1E+10; other text is neutralised."""
    if value.isdigit():
        return f'="{value}"'
    return str(neutralise(value))


def column_letter(number: int) -> str:
    """A spreadsheet column's letters from its number (1 → A, 27 → AA)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A spreadsheet column's number from its letters (A → 1, AA → 27);
    ValueError for anything but 1 to 3 Latin letters."""
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        raise ValueError(f"not a column: {letters!r}")
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - ord("A") + 1
    return number
