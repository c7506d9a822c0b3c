import datetime as dt

import pytest

from puantaj.core import turkish, validators
from puantaj.errors import ValidationError


def test_tc_kimlik_checksum():
    assert validators.is_valid_tc("10000000146")
    assert not validators.is_valid_tc("10000000147")
    assert not validators.is_valid_tc("01234567890")
    assert not validators.is_valid_tc("1234")


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("06abc123", "06 ABC 123"),
        ("34 a 1234", "34 A 1234"),
        ("35-ab-123", "35 AB 123"),
    ],
)
def test_plates_are_normalised(raw, canonical):
    assert validators.normalize_plate(raw) == canonical


@pytest.mark.parametrize(
    "bad", ["00 ABC 123", "99 AB 12", "06 ABCD 12", "ABC", "06 A 12"]
)
def test_bad_plates_are_refused(bad):
    with pytest.raises(ValidationError):
        validators.normalize_plate(bad)


def test_dates_accept_turkish_and_iso_forms():
    assert validators.parse_date("05.03.2026") == dt.date(2026, 3, 5)
    assert validators.parse_date("2026-03-05") == dt.date(2026, 3, 5)
    assert validators.format_date("2026-03-05") == "05.03.2026"
    with pytest.raises(ValidationError) as err:
        validators.parse_date("31.02.2026", "hire_date")
    assert err.value.field == "hire_date"


def test_turkish_case_and_order():
    assert turkish.upper("istanbul ılgaz") == "İSTANBUL ILGAZ"
    assert turkish.lower("İZMİR IŞIK") == "izmir ışık"
    names = ["Zeynep", "İsmail", "Işıl", "Çağrı", "Cem", "Ömer", "Orhan", "ilker"]
    assert sorted(names, key=turkish.sort_key) == [
        "Cem",
        "Çağrı",
        "Işıl",
        "ilker",
        "İsmail",
        "Orhan",
        "Ömer",
        "Zeynep",
    ]
