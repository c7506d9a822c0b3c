"""Re-stamping a desktop's unsent writes (syncproto.clock)."""

from __future__ import annotations

from puantaj.core.hlc import Stamp
from puantaj.syncproto.clock import CLOCK_AHEAD_MS, adopt, may_move, rebase, restamp
from tests.puantaj.syncproto.conftest import NOW_MS, at

DAY = 86_400_000


def test_only_own_stamps_above_the_floor_move_in_order_never_past_now():
    floor = Stamp(NOW_MS, 0, "pc-a")
    mine = [at("pc-a", DAY + 5), at("pc-a", DAY + 9), at("pc-a", DAY + 9, 1)]
    others = [at("pc-a", -5), at("pc-b", DAY)]
    mapping, last = rebase([*mine, *others], "pc-a", floor, NOW_MS + 100, -DAY)
    assert set(mapping) == set(mine)
    moved = [Stamp.parse(mapping[s]) for s in mine]
    assert moved == sorted(moved) and len(set(moved)) == 3
    assert all(floor < s and s.ms <= NOW_MS + 100 for s in moved)
    assert last == moved[-1]


def test_a_stamp_a_server_may_have_taken_stays_and_the_moved_go_after_it():
    """A page taken under a lost reply leaves stamps above the floor that did
    leave the file: within what a server takes, a stamp stays where it is."""
    floor = Stamp(NOW_MS, 0, "pc-a")
    taken = at("pc-a", 3 * 60_000)  # 3 minutes fast: a server takes it
    typed_later = at("pc-a", DAY)
    mapping, last = rebase([taken, typed_later], "pc-a", floor, NOW_MS, -DAY)
    assert list(mapping) == [typed_later]
    assert Stamp.parse(mapping[typed_later]) > Stamp.parse(taken)
    assert last == Stamp.parse(mapping[typed_later])
    # nothing past the limit: nothing moves, and the clock stays at the newest
    assert rebase([taken], "pc-a", floor, NOW_MS, -DAY) == ({}, Stamp.parse(taken))
    assert not may_move(Stamp.parse(taken), NOW_MS)
    assert may_move(Stamp.parse(at("pc-a", CLOCK_AHEAD_MS + 1)), NOW_MS)


def test_a_stamp_equal_to_the_floor_stays():
    floor = Stamp(NOW_MS, 3, "pc-a")
    assert restamp([str(floor)], "pc-a", floor, NOW_MS, 0) == ({}, floor)


def test_a_file_that_becomes_a_new_site_takes_its_unsent_writes_as_its_own():
    floor = Stamp(NOW_MS, 0, "old")
    sent, unsent = at("old", -10), at("old", DAY)
    mapping, last = adopt([sent, unsent], "old", "new", floor, NOW_MS + 50)
    assert list(mapping) == [unsent]
    assert Stamp.parse(mapping[unsent]) == Stamp(NOW_MS + 50, 0, "new") == last
