"""Natural ids: the same key makes the same row; a region's rows are its own."""

from __future__ import annotations


def test_the_same_plate_in_two_regions_makes_two_vehicles(services, admin):
    """A vehicle moved to another region can be created there: its id there is
    not the id of the row the old region keeps."""
    vehicles = services.records["vehicles"]
    made = {
        region: vehicles.create(
            admin, {"plate": "06 ABC 123", "vehicle_type": "private"}, region
        )
        for region in ("Ankara", "İzmir")
    }
    assert made["Ankara"] != made["İzmir"]
    assert {r["region"] for r in vehicles.list(admin)} == {"Ankara", "İzmir"}
