"""Errors and stored values worded in the user's language (no Tk needed)."""

from __future__ import annotations

import pytest

from puantaj.core import validators
from puantaj.errors import PeriodLocked, PuantajError, ValidationError
from puantaj.ui.i18n import CATALOGUE, Strings

TR, EN = Strings("tr"), Strings("en")


def raised(action) -> PuantajError:
    with pytest.raises(PuantajError) as caught:
        action()
    return caught.value


def test_validation_errors_name_the_field_by_its_label_in_each_language():
    bad_date = raised(lambda: validators.parse_date("31.02.2026", "hire_date"))
    assert TR.error(bad_date) == "İşe giriş: tarih değil, gg.aa.yyyy yazın (31.02.2026)"
    assert EN.error(bad_date) == "Hired: not a date, write dd.mm.yyyy (31.02.2026)"
    plate = raised(lambda: validators.normalize_plate("ABC", "plate"))
    assert TR.error(plate) == "Plaka: geçersiz plaka (ABC)"


def test_locked_month_and_transitions_read_in_turkish():
    locked = PeriodLocked(
        "Ankara 2026-03 is locked by admin",
        code="locked",
        region="Ankara",
        month="2026-03",
        by="admin",
    )
    assert TR.error(locked) == "Ankara Mart 2026 kilitli (admin kilitledi)"
    assert EN.error(locked) == "Ankara March 2026 is locked (by admin)"
    moved = ValidationError(
        "cannot approve a month that is draft",
        "status",
        code="transition",
        action="approve",
        status="draft",
    )
    assert TR.error(moved) == "Bu ay Taslak durumunda; bu işlem yapılamaz"


def test_an_error_without_a_code_keeps_its_own_words():
    assert TR.error(PuantajError("disk full")) == "disk full"
    assert TR.value("something-new") == "something-new"


def test_every_catalogue_entry_has_both_languages_and_the_same_placeholders():
    import string

    for key, (tr, en) in CATALOGUE.items():
        assert tr and en, key
        names = [
            {f[1] for f in string.Formatter().parse(text) if f[1]} for text in (tr, en)
        ]
        assert names[0] == names[1], key


def test_a_pasted_control_character_and_an_out_of_range_number_read_in_turkish(
    services, ankara
):
    employees = services.records["employees"]
    base = {"sicil_no": "1", "first_name": "A", "last_name": "B"}
    with pytest.raises(ValidationError) as pasted:
        employees.create(
            ankara, {**base, "hire_date": "01.01.2026", "title": "Us\x07ta"}
        )
    assert "denetim karakteri" in TR.error(pasted.value)
    with pytest.raises(ValidationError) as rest:
        employees.create(
            ankara, {**base, "hire_date": "01.01.2026", "weekly_rest_day": "9"}
        )
    assert "0 ile 6 arasında olmalı" in TR.error(rest.value)
