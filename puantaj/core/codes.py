"""Puantaj day codes (DOMAIN.md §1.3): how each counts, aliases, entry parsing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from puantaj.core import turkish
from puantaj.core.numbers import format_number, parse_number
from puantaj.errors import ValidationError


@dataclass(frozen=True)
class Code:
    """One day code and the rules payroll applies to it."""

    code: str
    label_tr: str
    label_en: str
    kind: str  # one of KINDS
    worked: float
    paid: float
    sgk: bool  # counts as an SGK prim day
    eksik: str = ""  # SGK eksik gün nedeni when the day is not an SGK day
    aliases: tuple[str, ...] = ()
    color: str = "#ffffff"


KINDS = (
    "work",
    "half",
    "holiday_work",
    "rest",
    "holiday",
    "annual",
    "excused",
    "sick",
    "accident",
    "unpaid",
    "absent",
    "maternity",
)

DEFAULT_CODES: tuple[Code, ...] = (
    Code("X", "Çalıştı", "Worked", "work", 1, 1, True, "", ("Ç", "1"), "#d9f2d9"),
    Code("YG", "Yarım gün", "Half day", "half", 0.5, 0.5, True, "", ("X½",), "#eef7d9"),
    Code(
        "HT", "Hafta tatili", "Weekly rest", "rest", 0, 1, True, "", ("H",), "#dde7f7"
    ),
    Code(
        "GT",
        "Genel tatil",
        "Public holiday",
        "holiday",
        0,
        1,
        True,
        "",
        ("RT", "BT", "B"),
        "#f7e3c6",
    ),
    # holiday work meant (md.47: an extra day's wage); X on a holiday is asked about
    Code(
        "GÇ",
        "Genel tatilde çalıştı",
        "Worked on a public holiday",
        "holiday_work",
        1,
        1,
        True,
        "",
        ("TÇ", "GC"),
        "#f2d49b",
    ),
    Code(
        "Yİ",
        "Yıllık izin",
        "Annual leave",
        "annual",
        0,
        1,
        True,
        "",
        ("YI", "Y"),
        "#fff2b3",
    ),
    Code(
        "Mİ",
        "Mazeret izni",
        "Excused leave",
        "excused",
        0,
        1,
        True,
        "",
        ("M", "MI", "EV", "ÖL", "BB"),
        "#fde0c5",
    ),
    Code(
        "R", "Rapor", "Sick report", "sick", 0, 0, False, "01", ("RP", "Rİ"), "#f7d6d6"
    ),
    Code(
        "İK",
        "İş kazası raporu",
        "Work accident report",
        "accident",
        0,
        0,
        False,
        "01",
        ("A", "IK"),
        "#f2c4c4",
    ),
    Code(
        "Üİ",
        "Ücretsiz izin",
        "Unpaid leave",
        "unpaid",
        0,
        0,
        False,
        "21",
        ("Z", "Ü", "UI", "Uİ"),
        "#e6e6e6",
    ),
    Code("D", "Devamsız", "Absent", "absent", 0, 0, False, "15", ("DS",), "#f4b6b6"),
    Code(
        "Dİ",
        "Doğum izni",
        "Maternity leave",
        "maternity",
        0,
        0,
        False,
        "01",
        ("DI",),
        "#ead1f2",
    ),
)
# the codes whose days get a totals column of their own in the grid, the reports
# and the cetvel: one list, so a new column code shows up everywhere at once
COLUMN_CODES = ("Yİ", "Mİ", "R", "Üİ", "D")

_OVERTIME_RE = re.compile(r"^\s*(\S+?)\s*(?:\+\s*|\s+)(\d[\d.,]*)\s*$")
MAX_OVERTIME_H = 16


@dataclass(frozen=True)
class Entry:
    """What a clerk typed into a cell, resolved: code (None = clear) and overtime."""

    code: str | None
    overtime_hours: float | None = None


class CodeTable:
    """The codes in force; resolves aliases case-insensitively (Turkish İ/ı)."""

    def __init__(self, codes: Iterable[Code] = DEFAULT_CODES) -> None:
        self.codes: dict[str, Code] = {}
        self._lookup: dict[str, Code] = {}
        for code in codes:
            self.codes[code.code] = code
            for name in (code.code, *code.aliases):
                self._lookup.setdefault(turkish.upper(name.strip()), code)

    def __getitem__(self, code: str) -> Code:
        return self.codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def resolve(self, text: str) -> Code | None:
        """The code `text` names (code or alias, any case), or None."""
        code = self.codes.get(text)  # stored cells hold the canonical code
        return (
            code
            if code is not None
            else self._lookup.get(turkish.upper((text or "").strip()))
        )

    def parse_entry(self, text: str) -> Entry:
        """Parse 'X', 'x', 'Ç+2', 'X 2,5' or '' into an Entry; unknown → ValidationError."""
        text = (text or "").strip()
        if not text:
            return Entry(None)
        code = self.resolve(text)
        if code is not None:
            return Entry(code.code)
        match = _OVERTIME_RE.match(text)
        code = self.resolve(match.group(1)) if match else None
        if match is None or code is None:
            raise ValidationError(
                f"unknown code: {text!r}", "code", code="code", text=text
            )
        if code.worked <= 0:  # HT+2, R+2: overtime needs a worked day
            raise ValidationError(
                f"{text!r}: no overtime on a day not worked ({code.code})",
                "overtime_hours",
                code="overtime_not_worked",
                text=text,
                code_name=code.code,
            )
        # Turkish notation (2,5); a dot is refused, not read as a decimal
        hours = parse_number(match.group(2), "overtime_hours")
        if hours > MAX_OVERTIME_H:
            raise ValidationError(
                f"{text!r}: more than {MAX_OVERTIME_H} hours of overtime in a day",
                "overtime_hours",
                code="overtime_max",
                text=text,
                max=MAX_OVERTIME_H,
            )
        if hours <= 0:
            raise ValidationError(
                f"{text!r}: overtime must be more than 0 hours",
                "overtime_hours",
                code="overtime_zero",
                text=text,
            )
        return Entry(code.code, hours)


def cell_text(code: str | None, overtime: float | None) -> str:
    """A cell as the grid and the exports show it: 'X', 'X+2,5' (one form)."""
    if not code:
        return ""
    return f"{code}+{format_number(overtime)}" if overtime else code
