"""Fleet due dates: TÜVTÜRK inspection, exhaust emission, insurance (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_COMMERCIAL = ("commercial", "truck", "bus")


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_inspection(
    kind: str, first_registration: dt.date | None, last: dt.date | None
) -> dt.date | None:
    """Private cars and motorcycles: 3 years, then every 2; commercial: 1, then 1;
    tractors every 3."""
    if kind in _COMMERCIAL:
        first_after, every = 1, 1
    elif kind == "tractor":
        first_after, every = 3, 3
    else:
        first_after, every = 3, 2
    if last:
        return add_years(last, every)
    return add_years(first_registration, first_after) if first_registration else None


def next_emission(
    kind: str, first_registration: dt.date | None, last: dt.date | None, today: dt.date
) -> dt.date | None:
    """Private cars: 3 years, then every 2; others and any car over 10 years: yearly."""
    if first_registration is None and last is None:
        return None
    old = first_registration is not None and add_years(first_registration, 10) <= today
    yearly = kind != "private" or old
    if last:
        return add_years(last, 1 if yearly else 2)
    return add_years(first_registration, 1 if kind != "private" else 3)


@dataclass(frozen=True)
class DueItem:
    vehicle_id: str
    plate: str
    region: str
    what: str  # inspection | emission | insurance | kasko
    due: dt.date

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


def due_items(vehicle: dict, today: dt.date) -> list[DueItem]:
    """Every dated obligation of one vehicle row."""

    def date(name: str) -> dt.date | None:
        return dt.date.fromisoformat(vehicle[name]) if vehicle.get(name) else None

    first = date("first_registration")
    kind = vehicle.get("vehicle_type") or "private"
    dues = {
        "inspection": next_inspection(kind, first, date("last_inspection")),
        "emission": next_emission(kind, first, date("last_emission"), today),
        "insurance": date("insurance_expiry"),
        "kasko": date("kasko_expiry"),
    }
    return [
        DueItem(vehicle["id"], vehicle["plate"], vehicle["region"], what, due)
        for what, due in dues.items()
        if due is not None
    ]
