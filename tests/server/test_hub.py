"""The in-process fan-out: who hears which change, and how news is folded."""

from __future__ import annotations

from server.hub import ROWS, SITES, Change, Hub


def change(kinds, regions, origin="site-a") -> Change:
    return Change(frozenset(kinds), frozenset(regions), origin)


def test_a_region_hears_its_rows_only_and_admins_hear_everything():
    hub = Hub()
    ankara, izmir, admin = (hub.subscribe(s) for s in ("Ankara", "İzmir", "*"))
    hub.publish(change({ROWS, SITES}, {"Ankara"}))
    assert ankara.take(0) == {ROWS: "site-a"}  # sites are admin-visible state
    assert izmir.take(0) == {}
    assert admin.take(0) == {ROWS: "site-a", SITES: "site-a"}


def test_shared_rows_reach_every_region():
    hub = Hub()
    ankara, izmir = hub.subscribe("Ankara"), hub.subscribe("İzmir")
    hub.publish(change({ROWS}, {"*"}, origin="hq"))
    assert ankara.take(0) == {ROWS: "hq"}
    assert izmir.take(0) == {ROWS: "hq"}


def test_news_from_several_sites_is_folded_without_an_origin():
    hub = Hub()
    ankara = hub.subscribe("Ankara")
    for origin in ("site-a", "site-a"):
        hub.publish(change({ROWS}, {"Ankara"}, origin))
    assert ankara.take(0) == {ROWS: "site-a"}
    for origin in ("site-a", "site-b", "site-a"):
        hub.publish(change({ROWS}, {"Ankara"}, origin))
    assert ankara.take(0) == {ROWS: ""}  # not only the listener's own writes


def test_an_ended_subscription_hears_nothing():
    hub = Hub()
    ankara = hub.subscribe("Ankara")
    hub.unsubscribe(ankara)
    hub.publish(change({ROWS}, {"Ankara"}))
    assert ankara.take(0) == {}
    assert hub.count() == 0
