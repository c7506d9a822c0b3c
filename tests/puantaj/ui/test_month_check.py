"""Submitting a month in the real window: the checks, jumping to a cell, the
confirmation naming region and month, read-only afterwards, sent back (issue 13)."""

from __future__ import annotations

import datetime as dt

from puantaj.services.session import Session
from puantaj.services.timesheets import Edit
from puantaj.ui.presenters.grid import MISSING
from puantaj.ui.views.month_check import MonthCheckDialog
from tests.puantaj.ui.test_grid import ANKARA, cells, open_month, staff

ADMIN = Session("admin", "admin", "*")
DAYS = 30  # November 2026; "today" is 2 December 2026 (tests/conftest.py)


def dialog_of(driver) -> MonthCheckDialog:
    (dialog,) = [
        w
        for w in driver.window.reports_view.winfo_children()
        if isinstance(w, MonthCheckDialog)
    ]
    return dialog


def delete_cells(driver, row: int, columns: list[int]) -> None:
    sheet = driver.window.grid_view.sheet
    sheet.select_cell(row, columns[0])
    for c in columns[1:]:
        sheet.add_cell_selection(row, c)
    sheet.MT.focus_force()
    driver.root.update()
    sheet.MT.event_generate("<Delete>")
    driver.root.update()


def test_submit_runs_the_checks_jumps_to_cells_then_asks(services, drive):
    a, b = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver, "2026-11")
    grid = driver.window.grid_view
    grid.fill_button.invoke()
    driver.root.update()
    delete_cells(driver, 1, [9, 10, 11])  # 10–12 November left blank
    driver.type_cell(0, 1, "x+4")  # Monday 2 November: 7,5 + 4 = 11,5 hours
    sheet = grid.sheet
    highlights = sheet.get_highlighted_cells()
    assert highlights[(1, 10)][0] == MISSING  # a blank day is marked on the grid
    totals = dict(
        zip(grid.p.headers()[DAYS:], sheet.get_row_data(1)[DAYS:], strict=True)
    )
    shown = {h.text: v for h, v in totals.items()}
    # 3 blank days count nowhere: November (30 days) less 3 → 27 SGK days
    assert (shown["SGK gün"], shown["Boş gün"]) == ("27", "3")
    reports = driver.window.reports_view
    driver.window.notebook.select(reports)
    driver.root.update()
    assert reports.state.get() == "Ankara — Kasım 2026: Durum: Taslak"
    reports.submit_button.invoke()
    driver.root.update()
    dialog = dialog_of(driver)
    assert dialog.title() == "Ayın denetimi: Ankara — Kasım 2026"
    assert dialog.summary.get() == "1 hata, 2 uyarı"
    lines = [dialog.tree.item(i, "values") for i in dialog.tree.get_children()]
    assert lines[0] == (
        "Hata",
        "2  Ad1 Soyad1",
        "10.11.2026",
        "3 gün kodsuz (10.11.2026 – 12.11.2026): hiçbir yerde sayılmaz",
    )
    assert [line[3] for line in lines[1:]] == [
        "Bir günde 11,5 saat çalışma (sınır 11 saat, md.63)",
        "02.11.2026 – 08.11.2026 haftasında 49 saat (sınır 45 saat, md.63)",
    ]
    assert dialog.submit_button.instate(["disabled"])  # errors first
    driver.shot("10-submit-check")
    dialog.tree.focus("0")
    dialog.tree.focus_force()
    driver.root.update()
    dialog.tree.event_generate("<Return>")  # jump to the blank days
    driver.root.update()
    assert driver.window.notebook.select() == str(grid)
    assert sheet.get_currently_selected()[:2] == (1, 9)
    dialog.destroy()
    for column in (9, 10, 11):
        driver.type_cell(1, column, "x")
    driver.window.notebook.select(reports)
    driver.root.update()
    reports.submit_button.invoke()
    driver.root.update()
    dialog = dialog_of(driver)
    assert dialog.summary.get() == "0 hata, 2 uyarı"
    dialog.submit_button.invoke()
    driver.root.update()
    assert driver.asked[-1] == (
        "Ankara — Kasım 2026 gönderilsin mi? Gönderildikten sonra ay, yönetici geri"
        " gönderene dek salt okunur olur.\n2 uyarı var; yine de gönderilsin mi?"
    )
    assert services.reports.status("Ankara", "2026-11").status == "submitted"
    assert reports.state.get().startswith("Ankara — Kasım 2026: Durum: Gönderildi")
    # read-only for the clerk now, and the grid says why
    driver.window.notebook.select(grid)
    open_month(driver, "2026-11")
    assert "yönetici geri gönderene dek salt okunur" in str(grid.banner.cget("text"))
    before = cells(services)
    driver.type_cell(0, 3, "r")
    assert cells(services) == before


def test_the_admin_names_region_and_month_and_the_clerk_sees_the_reason(
    services, drive
):
    (a,) = staff(services, 1)
    ts = services.timesheets
    ts.fill_month(ANKARA, ts.load_month(ANKARA, "Ankara", 2026, 11))
    services.reports.move(ANKARA, "Ankara", "2026-11", "submit")
    driver = drive(services)
    driver.login("admin")
    reports = driver.window.reports_view
    driver.window.notebook.select(reports)
    reports.follow("Ankara", 2026, 11)
    reports.buttons["send_back"].invoke()  # no reason written
    assert driver.asked == []
    assert "gerekçe" in driver.window.status.message.get()
    reports.reason.set("10 Kasım rapor olacak")
    reports.buttons["send_back"].invoke()
    assert driver.asked[-1] == (
        "Ankara — Kasım 2026 düzeltilmek üzere bölgeye geri gönderilsin mi?\n"
        "Gerekçe: 10 Kasım rapor olacak"
    )
    assert services.reports.status("Ankara", "2026-11").status == "draft"
    driver.app.logout()
    driver.login("ankara1")
    open_month(driver, "2026-11")
    grid = driver.window.grid_view
    assert grid.banner.cget("text") == (
        "Geri gönderildi (admin): 10 Kasım rapor olacak"
    )
    driver.type_cell(0, 9, "r")  # editable again
    assert cells(services)[(a, "2026-11-10")] == ("R", None)
    services.reports.move(ANKARA, "Ankara", "2026-11", "submit")
    driver.app.logout()
    driver.login("admin")
    reports = driver.window.reports_view
    reports.follow("Ankara", 2026, 11)
    for action, question in (
        ("approve", "Ankara — Kasım 2026 onaylansın mı?"),
        ("lock", "Ankara — Kasım 2026 kilitlensin mi?"),
    ):
        reports.buttons[action].invoke()
        assert driver.asked[-1].startswith(question)
    assert services.reports.status("Ankara", "2026-11").is_locked


def test_leave_columns_and_a_warning_past_the_entitlement(services, drive):
    emp = services.records["employees"]
    ayse = emp.create(
        ANKARA,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.06.2024",
            "birth_date": "12.03.1990",
        },
    )
    # leave year 01.06.2026–31.05.2027 (2 years: 14 days); 12 days taken in June
    june = [
        dt.date(2026, 6, d) for d in range(1, 15) if dt.date(2026, 6, d).weekday() < 6
    ]
    services.timesheets.write(ANKARA, [Edit(ayse, d, "Yİ") for d in june[:12]])
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver, "2026-11")
    grid = driver.window.grid_view
    grid.fill_button.invoke()
    driver.root.update()
    for column in (1, 2):  # Yİ on Monday 2 and Tuesday 3 November: 13, 14
        driver.type_cell(0, column, "yi")
    headers = [h.text for h in grid.p.headers()]
    row = grid.sheet.get_row_data(0)
    used, left = headers.index("İzin kul."), headers.index("İzin kalan")
    assert (row[used], row[left]) == ("14", "0")
    driver.type_cell(0, 3, "yi")  # the 15th day: past the 14
    assert driver.window.status.message.get() == (
        "Uyarı: Ayşe Yılmaz bu izin yılında 15 gün yıllık izin kullandı, hakkı 14 gün"
    )
    grid.sheet.see(0, len(headers) - 1)
    grid.sheet.redraw()
    driver.root.update()
    driver.shot("11-leave-columns")
    employees = driver.window.record_views["employees"]
    driver.window.notebook.select(1)
    employees.refresh()
    listed = employees.tree.item(ayse, "values")
    assert listed[-3:] == ("14", "15", "-1")  # entitled, used, left
