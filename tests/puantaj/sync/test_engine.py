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


def test_an_offline_run_reports_what_is_still_queued(services, ankara):
    """Issue 15: after a failed run the report said 0 unsent while rows waited."""
    from puantaj.store import changelog

    for sicil in ("1", "2"):
        services.records["employees"].create(
            ankara,
            {
                "sicil_no": sicil,
                "first_name": "Ad",
                "last_name": "Soyad",
                "hire_date": "01.01.2026",
            },
        )
    with services.store.connection() as conn:
        queued = changelog.pending_count(conn)

    def offline():
        raise SyncUnavailable("no network")

    report = SyncEngine(services.store, offline).run()
    assert report.state == "offline"
    assert report.pending == queued == 2
