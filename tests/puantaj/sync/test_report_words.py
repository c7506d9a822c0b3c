"""A failed run keeps why in words the window can translate (issue 15)."""

from __future__ import annotations

from puantaj.sync.client import SyncClient
from puantaj.sync.engine import SyncEngine
from puantaj.sync.report import SyncReport
from puantaj.ui.i18n import Strings
from tests import servers


def test_a_run_against_no_server_keeps_the_code_of_why(services):
    url = f"http://127.0.0.1:{servers.free_port()}"  # nothing listens there
    engine = SyncEngine(
        services.store, lambda: SyncClient(url, "token", 5, allow_http=True)
    )
    report = engine.run()
    assert (report.state, report.code) == ("offline", "sync_down")
    assert "connection refused" in report.message  # the log's English
    stored = SyncReport.from_json(report.to_json())
    assert stored is not None and (stored.code, stored.values) == (
        report.code,
        report.values,
    )
    assert Strings("tr").report(stored) == (
        "Sunucuya ulaşılamadı: bağlantı reddedildi (sunucu çalışıyor mu?)"
    )


def test_a_report_saved_before_codes_shows_its_own_words():
    old = SyncReport.from_json('{"state": "offline", "message": "no network"}')
    assert old is not None and old.code == "" and old.values == {}
    assert Strings("tr").report(old) == "no network"
