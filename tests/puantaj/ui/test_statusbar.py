"""The status bar: an honest unsent count, closing with unsent changes, the whole
status message a click away (issue 15)."""

from __future__ import annotations

import tkinter as tk

from puantaj.services.session import Session
from puantaj.store import changelog
from tests import servers

ANKARA = Session("ankara1", "clerk", "Ankara")


def queued(services) -> int:
    with services.store.connection() as conn:
        return changelog.pending_count(conn)


def stopped_server(tmp_path) -> tuple[str, str]:
    """The address and token of a real server that has stopped listening."""
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        token = env.tokens(["Ankara"])["Ankara"]
    finally:
        server.stop()
    return server.url, token


def test_the_unsent_count_stays_right_after_an_offline_sync(services, drive, tmp_path):
    url, token = stopped_server(tmp_path)
    emp = services.records["employees"]
    for sicil in ("1", "2"):
        emp.create(
            ANKARA,
            {
                "sicil_no": sicil,
                "first_name": "Ad",
                "last_name": "Soyad",
                "hire_date": "01.01.2026",
            },
        )
    driver = drive(services)
    driver.login("ankara1")
    status = driver.window.status
    before = queued(services)  # the two employees and the demo accounts
    assert status.unsent.get() == f"Gönderilmemiş: {before}"
    grid = driver.window.grid_view
    grid.month.set("2026-03")
    grid.reload()
    driver.type_cell(0, 1, "x")
    driver.type_cell(1, 1, "x")
    driver.wait_for(lambda: status.unsent.get() == f"Gönderilmemiş: {before + 2}")
    before += 2
    view = driver.connect(url, token)
    view.sync_button.invoke()
    driver.wait_for(lambda: status.state.get().startswith("Çevrimdışı"))
    driver.root.update()
    assert queued(services) == before
    assert status.unsent.get() == f"Gönderilmemiş: {before}"
    # a vehicle added on its tab (no status line): the count moves at once
    driver.window.notebook.select(2)
    form = driver.window.record_views["vehicles"].add()
    driver.root.update()
    form.vars["plate"].set("06 ABC 123")
    form.vars["vehicle_type"].set("Hususi")
    form.save_button.invoke()
    driver.root.update()
    assert queued(services) == before + 1
    driver.wait_for(
        lambda: status.unsent.get() == f"Gönderilmemiş: {before + 1}", timeout_s=5
    )


def closed(driver) -> bool:
    try:
        driver.root.winfo_exists()
    except tk.TclError:
        return True
    return False


def test_closing_with_unsent_changes_offers_to_sync_first(services, drive, tmp_path):
    env = servers.sqlite_env(tmp_path)
    server = servers.start(env)
    try:
        token = env.tokens(["Ankara"])["Ankara"]
        services.records["employees"].create(
            ANKARA,
            {
                "sicil_no": "1",
                "first_name": "Ad",
                "last_name": "Soyad",
                "hire_date": "01.01.2026",
            },
        )
        driver = drive(services)
        answers: list[bool | None] = [None, True]
        asked: list[str] = []
        driver.app.dialogs.ask_close = lambda text: asked.append(text) or answers.pop(0)
        driver.login("ankara1")
        driver.connect(server.url, token)
        count = queued(services)
        driver.app.close()  # Cancel: the window stays
        driver.root.update()
        assert not closed(driver)
        assert asked == [
            f"{count} değişiklik henüz sunucuya gönderilmedi.\n\n"
            "Evet: şimdi eşitle, sonra kapat\n"
            "Hayır: yine de kapat (değişiklikler bu bilgisayarda kalır, bir sonraki"
            " açılışta gönderilir)\nİptal: açık kalsın"
        ]
        driver.app.close()  # Yes: sync, then close
        assert not closed(driver)
        assert "Eşitleniyor" in driver.window.status.message.get()
        while not closed(driver):
            driver.app.pump.wait(0.5)
            try:
                driver.root.update()
            except tk.TclError:
                break
        assert queued(services) == 0  # sent before the window went
        assert len(asked) == 2
    finally:
        server.stop()


def test_closing_anyway_keeps_the_changes_queued(services, drive):
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
    driver.login("ankara1")
    count = queued(services)
    driver.app.dialogs.ask_close = lambda _text: False
    driver.app.close()
    assert closed(driver)
    assert queued(services) == count


def test_a_long_status_message_is_shortened_and_opens_whole(services, drive):
    from puantaj.ui.statusbar import MessageDialog

    driver = drive(services)
    driver.login("ankara1")
    status = driver.window.status
    text = "Uzun bir ileti: " + " ".join(f"kelime{i}" for i in range(80))
    status.show_message(text)
    driver.root.update()
    shown = status.shown.get()
    assert shown.endswith("…") and text.startswith(shown[:-1])
    label = status.message_label
    assert label.winfo_rootx() + label.winfo_width() <= (
        driver.root.winfo_rootx() + driver.root.winfo_width()
    )
    label.event_generate("<Button-1>", x=5, y=5)
    driver.root.update()
    (dialog,) = [w for w in status.winfo_children() if isinstance(w, MessageDialog)]
    assert dialog.text.get("1.0", "end-1c") == text
    dialog.event_generate("<Escape>")
    driver.root.update()
    assert not dialog.winfo_exists()


def test_a_refusal_shows_at_once_and_its_list_opens_from_the_status_bar(
    services, drive
):
    """Refused changes are a list the clerk opens from the status bar; a refusal
    kept by a sync (on another connection) shows without a restart."""
    import threading

    from puantaj.store import refusals
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
    driver = drive(services)
    driver.login("ankara1")
    status = driver.window.status
    assert "Sunucunun reddettiği" not in status.unsent.get()
    assert not status.refused_button.winfo_ismapped()

    def refuse() -> None:  # as the sync worker does, on its own connection
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

    worker = threading.Thread(target=refuse)
    worker.start()
    worker.join()
    driver.wait_for(lambda: status.refused_button.winfo_ismapped(), timeout_s=5)
    assert "Sunucunun reddettiği: 1" in status.unsent.get()
    button = status.refused_button
    button.event_generate("<Enter>", x=3, y=3)
    button.event_generate("<ButtonPress-1>", x=3, y=3)
    button.event_generate("<ButtonRelease-1>", x=3, y=3)
    driver.root.update()
    (dialog,) = [
        w for w in driver.window.winfo_children() if isinstance(w, RefusalsDialog)
    ]
    (item,) = dialog.tree.get_children()
    assert dialog.tree.item(item, "values")[1] == "İsmail Işık (7)"
    dialog.destroy()
