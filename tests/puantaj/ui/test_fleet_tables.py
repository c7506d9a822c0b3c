"""The due list, Turkish numbers on lists, the admin's tables tab and the
confirmation before a conflict is restored, in the real window (issue 13)."""

from __future__ import annotations

import datetime as dt

from puantaj.services.session import Session
from tests.puantaj.ui.test_grid import ANKARA

ADMIN = Session("admin", "admin", "*")


def _in_days(n: int) -> str:  # the due list reads the real date: dates relative to it
    return (dt.date.today() + dt.timedelta(days=n)).strftime("%d.%m.%Y")


def test_the_due_list_is_coloured_and_follows_an_inspection(services, drive):
    vehicles = services.records["vehicles"]
    van = vehicles.create(
        ANKARA,
        {
            "plate": "06 TR 1234",
            "vehicle_type": "commercial",
            "km": "125.000",
            "last_inspection": _in_days(-370),  # a year ago: overdue
            "insurance_expiry": _in_days(10),  # within 30 days
        },
    )
    vehicles.create(ANKARA, {"plate": "06 ABC 123", "vehicle_type": "private"})
    driver = drive(services)
    driver.login("ankara1")
    driver.window.notebook.select(2)
    driver.root.update()
    listed = driver.window.record_views["vehicles"].tree.item(van, "values")
    assert "125.000" in listed  # not 125, not 125000
    tree = driver.window.due.tree
    rows = {
        (tree.item(i, "values")[0], tree.item(i, "values")[1]): (
            tree.item(i, "values")[3],
            tree.item(i, "tags"),
        )
        for i in tree.get_children()
    }
    assert rows[("06 TR 1234", "Muayene")] == ("-5", ("overdue",))
    assert rows[("06 TR 1234", "Trafik sigortası")] == ("10", ("soon",))
    assert rows[("06 ABC 123", "Trafik sigortası")] == ("—", ("unknown",))
    # an inspection passed today, recorded on its own tab: the due list follows
    inspections = driver.window.record_views["vehicle_inspections"]
    form = inspections.add()
    driver.root.update()
    form.vars["vehicle_id"].set("06 TR 1234")
    form.vars["kind"].set("Muayene")
    form.vars["inspection_date"].set(_in_days(0))
    form.vars["result"].set("Geçti")
    form.vars["cost"].set("1.250,50")
    form.save_button.invoke()
    driver.root.update()
    plates = [tree.item(i, "values")[:2] for i in tree.get_children()]
    assert ("06 TR 1234", "Muayene") not in plates  # next one in a year
    (row,) = inspections.tree.get_children()
    assert inspections.tree.item(row, "values")[-1] == "1.250,50"
    driver.shot("13-due-list")


def test_the_admin_edits_the_tables_and_confirms_a_restore_by_region_and_month(
    services, drive, monkeypatch
):
    emp = services.records["employees"].create(
        ANKARA,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    from puantaj.services.timesheets import Edit

    services.timesheets.write(ANKARA, [Edit(emp, dt.date(2026, 3, 2), "X")])
    with services.store.connection() as conn:
        cell = conn.execute("SELECT id FROM timesheets").fetchone()[0]
    driver = drive(services)
    driver.login("admin")
    tables = driver.window.tables_view
    driver.window.notebook.select(tables)
    tables.year.set("2027")
    tables.refresh()
    assert tables.holidays.get_children() == ()
    added = tables.prefill()
    assert driver.asked[-1].startswith("2027 yılının tatilleri holidays paketinden")
    assert len(added) == 16
    assert tables.holidays.item("2027-03-09", "values")[3] == "onaylanacak"
    assert tables.holidays.item("2027-03-09", "tags") == ("to_confirm",)
    tables.holidays.selection_set("2027-03-09")
    tables.confirm_holiday()
    assert tables.holidays.item("2027-03-09", "values")[3] == "onaylı"
    form = tables.edit_code(None)
    driver.root.update()
    for name, value in (("code", "gi"), ("label_tr", "Görevli izin"), ("worked", "0")):
        form.vars[name].set(value)
    form.vars["kind"].set("Mazeret izni")
    form.vars["paid"].set("1")
    assert form.ok()
    assert tables.codes.item("Gİ", "values")[:3] == (
        "Gİ",
        "Görevli izin",
        "Mazeret izni",
    )
    driver.shot("14-tables")
    restored = []
    controller = driver.window.controller
    monkeypatch.setattr(
        controller, "restore_conflict", lambda i, by: restored.append(i)
    )
    admin = driver.window.admin_view
    admin._show_conflicts(
        [
            {
                "id": 5,
                "region": "Ankara",
                "tbl": "timesheets",
                "row_id": cell,
                "column_name": "code",
                "kind": "lost",
                "value": "R",
                "winner": "X",
                "site_id": "pc-ankara-1",
                "restored_at": None,
            }
        ]
    )
    admin.conflicts.selection_set("5")
    assert admin.restore_selected()
    assert driver.asked[-1] == (  # whose cell, which day (issue 15)
        "A B (sicil 1) — 02.03.2026 — Kod: R geri yüklensin mi?\n\n"
        "Yalnızca bu alan değişir; şimdiki değer (X) geçmişte saklanır."
    )
    assert restored == [5]
