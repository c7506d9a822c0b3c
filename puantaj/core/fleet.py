"""Fleet due dates: TÜVTÜRK inspection, exhaust emission, insurance (DOMAIN.md §3).

A recorded inspection moves the next due date: passed, the next one counts from
it; failed, the vehicle has a month for the re-test. A due date nobody can know
(no inspection on record and the first one long past) is unknown, not years
overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from puantaj.core.dates import add_months, add_years

_COMMERCIAL = ("commercial", "truck", "bus")
SOON_DAYS = 30
RETEST_MONTHS = 1  # a failed vehicle gets a month to fix its faults
TACHOGRAPH_YEARS = 2


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
    assert first_registration is not None  # one of the two is known (above)
    return add_years(first_registration, 1 if kind != "private" else 3)


@dataclass(frozen=True)
class DueItem:
    vehicle_id: str
    plate: str
    region: str
    what: str  # inspection | emission | tachograph | insurance | kasko
    due: dt.date | None  # None: unknown (a date is missing)

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def state(self, today: dt.date) -> str:
        """overdue, soon (within 30 days), later, or unknown."""
        left = self.days_left(today)
        if left is None:
            return "unknown"
        if left < 0:
            return "overdue"
        return "soon" if left <= SOON_DAYS else "later"


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def latest_records(
    records: Iterable[Mapping[str, Any]],
) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The newest inspection record per (vehicle id, kind)."""
    out: dict[tuple[str, str], Mapping[str, Any]] = {}
    for record in records:
        key = (record["vehicle_id"], record["kind"])
        held = out.get(key)
        if held is None or record["inspection_date"] > held["inspection_date"]:
            out[key] = record
    return out


def _after_record(record: Mapping[str, Any] | None, every_years: int) -> dt.date | None:
    """The due date a record sets: its own next_due, a re-test month after a
    failure, else `every_years` after it."""
    if record is None:
        return None
    if record.get("next_due"):
        return _date(record["next_due"])
    done = _date(record["inspection_date"])
    if done is None:
        return None
    if record.get("result") == "failed":
        return add_months(done, RETEST_MONTHS)
    return add_years(done, every_years)


def due_items(
    vehicle: Mapping[str, Any],
    today: dt.date,
    latest: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
) -> list[DueItem]:
    """Every dated obligation of one vehicle row; `latest` are the newest
    inspection records per (vehicle id, kind) (see latest_records)."""
    latest = latest or {}
    first = _date(vehicle.get("first_registration"))
    kind = vehicle.get("vehicle_type") or "private"
    dues: dict[str, dt.date | None] = {}
    for what in ("inspection", "emission"):
        last = _date(vehicle.get(f"last_{what}"))
        record = latest.get((vehicle["id"], what))
        if record is not None and (
            last is None or record["inspection_date"] >= last.isoformat()
        ):
            dues[what] = _after_record(record, _interval(what, kind, first, today))
            continue
        due = (
            next_inspection(kind, first, last)
            if what == "inspection"
            else next_emission(kind, first, last, today)
        )
        # never inspected on record, and the first one is long past: unknown
        dues[what] = None if last is None and (due is None or due < today) else due
    tachograph = latest.get((vehicle["id"], "tachograph"))
    if tachograph is not None:
        dues["tachograph"] = _after_record(tachograph, TACHOGRAPH_YEARS)
    dues["insurance"] = _date(vehicle.get("insurance_expiry"))  # compulsory
    kasko = _date(vehicle.get("kasko_expiry"))  # optional: only when there is one
    if kasko is not None:
        dues["kasko"] = kasko
    return [
        DueItem(vehicle["id"], vehicle["plate"], vehicle["region"], what, due)
        for what, due in dues.items()
    ]


def _interval(what: str, kind: str, first: dt.date | None, today: dt.date) -> int:
    """Years between two inspections (or emission checks) of this vehicle."""
    if what == "inspection":
        return 1 if kind in _COMMERCIAL else 3 if kind == "tractor" else 2
    old = first is not None and add_years(first, 10) <= today
    return 1 if kind != "private" or old else 2
