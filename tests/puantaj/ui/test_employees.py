"""Deactivating an employee in the real window: the exit date is asked, history
stays, a closed month is refused, and it can be undone (issue 13)."""

from __future__ import annotations

from puantaj.services.session import Session
from puantaj.ui.views.employees import ExitDialog
from tests.puantaj.ui.test_grid import ANKARA, open_month

ADMIN = Session("admin", "admin", "*")


def exit_dialog(view) -> ExitDialog:
    (dialog,) = [w for w in view.winfo_children() if isinstance(w, ExitDialog)]
    return dialog


def test_deactivating_asks_the_exit_date_keeps_history_and_can_be_undone(
    services, drive
):
    people = services.records["employees"]
    ayse = people.create(
        ANKARA,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.01.2025",
        },
    )
    ts = services.timesheets
    for month in (3, 4):
        ts.fill_month(ANKARA, ts.load_month(ANKARA, "Ankara", 2026, month))
    services.reports.move(ADMIN, "Ankara", "2026-03", "lock")
    driver = drive(services)
    driver.login("ankara1")
    driver.window.notebook.select(1)
    view = driver.window.record_views["employees"]
    view.refresh()
    view.tree.selection_set(ayse)
    view.deactivate_button.invoke()
    driver.root.update()
    dialog = exit_dialog(view)
    assert people.get(ANKARA, ayse)["deleted"] == 0  # nothing happened yet
    dialog.exit_date.set("15.03.2026")  # inside locked March: refused
    dialog.ok_button.invoke()
    assert dialog.error.get() == (
        "Ankara Mart 2026 Kilitli: çıkış tarihi o ayı değiştiremez (yönetici açmalı)"
    )
    assert driver.asked == []
    dialog.exit_date.set("15.04.2026")
    dialog.ok_button.invoke()
    driver.root.update()
    assert driver.asked == [
        "Ayşe Yılmaz (1) 15.04.2026 tarihiyle pasifleştirilsin mi?\n"
        "16.04.2026 ve sonrasında 15 kodlu gün var: silinmez ama sayılmaz."
    ]
    row = people.get(ANKARA, ayse)
    assert (row["exit_date"], row["deleted"]) == ("2026-04-15", 0)
    assert view.tree.get_children() == ()  # the list shows the active ones
    view.show_passive.set(True)
    view.refresh()
    assert view.tree.get_children() == (ayse,)
    assert view.tree.item(ayse, "tags") == ("passive",)
    driver.shot("12-exit")
    # the months worked keep her, locked March too; May does not
    grid = driver.window.grid_view
    for month, rows in (("2026-03", 1), ("2026-04", 1), ("2026-05", 0)):
        open_month(driver, month)
        assert len(grid.p.grid.employees) == rows, month
    open_month(driver, "2026-04")
    april = grid.p.grid.totals[ayse]
    assert (april.employed_days, april.sgk_days) == (15, 15)
    # undo
    view.tree.selection_set(ayse)
    view.restore_button.invoke()
    driver.root.update()
    assert driver.asked[-1] == (
        "Ayşe Yılmaz (1) yeniden aktif olsun mu? Çıkış tarihi (15.04.2026) silinir."
    )
    assert people.get(ANKARA, ayse)["exit_date"] is None
    open_month(driver, "2026-04")
    assert grid.p.grid.totals[ayse].sgk_days == 30
