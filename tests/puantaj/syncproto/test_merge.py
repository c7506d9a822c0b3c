"""Per-column last-write-wins and which values are losses (syncproto.merge)."""

from __future__ import annotations

from puantaj.syncproto.merge import (
    lost,
    merge_columns,
    new_losses,
    overwritten,
    stamp_wins,
)
from tests.puantaj.syncproto.conftest import EMPLOYEE, at, change, employee


def test_the_newer_stamp_wins_per_column_and_other_columns_stay():
    state = employee(at("pc-a"), title="Usta")
    merge_columns(
        state, [change("employees", EMPLOYEE, at("pc-b", 10), title="Şef")], "pc-b"
    )
    merge_columns(
        state, [change("employees", EMPLOYEE, at("pc-c", 5), first_name="Can")], "pc-c"
    )
    assert state.values["title"] == "Şef" and state.values["first_name"] == "Can"
    assert state.stamps["last_name"] == at("pc-a")
    assert state.dirty


def test_equal_milliseconds_and_counter_are_decided_by_site_id_in_any_order():
    low, high = at("pc-a", 10, 3), at("pc-b", 10, 3)
    assert stamp_wins(high, low) and not stamp_wins(low, high)
    for first, second in ((low, high), (high, low)):
        state = employee(at("pc-z", -10))
        for stamp in (first, second):
            value = "from " + stamp[-4:]
            merge_columns(
                state, [change("employees", EMPLOYEE, stamp, title=value)], "x"
            )
        assert (state.values["title"], state.stamps["title"]) == ("from pc-b", high)


def test_a_larger_counter_wins_within_one_millisecond():
    state = employee(at("pc-b", 0, 1))
    merge_columns(
        state, [change("employees", EMPLOYEE, at("pc-a", 0, 2), title="x")], "pc-a"
    )
    assert state.values["title"] == "x"


def test_the_same_write_again_changes_nothing():
    state = employee(at("pc-a"), title="Usta")
    losses = merge_columns(
        state, [change("employees", EMPLOYEE, at("pc-a"), title="Usta")], "pc-a"
    )
    assert (losses, state.dirty) == ([], False)


def test_a_late_write_with_an_equal_value_is_no_loss():
    state = employee(at("pc-b", 20), title="Usta")
    late = change("employees", EMPLOYEE, at("pc-a", 10), title="Usta")
    assert merge_columns(state, [late], "pc-a") == []
    assert state.stamps["title"] == at("pc-b", 20)


def test_the_loss_rules_themselves_skip_equal_values_and_own_overwrites():
    state = employee(at("pc-b", 20), title="Usta")
    assert lost(state, "title", "Usta", at("pc-a", 10), "pc-a") is None
    assert lost(state, "title", "Şef", at("pc-a", 10), "pc-a") is not None
    old, new = at("pc-a"), at("pc-a", 10)
    assert overwritten(state, "title", "Usta", old, "Şef", new) is None
    assert overwritten(state, "title", "Usta", old, "Usta", at("pc-b", 30)) is None
    assert overwritten(state, "title", "Usta", old, "Şef", at("pc-b", 30)) is not None


def test_a_late_write_of_the_pushing_site_beaten_by_another_site_is_lost():
    state = employee(at("pc-b", 20), title="Şef")
    late = change("employees", EMPLOYEE, at("pc-a", 10), title="Usta")
    (loss,) = merge_columns(state, [late], "pc-a")
    assert (loss.kind, loss.value, loss.winner, loss.winner_hlc) == (
        "lost",
        "Usta",
        "Şef",
        at("pc-b", 20),
    )


def test_a_stale_stamp_relayed_by_another_site_is_no_loss():
    state = employee(at("pc-b", 20), title="Şef")
    relayed = change("employees", EMPLOYEE, at("pc-a", 10), title="Usta")
    assert merge_columns(state, [relayed], "pc-c") == []


def test_a_site_beaten_by_its_own_newer_write_loses_nothing():
    state = employee(at("pc-a", 20), title="Şef")
    older = change("employees", EMPLOYEE, at("pc-a", 10), title="Usta")
    assert merge_columns(state, [older], "pc-a") == []


def test_another_site_overwriting_a_value_keeps_it_as_overwritten():
    state = employee(at("pc-a"), title="Usta")
    newer = change("employees", EMPLOYEE, at("pc-b", 10), title="Şef")
    (loss,) = merge_columns(state, [newer], "pc-b")
    assert (loss.kind, loss.value, loss.value_hlc, loss.winner) == (
        "overwritten",
        "Usta",
        at("pc-a"),
        "Şef",
    )


def test_a_site_overwriting_itself_or_an_equal_value_is_no_loss():
    state = employee(at("pc-a"), title="Usta")
    own = change("employees", EMPLOYEE, at("pc-a", 10), title="Şef")
    same = change("employees", EMPLOYEE, at("pc-b", 20), title="Şef")
    assert merge_columns(state, [own], "pc-a") == []
    assert merge_columns(state, [same], "pc-b") == []
    assert state.values["title"] == "Şef" and state.stamps["title"] == at("pc-b", 20)


def test_changes_of_one_row_merge_oldest_first_whatever_their_order():
    state = employee(at("pc-z", -10))
    newer = change("employees", EMPLOYEE, at("pc-a", 20), title="Şef")
    older = change("employees", EMPLOYEE, at("pc-a", 10), title="Usta")
    merge_columns(state, [newer, older], "pc-a")
    assert state.values["title"] == "Şef"


def test_each_loss_is_kept_once_per_row_column_and_stamp():
    state = employee(at("pc-b", 20), title="Şef")
    late = change("employees", EMPLOYEE, at("pc-a", 10), title="Usta")
    kept: set = set()
    first = new_losses(merge_columns(state, [late], "pc-a"), kept)
    again = new_losses(merge_columns(state, [late], "pc-a"), kept)
    assert (len(first), again) == (1, [])
