"""Yönetim against a real server over HTTP: conflicts people can read, a restore
that asks and touches one field, regions at a glance that refresh while open."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from puantaj.core import sheet
from puantaj.services.session import Session
from puantaj.services.timesheets import Edit
from puantaj.store import clock
from tests import servers
from tests.e2e.conftest import make_desk

DAY = dt.date(2026, 11, 3)
MOMENT = r"\d\d\.\d\d\.\d{4} \d\d:\d\d"


@pytest.fixture
def office(tmp_path):
    """A server and two Ankara PCs (ayse on ankara-pc1, mehmet on ankara-pc2)
    that wrote the same cell: X by ayse, then D by mehmet, then YG+2 by ayse."""
    env = servers.sqlite_env(tmp_path / "server")
    server = servers.start(env)
    try:
        desks = {}
        for user, label in (("ayse", "ankara-pc1"), ("mehmet", "ankara-pc2")):
            token = env.tokens(["Ankara"], label=label)["Ankara"]
            desk = make_desk(tmp_path / label, server.url, token, "Ankara")
            desks[user] = dataclasses.replace(
                desk, session=Session(user, "clerk", "Ankara")
            )
        ayse, mehmet = desks["ayse"], desks["mehmet"]
        emp = ayse.services.records["employees"].create(
            ayse.session,
            {
                "sicil_no": "7",
                "first_name": "Ayşe",
                "last_name": "Yılmaz",
                "hire_date": "01.01.2026",
            },
        )
        ayse.services.timesheets.write(ayse.session, [Edit(emp, DAY, "X")])
        assert ayse.sync().ok and mehmet.sync().ok
        mehmet.services.timesheets.write(mehmet.session, [Edit(emp, DAY, "D")])
        ayse.later_than(mehmet)  # ayşe's edit is the newer one by both clocks
        ayse.services.timesheets.write(ayse.session, [Edit(emp, DAY, "YG+2")])
        assert mehmet.sync().ok and ayse.sync().ok
        yield server, env, desks
    finally:
        for desk in desks.values():
            desk.services.store.close()
        server.stop()


def _admin(services, drive, server, env):
    driver = drive(services)
    driver.login("admin")
    view = driver.connect(server.url, env.tokens(["*"], label="merkez")["*"])
    view.sync_button.invoke()
    status = driver.window.status
    driver.wait_for(lambda: status.state.get().startswith("Eşitlendi"))
    admin = driver.window.admin_view
    driver.window.notebook.select(admin)
    return driver, admin


def _cell(desk) -> dict:
    with desk.services.store.connection() as conn:
        return dict(conn.execute("SELECT * FROM timesheets").fetchone())


def _code_line(admin) -> tuple[str, tuple]:
    for iid in admin.conflicts.get_children():
        values = admin.conflicts.item(iid, "values")
        if values[3] == "Kod":
            return iid, values
    return "", ()


def test_a_conflict_says_whose_cell_which_day_who_wrote_what_and_from_where(
    services, drive, office
):
    server, env, desks = office
    driver, admin = _admin(services, drive, server, env)
    driver.wait_for(lambda: _code_line(admin)[0])
    iid, values = _code_line(admin)
    region, record, day, field, kind, lost, lost_by, won, won_by, restored = values
    assert (region, record, day, field) == (
        "Ankara",
        "Ayşe Yılmaz (sicil 7)",
        "03.11.2026",
        "Kod",
    )
    assert (kind, lost, won, restored) == ("Üzerine yazılan", "D", "YG", "")
    assert re.fullmatch(rf"mehmet · {MOMENT} · ankara-pc2", lost_by)
    assert re.fullmatch(rf"ayse · {MOMENT} · ankara-pc1", won_by)
    admin.conflicts.selection_set(iid)  # the line in full below the list
    driver.root.update()
    assert re.fullmatch(
        "Ayşe Yılmaz \\(sicil 7\\) — 03.11.2026 — Kod\n"
        rf"Kaybeden: D — mehmet · {MOMENT} · Ankara / ankara-pc2\n"
        rf"Kazanan: YG — ayse · {MOMENT} · Ankara / ankara-pc1",
        admin.conflict_detail.get(),
    )
    # no table or column names, JSON quotes or site ids
    shown = " ".join(
        str(v)
        for i in admin.conflicts.get_children()
        for v in admin.conflicts.item(i, "values")
    )
    for desk in desks.values():
        with desk.services.store.connection() as conn:
            assert clock.site_id(conn)[:8] not in shown
    assert '"' not in shown and "timesheets" not in shown and "code" not in shown
    headings = [admin.conflicts.heading(c, "text") for c in admin.conflicts["columns"]]
    assert headings[1:4] == ["Kayıt", "Gün", "Alan"]
    driver.shot("15-conflicts")


def test_restore_asks_first_and_changes_only_that_field(services, drive, office):
    server, env, desks = office
    ayse = desks["ayse"]
    before = _cell(ayse)
    assert (before["code"], before["overtime_hours"]) == ("YG", 2)
    driver, admin = _admin(services, drive, server, env)
    driver.wait_for(lambda: _code_line(admin)[0])
    iid, _ = _code_line(admin)
    admin.conflicts.selection_set(iid)
    asked = len(driver.asked)
    admin.restore_button.invoke()
    assert driver.asked[asked:] == [
        "Ayşe Yılmaz (sicil 7) — 03.11.2026 — Kod: D geri yüklensin mi?\n\n"
        "Yalnızca bu alan değişir; şimdiki değer (YG) geçmişte saklanır."
    ]
    # the admin's PC syncs after the restore and the list shows it restored
    driver.wait_for(lambda: _cell_of(services)["code"] == "D")
    driver.wait_for(
        lambda: (
            admin.conflicts.exists(iid)
            and admin.conflicts.item(iid, "values")[-1].endswith("(admin)")
        )
    )
    assert ayse.sync().ok
    after = _cell(ayse)
    assert after["code"] == "D"
    untouched = ("id", "employee_id", "work_date", "overtime_hours", "note", "region")
    assert {k: after[k] for k in untouched} == {k: before[k] for k in untouched}
    assert after["overtime_hours"] == 2


def _cell_of(services) -> dict:
    with services.store.connection() as conn:
        row = conn.execute("SELECT * FROM timesheets").fetchone()
        return dict(row) if row else {}


def test_a_declined_restore_sends_nothing(services, drive, office):
    server, env, desks = office
    driver, admin = _admin(services, drive, server, env)
    driver.wait_for(lambda: _code_line(admin)[0])
    restored = []
    admin._controller = type(
        "Recorder", (), {"restore_conflict": lambda _s, i, by: restored.append(i)}
    )()
    admin._confirm = lambda _text: False
    admin.conflicts.selection_set(_code_line(admin)[0])
    assert not admin.restore_selected()
    assert restored == []


def test_regions_at_a_glance_refresh_while_the_tab_is_open(
    services, drive, office, tmp_path
):
    server, env, desks = office
    driver, admin = _admin(services, drive, server, env)
    driver.wait_for(lambda: "Ankara" in admin.regions.get_children())
    pcs = {
        admin.regions.item(i, "text"): admin.regions.item(i, "values")
        for i in admin.regions.get_children("Ankara")
    }
    assert set(pcs) == {"ankara-pc1", "ankara-pc2"}
    last_sync, unsent, refused, _, in_step, _ = pcs["ankara-pc1"]
    assert re.fullmatch(MOMENT, last_sync) and (unsent, refused) == ("0", "0")
    assert in_step in ("Eşit ✓", "Henüz karşılaştırılmadı")
    line = admin.regions.item("Ankara")
    assert line["text"] == "Ankara — 2 bilgisayar"
    month = line["values"][3]
    assert month.endswith(": açılmadı") and month.split()[0] in sheet.MONTHS_TR
    assert admin.is_refreshing  # the tab is open
    # a third PC syncs; the open tab shows it without a click
    admin.refresh_ms = 50
    admin._stop_timer()
    admin._start_timer()
    token = env.tokens(["Ankara"], label="ankara-pc3")["Ankara"]
    third = make_desk(tmp_path / "pc3", server.url, token, "Ankara")
    try:
        assert third.sync().ok
    finally:
        third.services.store.close()
    driver.wait_for(
        lambda: (
            "ankara-pc3"
            in {
                admin.regions.item(i, "text")
                for i in admin.regions.get_children("Ankara")
            }
        )
    )
    driver.window.notebook.select(0)  # leaving the tab stops the timer
    driver.root.update()
    assert not admin.is_refreshing
    driver.shot("16-regions")


def test_the_activity_log_reads_dates_the_turkish_way(services, drive):
    clerk = Session("ankara1", "clerk", "Ankara")
    emp = services.records["employees"].create(
        clerk,
        {
            "sicil_no": "7",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.01.2026",
        },
    )
    services.timesheets.write(clerk, [Edit(emp, DAY, "X")])
    driver = drive(services)
    driver.login("admin")
    view = driver.window.admin_view
    driver.window.notebook.select(view)
    driver.root.update()
    (line,) = view.activity.get_children()
    at, user, region, employee, day, _, new, source = view.activity.item(line, "values")
    assert re.fullmatch(MOMENT, at) and day == "03.11.2026"
    assert (user, region, employee, new) == (
        "ankara1",
        "Ankara",
        "Ayşe Yılmaz (7)",
        "X",
    )
