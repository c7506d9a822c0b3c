"""The fleet's due list: inspections recorded move it, unknown dates are unknown."""

from __future__ import annotations

import datetime as dt

from puantaj.services.fleet import FleetService

TODAY = dt.date(2026, 12, 2)


def test_a_passed_inspection_moves_the_next_due_date(services, ankara):
    vehicles = services.records["vehicles"]
    van = vehicles.create(
        ankara,
        {
            "plate": "06 TR 1234",
            "vehicle_type": "commercial",
            "first_registration": "01.03.2020",
            "last_inspection": "01.01.2025",
        },
    )
    services.records["vehicle_inspections"].create(
        ankara,
        {
            "vehicle_id": van,
            "kind": "inspection",
            "inspection_date": "01.12.2026",
            "result": "passed",
        },
    )
    fleet = FleetService(vehicles, services.records["vehicle_inspections"])
    items = fleet.due_within(ankara, 400, TODAY)
    due = {i.what: i.due for i in items}
    assert due["inspection"] == dt.date(2027, 12, 1)  # commercial: yearly


def test_a_missing_date_is_unknown_not_years_overdue(services, ankara):
    vehicles = services.records["vehicles"]
    vehicles.create(
        ankara,
        {
            "plate": "06 ABC 123",
            "vehicle_type": "private",
            "first_registration": "10.05.2010",
        },
    )
    fleet = FleetService(vehicles, services.records["vehicle_inspections"])
    items = fleet.due_within(ankara, 30, TODAY)
    inspection = [i for i in items if i.what == "inspection"]
    assert [(i.due, i.days_left(TODAY)) for i in inspection] == [(None, None)]
