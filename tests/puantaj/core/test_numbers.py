"""Turkish number notation, read and written, and what is refused as ambiguous."""

from __future__ import annotations

import pytest

from puantaj.core.numbers import format_number, parse_number
from puantaj.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "whole", "value"),
    [
        ("125.000", True, 125000),  # was stored as 125
        ("125000", True, 125000),
        ("1.850", False, 1850),  # was stored as 1.85
        ("1.250,50", False, 1250.5),  # was refused
        ("1.250.000", True, 1250000),
        ("2,5", False, 2.5),
        ("0,125", False, 0.125),  # a leading 0 cannot be a thousands group
        (" 1 250,5 ", False, 1250.5),  # spaces group thousands too
        ("-3,25", False, -3.25),
        ("7", False, 7),
        ("12,0", True, 12),
    ],
)
def test_turkish_notation_is_read(text, whole, value):
    assert parse_number(text, "f", whole) == value


@pytest.mark.parametrize(
    ("text", "whole", "code"),
    [
        ("1,850", False, "number_ambiguous"),  # 1,85 or 1.850?
        ("125,000", True, "number_ambiguous"),
        ("12.5", False, "number_dot"),  # an English decimal point
        ("1.85", False, "number_dot"),
        ("1.2345", True, "number_dot"),
        ("1,250.50", False, "number"),  # English grouping
        ("1,2,3", False, "number"),
        ("12,5", True, "number_whole"),  # km are whole
        ("beş", False, "number"),
        ("", False, "number"),
        ("1.250,", False, "number"),
    ],
)
def test_what_could_be_read_two_ways_is_refused(text, whole, code):
    with pytest.raises(ValidationError) as err:
        parse_number(text, "cost", whole)
    assert err.value.code == code and err.value.field == "cost"


def test_ambiguity_names_both_readings():
    with pytest.raises(ValidationError) as err:
        parse_number("1,850", "cost")
    assert (err.value.values["grouped"], err.value.values["decimal"]) == (
        "1.850",
        "1,85",
    )


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (125000, None, "125.000"),
        (1250.5, None, "1.250,5"),
        (1250.5, 2, "1.250,50"),
        (1850, 2, "1.850,00"),
        (2.5, None, "2,5"),
        (30, None, "30"),
        (0.0, None, "0"),
        (-1234.25, None, "-1.234,25"),
        (None, None, ""),
    ],
)
def test_numbers_are_shown_the_same_way(value, decimals, text):
    assert format_number(value, decimals) == text


def test_what_is_shown_reads_back():
    for value in (125000, 1250.5, 2.5, 0.75, 1234567.25):
        assert parse_number(format_number(value), "f") == value
