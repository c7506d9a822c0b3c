"""Fleet use cases beyond plain records: what falls due soon."""

from __future__ import annotations

import datetime as dt

from puantaj.core.fleet import DueItem, due_items
from puantaj.services.records import RecordService
from puantaj.services.session import Session


class FleetService:
    """Due dates of inspections, emission checks, insurance and kasko."""

    def __init__(self, vehicles: RecordService) -> None:
        self._vehicles = vehicles

    def due_within(
        self, session: Session, days: int = 30, today: dt.date | None = None
    ) -> list[DueItem]:
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=days)
        items = [
            item
            for vehicle in self._vehicles.list(session)
            for item in due_items(vehicle, today)
            if item.due <= horizon
        ]
        return sorted(items, key=lambda i: (i.due, i.plate))
