"""The sync engine's own rules, on a real store (the server side is in tests/e2e)."""

from __future__ import annotations

import datetime as dt

from puantaj.errors import SyncUnavailable
from puantaj.sync.engine import SyncEngine


def test_the_pre_sync_backup_is_taken_once_a_day(services):
    taken: list[int] = []
    today = [dt.date(2026, 12, 1)]

    def offline():
        raise SyncUnavailable("no network")

    engine = SyncEngine(
        services.store,
        offline,
        backup=lambda: taken.append(1),
        today=lambda: today[0],
    )
    assert engine.run().state == "offline" and taken == [1]
    assert engine.run().state == "offline" and taken == [1]
    today[0] = dt.date(2026, 12, 2)
    engine.run()
    assert taken == [1, 1]
