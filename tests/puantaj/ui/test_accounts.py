"""Issue 12 in the real window: the first run follows the token, accounts made
at HQ log in on their region's PC, lockout, log-out, the admin's users tab."""

from __future__ import annotations

from puantaj.services.session import Session
from tests import servers
from tests.conftest import make_services


def first_run(driver, url: str, token: str, user: str, password: str) -> None:
    login = driver.app.login
    assert login.first_run
    login.url.set(url)
    login.token.set(token)
    login.username.set(user)
    login.password.set(password)
    login.again.set(password)
    login.submit.invoke()


def test_first_run_with_a_region_token_makes_a_clerk_of_that_region(
    services, drive, tmp_path
):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        token = env.tokens(["Ankara"])["Ankara"]
        driver = drive(services, demo=False)
        first_run(driver, server.url, "wrong-token", "ayse", "parola1234")
        login = driver.app.login
        driver.wait_for(lambda: login.error.get().startswith("Anahtar kabul edilmedi"))
        assert not services.users.has_users()  # nothing made with a bad token
        assert services.settings.sync_url == ""  # nor kept
        login.token.set(token)
        login.submit.invoke()
        driver.wait_for(lambda: driver.window is not None)
        session = driver.window.session
        assert (session.username, session.role, session.region) == (
            "ayse",
            "clerk",
            "Ankara",
        )
        assert driver.root.title() == "Puantaj — Ankara — ayse"
        assert services.settings.sync_url == server.url  # kept once it worked
        assert "Kullanıcılar" not in [
            driver.window.notebook.tab(i, "text")
            for i in range(driver.window.notebook.index("end"))
        ]
    finally:
        server.stop()


def test_an_account_made_at_hq_logs_in_on_its_regions_new_pc(drive, tmp_path):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    hq = make_services(tmp_path / "hq")
    pc = make_services(tmp_path / "pc")
    try:
        tokens = env.tokens(["*", "Ankara", "İzmir"])
        from puantaj.app import build_sync
        from puantaj.sync import setup

        assert setup.connect(hq, server.url, tokens["*"], lambda: build_sync(hq)).ok
        admin = hq.users.add_user("mudur", "parola1234", "admin", "*")
        hq.users.add_user("veli", "parola1234", "clerk", "Ankara", by=admin.username)
        hq.users.add_user("zeki", "parola1234", "clerk", "İzmir", by=admin.username)
        assert build_sync(hq).run().ok
        driver = drive(pc, demo=False)
        first_run(driver, server.url, tokens["Ankara"], "veli", "parola1234")
        login = driver.app.login
        driver.wait_for(lambda: not login.first_run)
        assert "hesapları sunucudan geldi" in login.info.get()
        held = {a.username for a in pc.users.accounts(Session("x", "admin", "*"))}
        assert held == {"veli"}  # not İzmir's, not the admin's (nor their hashes)
        for _ in range(5):
            login.username.set("veli")
            login.password.set("yanlis-parola")
            login.submit.invoke()
        assert "kilitli" in login.error.get() and login.password.get() == ""
        from puantaj.store.engine import transaction

        with pc.store.connection() as conn, transaction(conn):
            conn.execute("DELETE FROM _login_failures")  # the lock ran out
        login.username.set("veli")
        login.password.set("parola1234")
        login.submit.invoke()
        driver.root.update()
        assert driver.window is not None and driver.window.session.region == "Ankara"
        driver.window.status.logout_button.invoke()
        driver.root.update()
        assert driver.window is None and driver.app.login.winfo_exists()
        assert driver.root.title() == "Puantaj"
    finally:
        server.stop()
        hq.store.close()
        pc.store.close()


def test_the_admin_adds_resets_and_deactivates_accounts(services, drive):
    from puantaj.ui.views.users import AccountDialog, PasswordDialog

    driver = drive(services)
    driver.login("admin")
    view = driver.window.users_view
    driver.window.notebook.select(view)
    dialog = view.add()
    assert isinstance(dialog, AccountDialog)
    values = {
        "users.col.username": "Işıl",
        "users.col.full_name": "Işıl Çağlar",
        "users.col.region": "Bursa",
        "login.password": "parola1234",
        "login.again": "parola1234",
    }
    for key, value in values.items():
        dialog.vars[key].set(value)
    dialog.save()
    driver.root.update()
    assert view.tree.item("ışıl", "values")[:4] == (
        "ışıl",
        "Işıl Çağlar",
        "Puantaj memuru",
        "Bursa",
    )
    view.tree.selection_set("ışıl")
    reset = view.reset()
    assert isinstance(reset, PasswordDialog) and not reset.own
    reset.vars["users.new"].set("yenisi1234")
    reset.vars["login.again"].set("yenisi1234")
    reset.save()
    assert reset.done
    assert services.users.login("IŞIL", "yenisi1234").region == "Bursa"
    view.tree.selection_set("ışıl")
    view.toggle()
    assert view.tree.item("ışıl", "values")[4] == "Kapalı"


def test_a_clerk_changes_their_own_password(services, drive):
    driver = drive(services)
    driver.login("ankara1")
    driver.window.status.password_button.invoke()
    driver.root.update()
    from puantaj.ui.views.users import PasswordDialog

    (dialog,) = [
        w for w in driver.window.winfo_children() if isinstance(w, PasswordDialog)
    ]
    dialog.vars["users.current"].set("yanlis")
    dialog.vars["users.new"].set("yeniparola9")
    dialog.vars["login.again"].set("yeniparola9")
    dialog.save()
    assert dialog.error.get() == "Şu anki parola yanlış"
    dialog.vars["users.current"].set("demo1234")
    dialog.save()
    assert dialog.done
    assert services.users.login("ankara1", "yeniparola9").region == "Ankara"
