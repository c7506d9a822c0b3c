import pytest

from puantaj.core.changes import ChangeError, parse_change
from puantaj.core.tables import natural_id, timesheet_id

EMP = natural_id("employees", "Ankara", "100")


def wire(**over):
    base = {
        "table": "employees",
        "id": EMP,
        "region": "Ankara",
        "hlc": "1700000000000:00000:site",
        "row": {"first_name": "Ayşe"},
    }
    base.update(over)
    return base


def test_a_valid_change_is_normalised():
    change = parse_change(wire(row={"deleted": True, "daily_hours": 7}))
    assert change.row == {"deleted": 1, "daily_hours": 7.0}


@pytest.mark.parametrize(
    ("over", "reason", "field"),
    [
        ({"table": "payroll"}, "unknown_table", "table"),
        ({"id": "42"}, "invalid_row", "id"),
        ({"hlc": "yesterday"}, "invalid_row", "hlc"),
        ({"row": {}}, "invalid_row", "row"),
        ({"row": {"salary": 1}}, "invalid_row", "row"),
        ({"row": {"tc_no": "12345678901"}}, "invalid_row", "tc_no"),
        ({"row": {"hire_date": "01.02.2026"}}, "invalid_row", "hire_date"),
        ({"row": {"first_name": None}}, "invalid_row", "first_name"),
        ({"row": {"weekly_rest_day": "6"}}, "invalid_row", "weekly_rest_day"),
        ({"row": {"daily_hours": float("nan")}}, "invalid_row", "daily_hours"),
        # text that only looks right: a trailing newline, non-ASCII digits, an id
        # with its hyphens moved, a region with a control character
        ({"row": {"hire_date": "2026-01-05\n"}}, "invalid_row", "hire_date"),
        ({"row": {"hire_date": "٢٠٢٦-01-05"}}, "invalid_row", "hire_date"),
        ({"hlc": "1700000000000:00000:site\n"}, "invalid_row", "hlc"),
        ({"id": EMP.replace("-", "") + "----"}, "invalid_row", "id"),
        ({"region": "Ankara\n"}, "invalid_row", "region"),
        ({"row": {"first_name": "A" * 81}}, "invalid_row", "first_name"),
        ({"row": {"first_name": ""}}, "invalid_row", "first_name"),
    ],
)
def test_bad_changes_name_the_bad_field(over, reason, field):
    with pytest.raises(ChangeError) as err:
        parse_change(wire(**over))
    assert err.value.reason == reason
    assert err.value.field == field


def test_plates_must_be_canonical_and_choices_enforced():
    vid = natural_id("vehicles", "06 ABC 123")
    ok = parse_change(
        wire(
            table="vehicles",
            id=vid,
            row={"plate": "06 ABC 123", "vehicle_type": "private"},
        )
    )
    assert ok.row["plate"] == "06 ABC 123"
    with pytest.raises(ChangeError):
        parse_change(wire(table="vehicles", id=vid, row={"plate": "06abc123"}))
    with pytest.raises(ChangeError):
        parse_change(wire(table="vehicles", id=vid, row={"vehicle_type": "rocket"}))


def test_timesheet_ids_are_deterministic_per_employee_and_day():
    assert timesheet_id(EMP, "2026-02-03") == timesheet_id(EMP, "2026-02-03")
    assert timesheet_id(EMP, "2026-02-03") != timesheet_id(EMP, "2026-02-04")


@pytest.mark.parametrize(
    ("over", "field"),
    [
        # a NUL (or another C0 control) cannot be stored by PostgreSQL as text
        ({"row": {"title": "Us\x00ta"}}, "title"),
        ({"row": {"first_name": "Ay\x07şe"}}, "first_name"),
        ({"row": {"title": "\x1b[31m"}}, "title"),
        # '' is no date and no number: refused rather than stored as NULL
        ({"row": {"exit_date": ""}}, "exit_date"),
        ({"row": {"daily_hours": ""}}, "daily_hours"),
        ({"row": {"weekly_rest_day": 9}}, "weekly_rest_day"),
        ({"row": {"weekly_rest_day": -1}}, "weekly_rest_day"),
        # pinned: each of these was accepted by a small change to the code
        ({"id": EMP + "x"}, "id"),
        ({"id": EMP + "\n"}, "id"),
        ({"region": "A" * 65}, "region"),
        ({"row": {"deleted": 2}}, "deleted"),
        ({"row": {"deleted": 3}}, "deleted"),
        ({"row": {"annual_leave_days": 2**53 + 1}}, "annual_leave_days"),
        ({"row": {"annual_leave_days": -(2**53) - 1}}, "annual_leave_days"),
        ({"row": {"hire_date": "2026-02-30"}}, "hire_date"),
        ({"row": {"hire_date": "2026-13-01"}}, "hire_date"),
    ],
)
def test_values_that_could_not_be_stored_identically_are_refused(over, field):
    with pytest.raises(ChangeError) as err:
        parse_change(wire(**over))
    assert err.value.reason == "invalid_row"
    assert err.value.field == field


def test_a_nul_refusal_says_what_is_wrong():
    with pytest.raises(ChangeError) as err:
        parse_change(wire(row={"title": "Us\x00ta"}))
    assert "control character" in str(err.value)
    assert "\x00" not in str(err.value)


def test_text_keeps_tabs_newlines_and_empty_strings_as_sent():
    change = parse_change(
        wire(row={"title": "", "first_name": "Ayşe\tNur", "last_name": "a\r\nb"})
    )
    assert change.row == {"title": "", "first_name": "Ayşe\tNur", "last_name": "a\r\nb"}


def test_weekly_rest_day_takes_monday_to_sunday_and_ints_their_full_range():
    for day in range(7):
        assert parse_change(wire(row={"weekly_rest_day": day})).row == {
            "weekly_rest_day": day
        }
    big = parse_change(wire(row={"annual_leave_days": 2**53}))
    assert big.row == {"annual_leave_days": 2**53}
    region = parse_change(wire(region="A" * 64))
    assert region.region == "A" * 64
