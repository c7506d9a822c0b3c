"""A failed sync reads in the user's language, in the status bar and in Settings."""

from __future__ import annotations

from tests import servers

TR_DOWN = "Sunucuya ulaşılamadı: bağlantı reddedildi (sunucu çalışıyor mu?)"
EN_DOWN = "Cannot reach the server: connection refused (is the server running?)"


def _sync_against_a_stopped_server(driver, tmp_path) -> None:
    """Point the PC at a real server, stop the server, click "Şimdi eşitle"."""
    env = servers.sqlite_env(tmp_path / "server")
    server = servers.start(env)
    token = env.tokens(["*"])["*"]
    view = driver.window.settings_view
    view.url.set(server.url)
    view.token.set(token)
    view.interval.set("60")
    try:
        assert view.save()
    finally:
        server.stop()
    view.sync_button.invoke()


def test_a_failed_sync_says_why_in_turkish(services, drive, tmp_path):
    driver = drive(services)
    driver.login("admin")
    _sync_against_a_stopped_server(driver, tmp_path)
    status = driver.window.status
    driver.wait_for(lambda: status.state.get().startswith("Çevrimdışı"))
    assert driver.window.settings_view.last_sync.get().endswith(
        "Çevrimdışı: " + TR_DOWN
    )
    assert status.message.get() == TR_DOWN
    assert "server" not in status.message.get() + status.state.get()
    # the admin tab asks the server too, and says why it could not
    admin = driver.window.admin_view
    driver.window.notebook.select(admin)
    driver.wait_for(lambda: admin.error.get() == TR_DOWN)


def test_a_failed_sync_says_why_in_english_when_chosen(tmp_path, drive):
    from puantaj.app import build_services
    from puantaj.config import load_settings

    english = build_services(
        load_settings(env={"PUANTAJ_LANG": "en"}, flags={"home": str(tmp_path / "en")})
    )
    try:
        driver = drive(english)
        driver.login("admin")
        _sync_against_a_stopped_server(driver, tmp_path)
        status = driver.window.status
        driver.wait_for(lambda: status.state.get().startswith("Offline"))
        assert status.message.get() == EN_DOWN
        assert driver.window.settings_view.last_sync.get().endswith(
            "Offline: " + EN_DOWN
        )
    finally:
        english.store.close()
