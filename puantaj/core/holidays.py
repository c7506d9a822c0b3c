"""Public holiday calendar with half-day eves (DOMAIN.md §1.6); 2026 pre-filled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Holiday:
    day: dt.date
    name_tr: str
    name_en: str
    fraction: float = 1.0  # 0.5 for an arife (holiday from 13:00)


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


HOLIDAYS_2026: tuple[Holiday, ...] = (
    Holiday(_d("2026-01-01"), "Yılbaşı", "New Year"),
    Holiday(_d("2026-03-19"), "Ramazan Bayramı arifesi", "Ramadan Feast eve", 0.5),
    Holiday(_d("2026-03-20"), "Ramazan Bayramı 1. gün", "Ramadan Feast day 1"),
    Holiday(_d("2026-03-21"), "Ramazan Bayramı 2. gün", "Ramadan Feast day 2"),
    Holiday(_d("2026-03-22"), "Ramazan Bayramı 3. gün", "Ramadan Feast day 3"),
    Holiday(
        _d("2026-04-23"),
        "Ulusal Egemenlik ve Çocuk Bayramı",
        "National Sovereignty and Children's Day",
    ),
    Holiday(_d("2026-05-01"), "Emek ve Dayanışma Günü", "Labour and Solidarity Day"),
    Holiday(
        _d("2026-05-19"),
        "Atatürk'ü Anma, Gençlik ve Spor Bayramı",
        "Commemoration of Atatürk, Youth and Sports Day",
    ),
    Holiday(_d("2026-05-26"), "Kurban Bayramı arifesi", "Sacrifice Feast eve", 0.5),
    Holiday(_d("2026-05-27"), "Kurban Bayramı 1. gün", "Sacrifice Feast day 1"),
    Holiday(_d("2026-05-28"), "Kurban Bayramı 2. gün", "Sacrifice Feast day 2"),
    Holiday(_d("2026-05-29"), "Kurban Bayramı 3. gün", "Sacrifice Feast day 3"),
    Holiday(_d("2026-05-30"), "Kurban Bayramı 4. gün", "Sacrifice Feast day 4"),
    Holiday(
        _d("2026-07-15"),
        "Demokrasi ve Milli Birlik Günü",
        "Democracy and National Unity Day",
    ),
    Holiday(_d("2026-08-30"), "Zafer Bayramı", "Victory Day"),
    Holiday(_d("2026-10-28"), "Cumhuriyet Bayramı arifesi", "Republic Day eve", 0.5),
    Holiday(_d("2026-10-29"), "Cumhuriyet Bayramı", "Republic Day"),
)


class HolidayCalendar:
    """Looks up holidays by date; built from editable rows."""

    def __init__(self, holidays: Iterable[Holiday] = HOLIDAYS_2026) -> None:
        self._by_day = {h.day: h for h in holidays}

    def get(self, day: dt.date) -> Holiday | None:
        return self._by_day.get(day)

    def fraction(self, day: dt.date) -> float:
        """1.0 on a full holiday, 0.5 on an arife, 0.0 otherwise."""
        holiday = self._by_day.get(day)
        return holiday.fraction if holiday else 0.0

    def is_full_holiday(self, day: dt.date) -> bool:
        return self.fraction(day) >= 1.0

    def total_days(self, year: int) -> float:
        return sum(h.fraction for h in self._by_day.values() if h.day.year == year)
