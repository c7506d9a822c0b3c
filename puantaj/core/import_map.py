"""Which column of an office's sheet holds what: headings in Turkish or English."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from puantaj.core import turkish

FIELDS = ("sicil", "tc", "name", "first", "last", "title", "hire", "exit")
# normalised heading → field (lower-case Turkish, no dots, single spaces)
HEADINGS = {
    "sicil": "sicil",
    "sicil no": "sicil",
    "sicil numarası": "sicil",
    "personel no": "sicil",
    "employee no": "sicil",
    "staff no": "sicil",
    "employee id": "sicil",
    "tc": "tc",
    "tc no": "tc",
    "tckn": "tc",
    "tc kimlik": "tc",
    "tc kimlik no": "tc",
    "kimlik no": "tc",
    "national id": "tc",
    "ad soyad": "name",
    "adı soyadı": "name",
    "adı ve soyadı": "name",
    "personel": "name",
    "name": "name",
    "full name": "name",
    "ad": "first",
    "adı": "first",
    "first name": "first",
    "soyad": "last",
    "soyadı": "last",
    "last name": "last",
    "surname": "last",
    "görev": "title",
    "görevi": "title",
    "unvan": "title",
    "unvanı": "title",
    "title": "title",
    "job title": "title",
    "işe giriş": "hire",
    "işe giriş tarihi": "hire",
    "giriş tarihi": "hire",
    "hire date": "hire",
    "işten çıkış": "exit",
    "işten çıkış tarihi": "exit",
    "çıkış tarihi": "exit",
    "exit date": "exit",
}
# a weekday row under the day headings (ours, and many offices'), Turkish or English
WEEKDAYS = {
    *("pzt", "sal", "çar", "per", "cum", "cmt", "paz", "pts", "çrş", "prş"),
    *("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
}
TOTALS = {"toplam", "genel toplam", "total", "totals"}
_NOISE = re.compile(r"[.:_()\-/]+")
_SPACES = re.compile(r"\s+")


def normalise(heading: object) -> str:
    """`T.C. Kimlik No:` → `tc kimlik no`; a day heading `1.0` → `1`."""
    if isinstance(heading, float) and heading.is_integer():
        heading = int(heading)
    text = turkish.lower(str(heading or ""))
    return _SPACES.sub(" ", _NOISE.sub(" ", text)).strip().replace("t c ", "tc ")


def day_of(heading: object, year: int, month: int) -> int | None:
    """The day of `month` a heading names, None for any other heading: `5`,
    `05`, `5 Pzt`, `05.12`, `05.12.2026`, or a date cell of that month."""
    if isinstance(heading, dt.date):  # (a datetime is a date too)
        return heading.day if (heading.year, heading.month) == (year, month) else None
    words = normalise(heading).split()
    if not words or not words[0].isdigit():
        return None
    day = int(words[0])
    rest = [w.rstrip("½") for w in words[1:] if w != "½"]  # an eve's mark
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    if not rest or (len(rest) == 1 and rest[0] in WEEKDAYS):
        return day
    numbers = [int(w) for w in rest if w.isdigit()]
    if len(numbers) == len(rest) and numbers[:2] in ([month], [month, year]):
        return day
    return None


def guess_mapping(headings: list[object], year: int, month: int) -> dict[int, str]:
    """Column index → 'sicil', 'tc', … or 'day:N'; unknown headings are left out."""
    mapping: dict[int, str] = {}
    for index, heading in enumerate(headings):
        day = day_of(heading, year, month)
        text = normalise(heading)
        if day is not None:
            mapping[index] = f"day:{day}"
        elif text in HEADINGS and HEADINGS[text] not in mapping.values():
            mapping[index] = HEADINGS[text]
    return mapping


def is_heading_row(cells: list[object]) -> bool:
    """A row naming a sicil or TC column starts the table."""
    return any(HEADINGS.get(normalise(c)) in ("sicil", "tc") for c in cells)


def split_name(full: str) -> tuple[str, str]:
    """`Ayşe Yağmur Doğan` → (`Ayşe Yağmur`, `Doğan`): the surname is the last word."""
    words = full.split()
    if len(words) < 2:
        return full.strip(), ""
    return " ".join(words[:-1]), words[-1]


def assign(mapping: dict[int, str], column: int, field: str) -> dict[int, str]:
    """`mapping` with `column` set to `field` ('' leaves the column out); a field
    another column had moves here, since each field comes from one column."""
    out = {c: f for c, f in mapping.items() if c != column and f != field}
    if field:
        out[column] = field
    return out


def is_field(field: str, days_in_month: int) -> bool:
    """A field a column may hold: one of FIELDS or `day:N` of the month."""
    if field.startswith("day:"):
        day = field[4:]
        return day.isdigit() and 1 <= int(day) <= days_in_month
    return field in FIELDS


def is_weekday_row(cells: list[object]) -> bool:
    """A row naming weekdays (`Pzt`, `Per ½`), not a person."""
    words = [normalise(c).rstrip(" ½") for c in cells if normalise(c)]
    return bool(words) and all(w in WEEKDAYS for w in words)


def is_totals_row(cells: list[object]) -> bool:
    """A `Toplam` row: the table ends there (a legend or signatures follow)."""
    first = next((normalise(c) for c in cells if normalise(c)), "")
    return first in TOTALS
