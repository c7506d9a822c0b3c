"""The admin's code and holiday tables: edits, what the totals then use, pre-fill."""

from __future__ import annotations

import datetime as dt

import pytest

from puantaj.errors import PermissionDenied, ValidationError
from puantaj.services.timesheets import Edit


@pytest.fixture
def ayse(services, ankara) -> str:
    return services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Y",
            "hire_date": "01.01.2025",
        },
    )


def test_only_an_admin_edits_the_tables(services, ankara):
    admin = services.calendar_admin
    with pytest.raises(PermissionDenied):
        admin.save_holiday(ankara, "01.01.2027", "Yılbaşı")
    with pytest.raises(PermissionDenied):
        admin.save_code(ankara, {"code": "EK", "label_tr": "x", "kind": "work"})


def test_an_added_code_counts_by_its_rule_in_the_totals(services, ankara, admin, ayse):
    # "Gİ" (görevli izin) paid, an SGK day, not worked: no SGK day lost; "KI"
    # (kısa çalışma) of kind unpaid, eksik code 18, on Tue 7 and Wed 8 April:
    # 2 days, and as unpaid days they cost the HT of Sunday 12 (md.46): 30 - 3
    tables = services.calendar_admin
    tables.save_code(
        admin,
        {
            "code": "gi",
            "label_tr": "Görevli izin",
            "kind": "excused",
            "worked": "0",
            "paid": "1",
            "sgk": True,
            "aliases": "gö",
            "color": "#ccddee",
        },
    )
    tables.save_code(
        admin,
        {
            "code": "KI",
            "label_tr": "Kısa çalışma",
            "kind": "unpaid",
            "worked": 0,
            "paid": 0,
            "sgk": False,
            "eksik": "18",
        },
    )
    ts = services.timesheets
    ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, 4))
    ts.write(
        ankara,
        [Edit(ayse, dt.date(2026, 4, 6), "gö"), Edit(ayse, dt.date(2026, 4, 7), "kı")]
        + [Edit(ayse, dt.date(2026, 4, 8), "KI")],
    )
    totals = ts.load_month(ankara, "Ankara", 2026, 4).totals[ayse]
    assert totals.by_code["Gİ"] == 1  # stored under its code, typed by its alias
    assert totals.by_code["KI"] == 2  # "kı" is KI in Turkish; "ki" would be Kİ
    assert (totals.sgk_days, totals.eksik_code) == (27, "18")


def test_a_code_can_be_switched_off_and_reset(services, ankara, admin, ayse):
    tables = services.calendar_admin
    tables.save_code(
        admin,
        {
            "code": "YG",
            "label_tr": "Yarım gün",
            "kind": "half",
            "worked": "0,5",
            "paid": "0,5",
            "sgk": True,
            "active": False,
        },
    )
    with pytest.raises(ValidationError):
        services.timesheets.write(ankara, [Edit(ayse, dt.date(2026, 4, 6), "YG")])
    tables.reset_code(admin, "YG")
    services.timesheets.write(ankara, [Edit(ayse, dt.date(2026, 4, 6), "YG")])


def test_a_code_or_alias_names_one_code_only(services, admin):
    with pytest.raises(ValidationError) as err:
        services.calendar_admin.save_code(
            admin, {"code": "ZZ", "label_tr": "x", "kind": "work", "aliases": "ç"}
        )
    assert err.value.values == {"name": "Ç", "other": "X"}
    with pytest.raises(ValidationError):
        services.calendar_admin.save_code(
            admin, {"code": "ZZ", "label_tr": "x", "kind": "work", "eksik": "99"}
        )


def test_holidays_edited_change_the_calendar_and_fill_month(
    services, ankara, admin, ayse
):
    tables = services.calendar_admin
    tables.remove_holiday(admin, "23.04.2026")  # a built-in day struck off
    tables.save_holiday(admin, "24.04.2026", "Yerel tatil", "Local holiday", "0,5")
    cal = services.calendars.holidays()
    assert cal.fraction(dt.date(2026, 4, 23)) == 0
    assert cal.fraction(dt.date(2026, 4, 24)) == 0.5
    assert cal.total_days(2026) == 15.5 - 1 + 0.5
    ts = services.timesheets
    ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, 4))
    april = ts.load_month(ankara, "Ankara", 2026, 4)
    assert april.cell(ayse, dt.date(2026, 4, 23)).code == "X"  # a workday now


def test_2027_is_prefilled_with_religious_days_to_confirm(services, admin):
    tables = services.calendar_admin
    tables.save_holiday(admin, "01.01.2027", "Yılbaşı (elle)")  # kept as it is
    added = tables.prefill(admin, 2027)
    rows = {r.holiday.day: r for r in services.calendars.holiday_rows(2027)}
    assert len(added) == 15 and len(rows) == 16
    assert rows[dt.date(2027, 1, 1)].holiday.name_tr == "Yılbaşı (elle)"
    to_confirm = sorted(
        d.strftime("%d.%m") for d, r in rows.items() if r.status == "to_confirm"
    )
    # Ramazan Bayramı: eve 8 March, 9–11 March; Kurban Bayramı: eve 15 May,
    # 16–19 May (the 19th is also the 19 Mayıs holiday)
    assert to_confirm == [
        "08.03",
        "09.03",
        "10.03",
        "11.03",
        "15.05",
        "16.05",
        "17.05",
        "18.05",
        "19.05",
    ]
    halves = sorted(
        d.strftime("%d.%m") for d, r in rows.items() if r.holiday.fraction == 0.5
    )
    assert halves == ["08.03", "15.05", "28.10"]
    assert services.calendars.holidays().total_days(2027) == 13 + 3 * 0.5
    tables.confirm_holiday(admin, "09.03.2027")
    confirmed = {r.holiday.day: r.status for r in services.calendars.holiday_rows(2027)}
    assert confirmed[dt.date(2027, 3, 9)] == "confirmed"
    assert tables.prefill(admin, 2027) == []  # nothing twice
