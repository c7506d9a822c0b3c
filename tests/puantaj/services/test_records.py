"""Records read numbers in Turkish notation and refuse what is ambiguous."""

from __future__ import annotations

import pytest

from puantaj.errors import ValidationError


@pytest.fixture
def vehicle(services, ankara) -> str:
    return services.records["vehicles"].create(
        ankara, {"plate": "06 ABC 123", "vehicle_type": "private", "km": "125.000"}
    )


def test_km_with_a_thousands_dot_is_a_hundred_and_twenty_five_thousand(
    services, ankara, vehicle
):
    assert services.records["vehicles"].get(ankara, vehicle)["km"] == 125000


def test_costs_in_turkish_notation(services, ankara, vehicle):
    faults = services.records["vehicle_faults"]
    common = {"vehicle_id": vehicle, "fault_date": "02.12.2026"}
    one = faults.create(ankara, {**common, "cost": "1.850"})
    two = faults.create(ankara, {**common, "cost": "1.250,50"})
    assert faults.get(ankara, one)["cost"] == 1850
    assert faults.get(ankara, two)["cost"] == 1250.5
    with pytest.raises(ValidationError):
        faults.create(ankara, {**common, "cost": "1,850"})  # 1,85 or 1.850?
