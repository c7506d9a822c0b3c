"""Which column holds what: headings recognised, and the clerk's corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from puantaj.core import import_map


def test_turkish_and_english_headings_are_recognised():
    headings = ["T.C. Kimlik No:", "Sicil No", "Adı Soyadı", "Surname", 1.0, "31"]
    assert import_map.guess_mapping(headings, 2026, 11) == {
        0: "tc",
        1: "sicil",
        2: "name",
        3: "last",
        4: "day:1",  # day 31 does not exist in a 30-day month
    }


def test_a_field_assigned_to_another_column_leaves_the_first():
    mapping = {0: "sicil", 1: "name", 2: "day:1"}
    assert import_map.assign(mapping, 3, "day:1") == {0: "sicil", 1: "name", 3: "day:1"}
    assert import_map.assign(mapping, 1, "") == {0: "sicil", 2: "day:1"}
    assert mapping == {0: "sicil", 1: "name", 2: "day:1"}  # not changed in place


def test_fields_a_column_may_hold():
    assert import_map.is_field("hire", 30) and import_map.is_field("day:30", 30)
    assert not import_map.is_field("day:31", 30)
    assert not import_map.is_field("maaş", 30) and not import_map.is_field("day:x", 30)


def test_weekday_and_totals_rows_are_not_people():
    assert import_map.is_weekday_row([None, "", "Pzt", "Sal", "Per ½", "Mon"])
    assert not import_map.is_weekday_row(["0042", "Pzt"])
    assert not import_map.is_weekday_row([None, ""])
    assert import_map.is_totals_row([None, "Toplam", "", 24])
    assert import_map.is_totals_row(["GENEL TOPLAM"])
    assert not import_map.is_totals_row(["0042", "Toplam"])


@pytest.mark.parametrize(
    ("heading", "day"),
    [
        ("5", 5),
        ("05", 5),
        (5.0, 5),
        ("5 Per", 5),
        ("5. Per ½", 5),
        ("05.11", 5),
        ("05.11.2026", 5),
        (dt.datetime(2026, 11, 5), 5),  # a date cell shown as its day
        (dt.date(2026, 11, 30), 30),
        ("31", None),  # November has 30 days
        ("05.12.2026", None),  # another month
        (dt.datetime(2026, 12, 5), None),
        ("5 kişi", None),
        ("Sicil", None),
    ],
)
def test_day_headings_in_the_forms_offices_use(heading, day):
    assert import_map.day_of(heading, 2026, 11) == day
