"""Record screens and the settings / admin tabs against a real server."""

from __future__ import annotations

from puantaj.services.session import Session
from tests import servers

ANKARA = Session("ankara1", "clerk", "Ankara")


def select_tab(driver, index: int) -> None:
    driver.window.notebook.select(index)
    driver.root.update()


def test_employee_dialog_validates_and_saves(services, drive):
    driver = drive(services)
    driver.login("ankara1")
    select_tab(driver, 1)
    view = driver.window.record_views["employees"]
    dialog = view.add()
    driver.root.update()
    dialog.save_button.invoke()  # nothing filled in
    assert dialog.error.get() == "Sicil: boş bırakılamaz"
    for name, value in {
        "sicil_no": "7",
        "first_name": "İsmail",
        "last_name": "Işık",
        "tc_no": "12345678901",
        "hire_date": "01.02.2026",
        "weekly_rest_day": "Cumartesi",  # chosen by name
    }.items():
        dialog.vars[name].set(value)
    dialog.save_button.invoke()
    assert dialog.error.get() == "TC kimlik no: geçersiz TC kimlik no (12345678901)"
    dialog.vars["tc_no"].set("10000000146")
    dialog.save_button.invoke()
    driver.root.update()
    rows = services.records["employees"].list(ANKARA)
    assert [
        (r["first_name"], r["region"], r["hire_date"], r["weekly_rest_day"])
        for r in rows
    ] == [("İsmail", "Ankara", "2026-02-01", 5)]
    assert view.tree.get_children() == (rows[0]["id"],)
    listed = view.tree.item(rows[0]["id"], "values")
    assert listed[8] == "Cumartesi"
    # the leave year's columns follow (hired 01.02.2026: no leave earned yet)
    assert listed[9:] == ("0", "0", "0")
    # KVKK: the list masks the TC kimlik no; the employee's own form shows it
    assert listed[3] == "*******0146" and "10000000146" not in listed
    view.tree.selection_set(rows[0]["id"])
    form = view.edit()
    driver.root.update()
    assert form.vars["tc_no"].get() == "10000000146"
    form.destroy()
    driver.shot("03-employees")


def test_vehicle_plate_and_due_list(services, drive):
    vehicles = services.records["vehicles"]
    vehicles.create(
        ANKARA,
        {
            "plate": "06abc123",
            "vehicle_type": "private",
            "insurance_expiry": _in_days(10),
        },
    )
    driver = drive(services)
    driver.login("ankara1")
    select_tab(driver, 2)
    due = driver.window.due.tree
    values = [due.item(i, "values") for i in due.get_children()]
    assert any(v[0] == "06 ABC 123" and v[1] == "Trafik sigortası" for v in values)
    view = driver.window.record_views["vehicles"]
    (first,) = view.tree.get_children()
    assert view.tree.item(first, "values")[1] == "Hususi"  # not the stored "private"
    # the dialog offers Turkish labels and stores the code word
    dialog = view.add()
    driver.root.update()
    kinds = dialog.nametowidget(dialog.winfo_children()[0]).winfo_children()
    offered = [w.cget("values") for w in kinds if w.winfo_class() == "TCombobox"]
    assert "Ticari" in offered[0]
    dialog.vars["plate"].set("34 XY 99")
    dialog.vars["vehicle_type"].set("Ticari")
    dialog.save_button.invoke()
    driver.root.update()
    stored = {r["plate"]: r["vehicle_type"] for r in vehicles.list(ANKARA)}
    assert stored["34 XY 99"] == "commercial"
    driver.shot("04-vehicles")
    select_tab(driver, 3)
    driver.shot("05-drivers")
    select_tab(driver, 4)
    driver.shot("06-faults")


def _in_days(n: int) -> str:
    import datetime as dt

    return (dt.date.today() + dt.timedelta(days=n)).strftime("%d.%m.%Y")


def test_settings_connection_test_ok_wrong_token_and_server_down(
    services, drive, tmp_path
):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    token = env.tokens(["Ankara"])["Ankara"]
    driver = drive(services)
    driver.login("ankara1")
    select_tab(driver, 6)
    view = driver.window.settings_view
    try:
        for given, expect in (
            (token, "✓ Anahtar kabul edildi: Ankara bölgesi"),
            ("wrong-token", "✗ Anahtar kabul edilmedi"),
        ):
            view.url.set(server.url)
            view.token.set(given)
            view.result.set("")
            view.test_button.invoke()
            driver.wait_for(lambda e=expect: e in view.result.get())
            assert "✓ Sunucuya ulaşıldı" in view.result.get()  # each step marked
        from puantaj import __version__
        from server import storage

        assert view.versions.get() == (
            f"bu program {__version__} · sunucu {__version__}"
            f" (şema {int(storage.head_revision())})"
        )
        driver.shot("08-settings")
    finally:
        server.stop()
    view.result.set("")
    view.test_button.invoke()
    driver.wait_for(lambda: "✗ Sınama durdu: Sunucuya ulaşılamadı" in view.result.get())
    # in Turkish, said once (issue 15)
    assert view.result.get() == (
        "✗ Sınama durdu: Sunucuya ulaşılamadı: bağlantı reddedildi"
        " (sunucu çalışıyor mu?)"
    )
    view.interval.set("beş")
    assert not view.save()
    assert view.result.get() == "Aralık bir sayı olmalı (dakika): beş"
    view.interval.set("0")
    assert not view.save()
    assert view.result.get() == "Aralık (dakika): geçersiz değer (0.0)"
    view.interval.set("5")
    url = view.url.get()
    view.url.set("http://sunucu.example:8765")  # KVKK: the token only over TLS
    assert not view.save()
    assert view.result.get().startswith("Anahtar yalnızca şifreli bağlantıyla")
    view.url.set(url)
    assert view.language.get() == "Türkçe"  # languages by name, not "tr"
    view.language.set("English")
    assert view.save()
    assert services.settings.language == "en"


def test_sync_now_updates_the_status_bar(services, drive, tmp_path):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        token = env.tokens(["*"])["*"]
        services.records["employees"].create(
            ANKARA,
            {
                "sicil_no": "1",
                "first_name": "A",
                "last_name": "B",
                "hire_date": "01.01.2026",
            },
        )
        driver = drive(services)
        driver.login("admin")
        view = driver.connect(server.url, token)
        view.sync_button.invoke()
        status = driver.window.status
        driver.wait_for(lambda: status.state.get().startswith("Eşitlendi"))
        assert status.unsent.get() == "Gönderilmemiş: 0"
        assert "Son eşitleme" in status.last.get()
        assert "Son eşitleme" in view.last_sync.get()
    finally:
        server.stop()


def test_admin_sees_two_regions_and_the_server_overview(services, drive, tmp_path):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        tokens = env.tokens(["*"])
        for session, sicil in (
            (ANKARA, "1"),
            (Session("istanbul1", "clerk", "İstanbul"), "2"),
        ):
            services.records["employees"].create(
                session,
                {
                    "sicil_no": sicil,
                    "first_name": "Ad",
                    "last_name": "Soyad",
                    "hire_date": "01.01.2026",
                },
            )
        driver = drive(services)
        driver.login("admin")
        grid = driver.window.grid_view
        grid._list_regions()
        assert list(grid.region_box["values"]) == [
            "Ankara",
            "Bursa",
            "İstanbul",
            "İzmir",
        ]
        view = driver.connect(server.url, tokens["*"])
        view.sync_button.invoke()
        driver.wait_for(
            lambda: driver.window.status.state.get().startswith("Eşitlendi")
        )
        admin = driver.window.admin_view
        driver.window.notebook.select(admin)
        driver.wait_for(
            lambda: {"Ankara", "İstanbul"} <= set(admin.regions.get_children())
        )
        assert admin.regions.heading("#0", "text") == "Bölge / bilgisayar"
        headings = [admin.regions.heading(c, "text") for c in admin.regions["columns"]]
        assert headings[:3] == ["Son eşitleme", "Gönderilmemiş", "Reddedilen"]
        step = headings.index("Veri eşitliği")
        # the first sync compared this file with the server; the next one tells
        # the server, and the overview shows it for the admin's own install
        assert admin.regions.item("*", "values")[step] == "Henüz karşılaştırılmadı"
        view.sync_button.invoke()
        driver.wait_for(lambda: admin.regions.item("*", "values")[step] == "Eşit ✓")
        driver.shot("09-admin")
    finally:
        server.stop()


def test_the_interface_speaks_english_on_request(tmp_path, drive):
    from puantaj.app import build_services
    from puantaj.config import load_settings

    english = build_services(
        load_settings(env={"PUANTAJ_LANG": "en"}, flags={"home": str(tmp_path / "en")})
    )
    try:
        driver = drive(english)
        assert driver.app.login.submit.cget("text") == "Log in"
        driver.login("izmir1")
        tabs = [
            driver.window.notebook.tab(i, "text")
            for i in range(driver.window.notebook.index("end"))
        ]
        assert tabs[:3] == ["Timesheet", "Employees", "Vehicles"]
        assert "Administration" not in tabs
    finally:
        english.store.close()


def test_refused_rows_are_listed_with_why_and_what_to_do(services, drive):
    """Issue 10 #7: not only a count: what was refused, why, and what to do."""
    from puantaj.store import changelog, refusals
    from puantaj.store.engine import transaction
    from puantaj.ui.views.refusals import RefusalsDialog

    emp = services.records["employees"].create(
        ANKARA,
        {
            "sicil_no": "7",
            "first_name": "İsmail",
            "last_name": "Işık",
            "hire_date": "01.01.2026",
        },
    )
    with services.store.connection() as conn:
        page = changelog.read_page(conn, 10)
        refusal = {
            "table": "employees",
            "id": emp,
            "reason": "period_locked",
            "detail": "Ankara 2026-03 is locked",
        }
        with transaction(conn):
            refusals.record(conn, [refusal], page.changes)
    driver = drive(services)
    driver.login("ankara1")
    status = driver.window.status
    assert "Sunucunun reddettiği: 1" in status.unsent.get()
    assert status.refused_button.winfo_ismapped()
    status.refused_button.invoke()
    driver.root.update()
    (dialog,) = [
        w for w in driver.window.winfo_children() if isinstance(w, RefusalsDialog)
    ]
    (item,) = dialog.tree.get_children()
    table, subject, reason, advice, _ = dialog.tree.item(item, "values")
    assert (table, subject, reason) == ("Çalışan", "İsmail Işık (7)", "Ay kilitli")
    assert "kilidini açınca" in advice
    dialog.tree.selection_set(item)
    driver.root.update()
    # the server's detail in Turkish too (issue 15)
    assert dialog.detail.get() == "Ay kilitli: Ankara Mart 2026 kilitli"
    dialog.destroy()
