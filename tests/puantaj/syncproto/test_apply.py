"""How a desktop applies pulled changes, per column (syncproto.apply)."""

from __future__ import annotations

from puantaj.syncproto.apply import apply_changes
from tests.puantaj.syncproto.conftest import EMPLOYEE, at, change


def test_a_newer_pulled_column_wins_and_an_older_one_is_ignored():
    held = {EMPLOYEE: {"title": at("pc-a", 10), "first_name": at("pc-a", 10)}}
    pulled = [
        change("employees", EMPLOYEE, at("pc-b", 20), title="Şef"),
        change("employees", EMPLOYEE, at("pc-b", 5), first_name="Eski"),
    ]
    merged, new = apply_changes(held, pulled)
    region, values, stamps = merged[EMPLOYEE]
    assert (new, values) == (set(), {"title": "Şef"})
    assert stamps == {"title": at("pc-b", 20), "first_name": at("pc-a", 10)}


def test_the_same_stamp_again_is_a_no_op_unless_a_repair_takes_ties():
    held = {EMPLOYEE: {"title": at("pc-a", 10)}}
    again = [change("employees", EMPLOYEE, at("pc-a", 10), title="Şef")]
    assert apply_changes(held, again)[0][EMPLOYEE][1] == {}
    assert apply_changes(held, again, ties=True)[0][EMPLOYEE][1] == {"title": "Şef"}


def test_equal_milliseconds_and_counter_go_to_the_greater_site_id():
    held = {EMPLOYEE: {"title": at("pc-b", 10, 2)}}
    lower = [change("employees", EMPLOYEE, at("pc-a", 10, 2), title="a")]
    higher = [change("employees", EMPLOYEE, at("pc-c", 10, 2), title="c")]
    assert apply_changes(held, lower)[0][EMPLOYEE][1] == {}
    assert apply_changes(held, higher)[0][EMPLOYEE][1] == {"title": "c"}


def test_a_row_new_here_takes_its_first_change_whole_then_per_column():
    pulled = [
        change("employees", EMPLOYEE, at("pc-b", 20), title="Şef", first_name="Ali"),
        change("employees", EMPLOYEE, at("pc-c", 10), title="Usta", last_name="Kaya"),
    ]
    merged, new = apply_changes({}, pulled)
    _, values, stamps = merged[EMPLOYEE]
    assert new == {EMPLOYEE}
    assert values == {"title": "Şef", "first_name": "Ali", "last_name": "Kaya"}
    assert stamps["title"] == at("pc-b", 20) and stamps["last_name"] == at("pc-c", 10)
