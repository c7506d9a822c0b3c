"""Fleet due dates computed by hand (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt

from puantaj.core.fleet import due_items, latest_records

D = dt.date
TODAY = D(2026, 12, 2)


def vehicle(**values) -> dict:
    return {"id": "v1", "plate": "06 ABC 123", "region": "Ankara", **values}


def record(kind: str, day: str, result: str = "passed", **extra) -> dict:
    return {
        "vehicle_id": "v1",
        "kind": kind,
        "inspection_date": day,
        "result": result,
        **extra,
    }


def dues(v: dict, *records: dict) -> dict:
    return {i.what: i.due for i in due_items(v, TODAY, latest_records(records))}


def test_a_new_private_car_is_first_inspected_after_three_years():
    car = vehicle(vehicle_type="private", first_registration="2025-06-10")
    assert dues(car) == {
        "inspection": D(2028, 6, 10),
        "emission": D(2028, 6, 10),
        "insurance": None,  # compulsory, and not entered: unknown
    }


def test_the_newest_record_counts_passed_or_failed():
    van = vehicle(
        vehicle_type="commercial",
        first_registration="2020-03-01",
        last_inspection="2025-01-01",
    )
    # passed on 01.12.2026: commercial vehicles yearly → 01.12.2027 (was the
    # vehicle's own last_inspection + 1 year = 01.01.2026, "-335 days")
    assert dues(van, record("inspection", "2026-12-01"))["inspection"] == D(2027, 12, 1)
    # failed on 20.11.2026: a month for the re-test → 20.12.2026
    failed = record("inspection", "2026-11-20", "failed")
    older = record("inspection", "2025-11-20")
    assert dues(van, older, failed)["inspection"] == D(2026, 12, 20)
    # a record's own next_due wins
    given = record("inspection", "2026-11-20", next_due="2027-05-01")
    assert dues(van, given)["inspection"] == D(2027, 5, 1)


def test_an_older_record_than_the_cards_date_does_not_move_it_back():
    car = vehicle(
        vehicle_type="private",
        first_registration="2015-01-01",
        last_emission="2026-06-01",
    )
    # over 10 years old: emission yearly from the card's 01.06.2026
    assert dues(car, record("emission", "2025-06-01"))["emission"] == D(2027, 6, 1)


def test_missing_dates_are_unknown_not_thousands_of_days_late():
    old = vehicle(vehicle_type="private", first_registration="2010-05-10")
    items = due_items(old, TODAY)
    assert [(i.what, i.due, i.days_left(TODAY), i.state(TODAY)) for i in items] == [
        ("inspection", None, None, "unknown"),  # was 10.05.2013, "-4954 days"
        ("emission", None, None, "unknown"),
        ("insurance", None, None, "unknown"),
    ]


def test_states_overdue_soon_and_later():
    car = vehicle(
        vehicle_type="private",
        first_registration="2024-02-01",  # first inspection 01.02.2027: 61 days
        insurance_expiry="2026-11-30",  # 2 days ago
        kasko_expiry="2027-01-01",  # in 30 days: still within the 30
    )
    state = {i.what: i.state(TODAY) for i in due_items(car, TODAY)}
    assert state == {
        "inspection": "later",
        "emission": "later",
        "insurance": "overdue",
        "kasko": "soon",
    }


def test_a_tachograph_is_due_two_years_after_its_calibration():
    truck = vehicle(vehicle_type="truck", first_registration="2024-02-01")
    assert dues(truck, record("tachograph", "2025-03-01"))["tachograph"] == D(
        2027, 3, 1
    )
