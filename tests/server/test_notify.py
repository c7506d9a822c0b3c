"""NOTIFY payloads: the changes of a moment in one, folded when too many."""

from __future__ import annotations

from server.hub import ROWS, SITES, Change
from server.notify import MAX_PAYLOAD, decode, encode


def test_changes_travel_as_they_were():
    changes = {
        Change(frozenset({ROWS, SITES}), frozenset({"İzmir"}), "izm-1"),
        Change(frozenset({SITES}), frozenset(), "ank-1"),
    }
    assert set(decode(encode(changes))) == changes


def test_too_many_changes_fold_into_one_every_region_hears():
    changes = {
        Change(frozenset({ROWS}), frozenset({f"Bölge-{i}"}), f"site-{i}")
        for i in range(500)
    }
    payload = encode(changes)
    assert len(payload.encode()) <= MAX_PAYLOAD
    assert decode(payload) == [Change(frozenset({ROWS}), frozenset({"*"}), "")]
