"""The admin's Yönetim tab follows the server live (issue 16): a PC syncs in
İzmir and the open tab shows it, with its own 30-second timer out of the way."""

from __future__ import annotations

from tests import servers
from tests.e2e.conftest import make_desk


def test_a_pc_syncing_in_izmir_shows_on_the_admins_open_tab(services, drive, tmp_path):
    env = servers.sqlite_env(tmp_path / "server")
    server = servers.start(env)  # the embedded server offers /events
    try:
        driver = drive(services)
        driver.login("admin")
        driver.connect(server.url, env.tokens(["*"])["*"])
        admin = driver.window.admin_view
        driver.window.notebook.select(admin)
        admin.refresh_ms = 3_600_000  # only an event can refresh it in this test
        admin._stop_timer()
        admin._start_timer()
        controller = driver.app.controller
        driver.wait_for(lambda: controller.live is not None and controller.live.is_open)
        token = env.tokens(["İzmir"])["İzmir"]
        izmir = make_desk(tmp_path / "izmir-pc", server.url, token, "İzmir")
        try:
            assert izmir.sync().ok
        finally:
            izmir.services.store.close()
        driver.wait_for(lambda: "İzmir" in admin.regions.get_children())
    finally:
        server.stop()
