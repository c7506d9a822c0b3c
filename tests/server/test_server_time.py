"""Replies carry the server's physical time beside its hybrid clock (DESIGN.md §3):
a desktop measures its offset against physical time, never against a stamp."""

from __future__ import annotations

from puantaj.core.hlc import Stamp
from tests.server.conftest import NOW_MS
from tests.server.helpers import at, body, new_employee


def test_sync_and_health_report_physical_ms_beside_the_hybrid_clock(local):
    ankara = local.token("Ankara")
    ahead = new_employee("Ankara", "1", at("fast-pc", 240_000))
    data = local.post("/sync", body([ahead], site="fast-pc"), ankara).json()
    assert data["accepted"] == 1
    # the hybrid clock adopted the accepted stamp; physical time did not move
    assert Stamp.parse(data["server_time"]).ms >= NOW_MS + 240_000
    assert data["server_ms"] == NOW_MS
    pull = local.post("/sync", body([], site="pc-2"), ankara).json()
    assert pull["server_ms"] == NOW_MS
    health = local.get("/health", None).json()
    assert health["server_ms"] == NOW_MS
    assert Stamp.parse(health["server_time"]).ms >= NOW_MS + 240_000


def test_clock_ahead_is_judged_against_physical_time_not_the_hybrid_clock(local):
    ankara = local.token("Ankara")
    first = new_employee("Ankara", "1", at("fast-pc", 290_000))
    assert local.post("/sync", body([first]), ankara).json()["accepted"] == 1
    # the hybrid clock now reads +290 s; +320 s is still more than 5 min ahead
    later = new_employee("Ankara", "2", at("fast-pc", 320_000))
    data = local.post("/sync", body([later]), ankara).json()
    assert [r["reason"] for r in data["rejected"]] == ["clock_ahead"]
