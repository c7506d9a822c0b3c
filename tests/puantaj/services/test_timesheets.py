"""The grid's use cases: typing codes, scoping, locks, employment dates, fill, totals."""

import datetime as dt

import pytest

from puantaj.errors import PeriodLocked, PermissionDenied, ValidationError
from puantaj.services.timesheets import Edit


@pytest.fixture
def staff(services, ankara, istanbul):
    emp = services.records["employees"]
    return {
        "ayse": emp.create(
            ankara,
            {
                "sicil_no": "1",
                "first_name": "Ayşe",
                "last_name": "Yılmaz",
                "hire_date": "01.01.2025",
                "tc_no": "10000000146",
            },
        ),
        "ilker": emp.create(
            ankara,
            {
                "sicil_no": "2",
                "first_name": "İlker",
                "last_name": "Çelik",
                "hire_date": "15.04.2026",
            },
        ),
        "deniz": emp.create(
            istanbul,
            {
                "sicil_no": "1",
                "first_name": "Deniz",
                "last_name": "Ak",
                "hire_date": "01.01.2025",
            },
        ),
    }


def test_typed_codes_are_stored_and_totalled(services, ankara, staff):
    ts = services.timesheets
    ts.write(
        ankara,
        [
            Edit(staff["ayse"], dt.date(2026, 4, 1), "x"),
            Edit(staff["ayse"], dt.date(2026, 4, 2), "ç+2"),
            Edit(staff["ayse"], dt.date(2026, 4, 3), "yı"),
        ],
    )
    grid = ts.load_month(ankara, "Ankara", 2026, 4)
    assert [e["first_name"] for e in grid.employees] == [
        "İlker",
        "Ayşe",
    ]  # Çelik < Yılmaz
    totals = grid.totals[staff["ayse"]]
    assert (totals.worked_days, totals.overtime_hours, totals.by_code["Yİ"]) == (
        2,
        2.0,
        1,
    )


def test_fill_month_then_totals_for_a_mid_month_hire(services, ankara, staff):
    ts = services.timesheets
    grid = ts.load_month(ankara, "Ankara", 2026, 4)
    written = ts.fill_month(ankara, grid)
    assert written == 30 + 16
    grid = ts.load_month(ankara, "Ankara", 2026, 4)
    assert grid.cell(staff["ayse"], dt.date(2026, 4, 23)).code == "GT"
    assert grid.cell(staff["ayse"], dt.date(2026, 4, 5)).code == "HT"
    assert grid.cell(staff["ilker"], dt.date(2026, 4, 14)) is None
    assert grid.totals[staff["ilker"]].sgk_days == 16
    assert grid.totals[staff["ayse"]].sgk_days == 30


def test_unknown_code_rejects_the_whole_paste(services, ankara, staff):
    with pytest.raises(ValidationError, match="unknown code"):
        services.timesheets.write(
            ankara,
            [
                Edit(staff["ayse"], dt.date(2026, 4, 1), "X"),
                Edit(staff["ayse"], dt.date(2026, 4, 2), "Q"),
            ],
        )
    grid = services.timesheets.load_month(ankara, "Ankara", 2026, 4)
    assert grid.cells == {}


def test_clerks_cannot_touch_another_region(services, ankara, istanbul, staff):
    with pytest.raises(PermissionDenied):
        services.timesheets.write(
            ankara, [Edit(staff["deniz"], dt.date(2026, 4, 1), "X")]
        )
    with pytest.raises(PermissionDenied):
        services.timesheets.load_month(ankara, "İstanbul", 2026, 4)
    rows = services.records["employees"].list(istanbul)
    assert [r["first_name"] for r in rows] == ["Deniz"]


def test_region_is_stamped_from_the_session_not_the_input(services, ankara):
    with pytest.raises(ValidationError):
        services.records["employees"].create(
            ankara,
            {
                "sicil_no": "9",
                "first_name": "A",
                "last_name": "B",
                "hire_date": "01.01.2026",
                "region": "İzmir",
            },
        )
    emp = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "9",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
        region="İzmir",
    )
    assert services.records["employees"].get(ankara, emp)["region"] == "Ankara"


def test_days_outside_employment_are_refused(services, ankara, staff):
    with pytest.raises(ValidationError, match="outside employment"):
        services.timesheets.write(
            ankara, [Edit(staff["ilker"], dt.date(2026, 4, 14), "X")]
        )


def test_locked_month_is_read_only_until_an_admin_unlocks(
    services, ankara, admin, staff
):
    reports = services.reports
    services.timesheets.fill_month(
        ankara, services.timesheets.load_month(ankara, "Ankara", 2026, 4)
    )
    reports.move(ankara, "Ankara", "2026-04", "submit")
    with pytest.raises(PermissionDenied):
        reports.move(ankara, "Ankara", "2026-04", "lock")
    reports.move(admin, "Ankara", "2026-04", "lock")
    with pytest.raises(PeriodLocked):
        services.timesheets.write(
            ankara, [Edit(staff["ayse"], dt.date(2026, 4, 1), "X")]
        )
    with pytest.raises(ValidationError, match="reason"):
        reports.move(admin, "Ankara", "2026-04", "unlock")
    status = reports.move(admin, "Ankara", "2026-04", "unlock", reason="düzeltme")
    assert status.status == "draft"
    services.timesheets.write(ankara, [Edit(staff["ayse"], dt.date(2026, 4, 1), "X")])


def test_audit_log_records_each_cell_change(services, ankara, staff):
    ts = services.timesheets
    ts.write(ankara, [Edit(staff["ayse"], dt.date(2026, 4, 1), "X")])
    ts.write(ankara, [Edit(staff["ayse"], dt.date(2026, 4, 1), "R")], source="paste")
    history = ts.history(ankara, staff["ayse"], dt.date(2026, 4, 1))
    assert [(h["old"], h["new"], h["source"]) for h in history] == [
        ("X", "R", "paste"),
        (None, "X", "grid"),
    ]


def test_record_validation_names_fields(services, ankara):
    emp = services.records["employees"]
    with pytest.raises(ValidationError) as err:
        emp.create(
            ankara,
            {
                "sicil_no": "5",
                "first_name": "A",
                "last_name": "B",
                "hire_date": "01.01.2026",
                "tc_no": "12345678901",
            },
        )
    assert err.value.field == "tc_no"
    with pytest.raises(ValidationError) as err:
        emp.create(
            ankara,
            {
                "sicil_no": "5",
                "first_name": "A",
                "last_name": "B",
                "hire_date": "32.01.2026",
            },
        )
    assert err.value.field == "hire_date"
    veh = services.records["vehicles"]
    vid = veh.create(ankara, {"plate": "06abc123", "vehicle_type": "private"})
    assert veh.get(ankara, vid)["plate"] == "06 ABC 123"
    with pytest.raises(ValidationError) as err:
        veh.create(ankara, {"plate": "06 ABC 123", "vehicle_type": "private"})
    assert err.value.field == "plate"


def test_copy_last_month_keeps_leave_and_follows_this_months_calendar(
    services, ankara, staff
):
    ts = services.timesheets
    feb = ts.load_month(ankara, "Ankara", 2026, 2)
    ts.fill_month(ankara, feb)
    ts.write(ankara, [Edit(staff["ayse"], dt.date(2026, 2, 10), "R")])
    march = ts.load_month(ankara, "Ankara", 2026, 3)
    assert ts.copy_last_month(ankara, march) == 31  # İlker is hired only in April
    march = ts.load_month(ankara, "Ankara", 2026, 3)
    code = {d.day: march.cell(staff["ayse"], d).code for d in march.days}
    assert code[10] == "R"  # copied from 10 February, a workday in March too
    assert code[1] == "HT" and code[8] == "HT"  # March's own Sundays
    assert code[20] == code[21] == code[22] == "GT"  # Ramazan Bayramı
    assert code[30] == "X" and code[31] == "X"  # no February counterpart: workdays


def test_an_absence_at_the_end_of_january_costs_the_first_rest_of_february(
    services, ankara, staff
):
    # Sunday 1 Feb 2026 is HT; D on Friday 30 Jan is within the six days before
    # it (md.46), so that HT is not earned: Feb 2026 has 4 Sundays (1, 8, 15,
    # 22), 20 X, and the HT of the 1st is unpaid → SGK 28 - 1 = 27, eksik 15.
    ts = services.timesheets
    jan = ts.load_month(ankara, "Ankara", 2026, 1)
    ts.fill_month(ankara, jan)
    ts.write(ankara, [Edit(staff["ayse"], dt.date(2026, 1, 30), "D")])
    ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, 2))
    feb = ts.load_month(ankara, "Ankara", 2026, 2).totals[staff["ayse"]]
    assert (feb.unearned_ht_days, feb.sgk_days, feb.eksik_code) == (1, 27, "15")


def test_a_deactivated_employee_stays_in_the_months_they_were_employed(
    services, ankara, staff
):
    ts = services.timesheets
    ts.fill_month(ankara, ts.load_month(ankara, "Ankara", 2026, 3))
    services.records["employees"].set_deleted(ankara, staff["ayse"])
    march = ts.load_month(ankara, "Ankara", 2026, 3)
    assert staff["ayse"] in [e["id"] for e in march.employees]


def test_overtime_is_read_in_turkish_notation(services, ankara, staff):
    ts = services.timesheets
    ts.write(ankara, [Edit(staff["ayse"], dt.date(2026, 4, 1), "X+1,5")])
    with pytest.raises(ValidationError) as err:  # a dot is not a decimal point here
        ts.write(ankara, [Edit(staff["ayse"], dt.date(2026, 4, 2), "X+2.5")])
    assert (err.value.code, err.value.values["hint"]) == ("number_dot", "2,5")
    grid = ts.load_month(ankara, "Ankara", 2026, 4)
    assert grid.cell(staff["ayse"], dt.date(2026, 4, 1)).overtime_hours == 1.5


def test_a_code_left_outside_new_employment_dates_can_be_cleared(
    services, ankara, staff
):
    ts = services.timesheets
    ts.write(ankara, [Edit(staff["ilker"], dt.date(2026, 4, 20), "X")])
    services.records["employees"].update(
        ankara, staff["ilker"], {"hire_date": "22.04.2026"}
    )
    with pytest.raises(ValidationError):  # no new code there
        ts.write(ankara, [Edit(staff["ilker"], dt.date(2026, 4, 20), "R")])
    ts.write(ankara, [Edit(staff["ilker"], dt.date(2026, 4, 20), "")])  # but clearing
    april = ts.load_month(ankara, "Ankara", 2026, 4)
    assert april.cell(staff["ilker"], dt.date(2026, 4, 20)).code is None
