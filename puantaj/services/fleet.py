"""Fleet use cases beyond plain records: what falls due soon."""

from __future__ import annotations

import datetime as dt

from puantaj.core.fleet import DueItem, due_items, latest_records
from puantaj.services.records import RecordService
from puantaj.services.session import Session


class FleetService:
    """Due dates of inspections, emission checks, tachographs, insurance, kasko."""

    def __init__(self, vehicles: RecordService, inspections: RecordService) -> None:
        self._vehicles = vehicles
        self._inspections = inspections

    def due_within(
        self, session: Session, days: int = 30, today: dt.date | None = None
    ) -> list[DueItem]:
        """What is overdue, due within `days`, or due on a date nobody entered;
        the oldest first, unknown dates last."""
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=days)
        latest = latest_records(self._inspections.list(session))
        items = [
            item
            for vehicle in self._vehicles.list(session)
            for item in due_items(vehicle, today, latest)
            if item.due is None or item.due <= horizon
        ]
        return sorted(items, key=lambda i: (i.due is None, i.due or today, i.plate))
