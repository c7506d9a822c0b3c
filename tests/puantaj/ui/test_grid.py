"""The puantaj grid driven by keystrokes in a real Tk window."""

from __future__ import annotations

import datetime as dt
import tkinter as tk

import openpyxl
import pytest

from puantaj.services.session import Session
from puantaj.services.timesheets import Edit

ANKARA = Session("ankara1", "clerk", "Ankara")


def staff(services, n: int = 2) -> list[str]:
    emp = services.records["employees"]
    return [
        emp.create(
            ANKARA,
            {
                "sicil_no": str(i + 1),
                "first_name": f"Ad{i}",
                "last_name": f"Soyad{i}",
                "hire_date": "01.01.2026",
            },
        )
        for i in range(n)
    ]


def open_month(driver, month: str = "2026-03") -> None:
    grid = driver.window.grid_view
    grid.month.set(month)
    grid.reload()
    driver.root.update()


def cells(services) -> dict:
    with services.store.connection() as conn:
        return {
            (r["employee_id"], r["work_date"]): (r["code"], r["overtime_hours"])
            for r in conn.execute(
                "SELECT * FROM timesheets WHERE deleted = 0 AND code IS NOT NULL"
            )
        }


def test_login_screen_says_demo_and_refuses_a_wrong_password(services, drive):
    driver = drive(services)
    assert "DEMO MODU" in _texts(driver.app.login)
    driver.shot("01-login")
    driver.login("ankara1", "wrong")
    assert driver.window is None
    assert driver.app.login.error.get() == "Kullanıcı adı ya da parola yanlış"
    driver.login("ankara1")
    tabs = [
        driver.window.notebook.tab(i, "text")
        for i in range(driver.window.notebook.index("end"))
    ]
    assert "Puantaj" in tabs and "Yönetim" not in tabs


def _texts(widget) -> str:
    out = []
    for child in widget.winfo_children():
        if "text" in child.keys():  # noqa: SIM118 - Tk options, not a dict
            out.append(str(child.cget("text")))
    return " ".join(out)


def test_typing_a_month_for_two_employees_updates_store_and_totals(services, drive):
    a, b = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    driver.type_cell(0, 1, "x")  # 2 March, Monday
    driver.type_cell(0, 2, "x+2")
    driver.type_cell(0, 3, "yi")  # Turkish upper-case: YI → Yİ
    driver.type_cell(1, 1, "r")
    driver.type_cell(1, 2, "d")
    # the status bar's unsent count follows (2 new employees and 5 typed days)
    status = driver.window.status
    driver.wait_for(lambda: status.unsent.get() == "Gönderilmemiş: 7")
    stored = cells(services)
    assert stored[(a, "2026-03-02")] == ("X", None)
    assert stored[(a, "2026-03-03")] == ("X", 2.0)
    assert stored[(a, "2026-03-04")] == ("Yİ", None)
    assert stored[(b, "2026-03-02")] == ("R", None)
    sheet = driver.window.grid_view.sheet
    days = 31
    assert sheet.get_cell_data(0, 2) == "X+2"
    assert sheet.get_cell_data(0, days) == "2"  # worked
    assert sheet.get_cell_data(0, days + 4) == "2"  # overtime hours
    assert sheet.get_cell_data(1, days + 7) == "1"  # R
    # fill the rest of the month in one click, then the totals are a full month's
    driver.window.grid_view.fill_button.invoke()
    driver.root.update()
    assert sheet.get_cell_data(0, days + 2) == "30"  # SGK days
    assert sheet.get_cell_data(1, days + 3) == "12"  # R + D → eksik code 12
    driver.shot("02-puantaj")


def test_typing_into_a_selected_range_fills_it(services, drive):
    a, _ = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    sheet = driver.window.grid_view.sheet
    sheet.select_cell(0, 9)
    sheet.add_cell_selection(0, 10)
    sheet.add_cell_selection(0, 11)
    sheet.MT.focus_force()
    driver.root.update()
    for key in ("y", "i"):
        driver.root.focus_get().event_generate("<KeyPress>", keysym=key, when="tail")
        driver.root.update()
    driver.root.focus_get().event_generate("<KeyPress>", keysym="Return", when="tail")
    driver.root.update()
    stored = cells(services)
    assert [stored.get((a, f"2026-03-{d:02d}")) for d in (10, 11, 12)] == [
        ("Yİ", None)
    ] * 3


def test_undo_and_redo_write_through_to_the_store(services, drive):
    a, _ = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    driver.type_cell(0, 1, "x")
    driver.type_cell(0, 1, "r")
    mt = driver.window.grid_view.sheet.MT
    mt.focus_force()
    driver.root.update()
    mt.event_generate("<Control-z>")
    driver.root.update()
    assert cells(services)[(a, "2026-03-02")] == ("X", None)
    mt.event_generate("<Control-z>")
    driver.root.update()
    assert (a, "2026-03-02") not in cells(services)
    mt.event_generate("<Control-Shift-Z>")
    driver.root.update()
    assert cells(services)[(a, "2026-03-02")] == ("X", None)


def test_pasting_a_block_from_excel(services, drive):
    a, b = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    sheet = driver.window.grid_view.sheet
    driver.root.clipboard_clear()
    driver.root.clipboard_append("X\tR\nÜİ\tx+1,5\n")  # Excel adds a trailing newline
    sheet.select_cell(0, 4)
    sheet.MT.focus_force()
    driver.root.update()
    sheet.paste()
    driver.root.update()
    stored = cells(services)
    assert stored[(a, "2026-03-05")] == ("X", None)
    assert stored[(a, "2026-03-06")] == ("R", None)
    assert stored[(b, "2026-03-05")] == ("Üİ", None)
    assert stored[(b, "2026-03-06")] == ("X", 1.5)
    assert len(stored) == 4


def test_an_unknown_code_is_refused_in_the_status_bar(services, drive):
    staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    driver.type_cell(0, 1, "q")
    assert cells(services) == {}
    assert driver.window.grid_view.sheet.get_cell_data(0, 1) == ""
    assert "Bilinmeyen kod" in driver.window.status.message.get()


def test_a_locked_month_is_read_only_with_a_banner(services, drive):
    staff(services)
    admin = Session("admin", "admin", "*")
    services.reports.move(admin, "Ankara", "2026-03", "lock")
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    grid = driver.window.grid_view
    assert "kilitlendi" in str(grid.banner.cget("text"))
    assert str(grid.fill_button.cget("state")) == "disabled"
    driver.type_cell(0, 1, "x")
    assert cells(services) == {}


def test_days_outside_employment_are_locked(services, drive):
    emp = services.records["employees"]
    late = emp.create(
        ANKARA,
        {
            "sicil_no": "9",
            "first_name": "Yeni",
            "last_name": "Gelen",
            "hire_date": "16.03.2026",
        },
    )
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    driver.type_cell(0, 3, "x")  # 4 March: before the hire date
    driver.type_cell(0, 20, "x")  # 21 March: employed
    stored = cells(services)
    assert list(stored) == [(late, "2026-03-21")]


def test_export_xlsx_reads_back_with_the_right_totals(services, drive):
    a, b = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    driver.window.grid_view.fill_button.invoke()
    driver.type_cell(1, 1, "r")
    driver.type_cell(1, 2, "r")
    reports = driver.window.reports_view
    driver.window.notebook.select(reports)
    driver.root.update()
    driver.shot("07-reports")
    assert reports.state.get() == "Ankara — Mart 2026: Durum: Taslak"
    assert reports.tree.heading("name", "text") == "Ad soyad"
    shown = [reports.tree.item(i, "values") for i in reports.tree.get_children()]
    assert [row[2] for row in shown] == ["24", "22"]  # worked days, not "24.0"
    path = exported(driver, reports.export_xlsx())  # written on a worker (issue 14)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Ankara", "Kodlar"]
    sheet = book["Ankara"]
    header = [c.value for c in sheet[4]]  # title, header line, KVKK note above
    rows = {
        r[0].value: [c.value for c in r]
        for r in sheet.iter_rows(min_row=6)
        if r[0].value
    }
    sgk = header.index("SGK gün")
    # March has 31 days: two unpaid days leave 31 - 2 = 29 SGK days
    assert rows["1"][sgk] == 30 and rows["2"][sgk] == 29
    assert (
        rows["2"][header.index("Rapor")] == 2
        and rows["2"][header.index("Eksik kodu")] == "01"
    )
    # Sundays 1, 8, 15, 29 are HT; Bayram 20–22 is GT (22nd is a Sunday too)
    assert rows["1"][header.index("Çalışılan")] == 31 - 4 - 3
    csv_path = exported(driver, reports.export_csv())
    assert "Sicil" in csv_path.read_text(encoding="utf-8-sig")
    pdf = exported(driver, reports.export_pdf())
    assert pdf.read_bytes().startswith(b"%PDF")  # issue 14
    payroll = exported(driver, reports.export_payroll())
    assert openpyxl.load_workbook(payroll).active["A1"].value == "Sicil No"


def exported(driver, path):
    """Handle the pump's messages until the export started to `path` is written."""
    files = driver.window.reports_view.files
    files.exported = None  # (the xlsx and the payroll file share a path here)
    driver.wait_for(lambda: files.exported == path)
    return path


def test_closing_keeps_the_code_being_typed_and_exits_cleanly(services, drive, capfd):
    a, _ = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    driver.type_cell(0, 1, "x")
    sheet = driver.window.grid_view.sheet
    sheet.select_cell(0, 2)
    sheet.MT.focus_force()
    driver.root.update()
    sheet.MT.event_generate("<KeyPress>", keysym="r")  # typed, not yet entered
    driver.root.update()
    sheet.MT.start_tooltip_timer()  # what hovering over a cell leaves behind
    sheet.set_refresh_timer()
    capfd.readouterr()
    driver.app.close()  # raised TclError "can't delete Tcl command" before
    with pytest.raises(tk.TclError):  # the window is gone
        driver.root.winfo_exists()
    driver.root.tk.call("update")  # nothing left to fire into destroyed widgets
    assert "invalid command name" not in capfd.readouterr().err
    assert cells(services) == {
        (a, "2026-03-02"): ("X", None),
        (a, "2026-03-03"): ("R", None),
    }


def test_a_refused_entry_says_what_is_wrong(services, drive):
    """Issue 15: x+20 was refused as "unknown code"; it is too much overtime."""
    from puantaj.ui.i18n import Strings

    staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    message = driver.window.status.message
    driver.type_cell(0, 1, "x+20")
    assert message.get() == "x+20: bir günde 16 saatten fazla fazla mesai yazılamaz"
    driver.type_cell(0, 1, "ht+2")
    assert message.get() == (
        "ht+2: HT çalışılmayan bir gün; fazla mesai yalnızca çalışılan günlere yazılır"
    )
    driver.type_cell(0, 1, "q")
    assert message.get() == "Bilinmeyen kod: q"
    assert cells(services) == {}
    try:
        services.timesheets.codes.parse_entry("x+20")
    except Exception as exc:  # noqa: BLE001 - the error the grid words
        english = Strings("en").error(exc)
    assert english == "x+20: more than 16 hours of overtime in one day"


def test_switching_months_leaves_no_stale_columns_rows_or_locks(services, drive):
    emp = services.records["employees"]
    staff(services)
    late = emp.create(
        ANKARA,
        {
            "sicil_no": "9",
            "first_name": "Yeni",
            "last_name": "Gelen",
            "hire_date": "16.03.2026",
        },
    )
    driver = drive(services)
    driver.login("ankara1")
    sheet = driver.window.grid_view.sheet
    presenter = driver.window.grid_view.p
    for month in ("2026-03", "2026-02", "2026-04", "2026-03", "2026-04"):
        open_month(driver, month)
        headers = [h.text for h in presenter.headers()]
        assert len(sheet.MT.col_positions) - 1 == len(headers), month
        assert sheet.headers() == headers, month
        assert len(sheet.MT.row_positions) - 1 == len(presenter.grid.employees)
    # February has no "Yeni Gelen" (hired in March): two rows, and three in April
    open_month(driver, "2026-02")
    assert len(sheet.MT.row_positions) - 1 == 2
    # in March his first half was locked; in April his 1st is an ordinary day
    open_month(driver, "2026-03")
    open_month(driver, "2026-04")
    row = [e["id"] for e in presenter.grid.employees].index(late)
    driver.type_cell(row, 0, "x")
    assert cells(services)[(late, "2026-04-01")] == ("X", None)


def test_a_new_employee_appears_in_the_grid_at_once(services, drive):
    staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver, "2026-11")
    sheet = driver.window.grid_view.sheet
    assert len(sheet.MT.row_positions) - 1 == 2
    notebook = driver.window.notebook
    notebook.select(1)  # Çalışanlar
    driver.root.update()
    form = driver.window.record_views["employees"].add()
    driver.root.update()
    form.vars["sicil_no"].set("3")
    form.vars["first_name"].set("Yeni")
    form.vars["last_name"].set("Gelen")
    form.vars["hire_date"].set("02.11.2026")
    form.save_button.invoke()
    driver.root.update()
    notebook.select(0)  # back to Puantaj
    driver.root.update()
    assert len(sheet.MT.row_positions) - 1 == 3
    assert any("Yeni Gelen" in str(name) for name in sheet.row_index())


def test_fill_month_asks_fills_up_to_today_and_undo_survives_a_sync(services, drive):
    """Issue 15: "Ayı doldur" asks first, never fills a future day (today is
    2 December 2026 here), is one undoable step, and the undo history survives
    the reload a sync causes (a cell the sync changed meanwhile is left alone)."""
    from puantaj.sync.report import SyncReport
    from puantaj.sync.scheduler import SyncEvent

    a, b = staff(services)
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver, "2026-12")
    grid = driver.window.grid_view
    driver.answers.append(False)  # No: nothing is written
    grid.fill_button.invoke()
    driver.root.update()
    assert driver.asked == [
        "Aralık 2026 ayının boş günleri bugüne (02.12.2026) kadar doldurulsun mu?\n"
        "İş günlerine X, hafta tatiline HT, bayramlara GT yazılır. Geri alınabilir"
        " (Ctrl+Z)."
    ]
    assert cells(services) == {}
    grid.fill_button.invoke()  # Yes
    driver.root.update()
    filled = {(e, d): ("X", None) for e in (a, b) for d in ("2026-12-01", "2026-12-02")}
    assert cells(services) == filled  # 3 December on is not known yet
    # another PC's change arrives by sync and the grid reloads
    services.timesheets.write(
        Session("ankara2", "clerk", "Ankara"),
        [Edit(b, dt.date(2026, 12, 1), "R")],
    )
    driver.app.pump.post(SyncEvent("finished", report=SyncReport(pulled=1)))
    driver.app.pump.drain()
    driver.root.update()
    sheet = grid.sheet
    assert sheet.get_cell_data(1, 0) == "R"  # reloaded
    mt = sheet.MT
    mt.focus_force()
    driver.root.update()
    mt.event_generate("<Control-z>")
    driver.root.update()
    assert cells(services) == {(b, "2026-12-01"): ("R", None)}
    assert driver.window.status.message.get() == (
        "Geri alındı: 3 hücre — 1 hücre o arada değişmiş (eşitleme): onlara dokunulmadı"
    )
    assert sheet.get_cell_data(0, 0) == ""
    mt.event_generate("<Control-Shift-Z>")  # redo
    driver.root.update()
    assert cells(services) == {**filled, (b, "2026-12-01"): ("R", None)}


def drawn_heading(sheet, column: int) -> list[str]:
    """The lines tksheet drew in a column's heading (one text item a line)."""
    ch, mt = sheet.CH, sheet.MT
    left, right = mt.col_positions[column], mt.col_positions[column + 1]
    items = [
        item
        for item in ch.find_all()
        if ch.type(item) == "text"
        and ch.itemcget(item, "state") != "hidden"
        and left <= ch.coords(item)[0] <= right
    ]
    items.sort(key=lambda item: ch.coords(item)[1])
    return [ch.itemcget(item, "text") for item in items]


def test_headings_break_between_words_and_explain_themselves(services, drive):
    """Issue 15: "Çalışıla n", "SGK gü n", "Eksik k odu" no more; a short heading
    and a cut-off name say the whole on hover."""
    staff(services)
    emp = services.records["employees"]
    emp.create(
        ANKARA,
        {
            "sicil_no": "12345",
            "first_name": "Muhammed Mustafa Abdurrahman",
            "last_name": "Karaosmanoğlu-Büyükçekmeceli",
            "hire_date": "01.01.2026",
        },
    )
    driver = drive(services)
    driver.login("ankara1")
    open_month(driver)
    grid = driver.window.grid_view
    sheet = grid.sheet
    days = grid.p.day_count
    sheet.see(0, len(grid.p.headers()) - 1)  # the totals on screen
    sheet.redraw()
    driver.root.update()
    for c, header in enumerate(grid.p.headers()[days:], start=days):
        lines = drawn_heading(sheet, c)
        # every line holds whole words, and all of them are there
        assert " ".join(lines).split() == header.text.split(), (header.text, lines)
    # hovering a totals heading shows what it means
    worked = days  # the first totals column
    ch = sheet.CH
    x = int(sheet.MT.col_positions[worked] - ch.canvasx(0) + 5)
    ch.event_generate("<Motion>", x=x, y=5)
    driver.wait_for(lambda: grid.header_tip.text is not None, timeout_s=5)
    assert grid.header_tip.text == "Çalışılan gün"
    ch.event_generate("<Leave>")
    driver.root.update()
    assert grid.header_tip.text is None
    # a name longer than the index column: the whole on hover; a short one: none
    ri = sheet.RI
    names = grid.p.index()
    long_row = next(r for r, n in enumerate(names) if "Karaosmanoğlu" in n)
    y = int(sheet.MT.row_positions[long_row] - ri.canvasy(0) + 5)
    ri.event_generate("<Motion>", x=5, y=y)
    driver.wait_for(lambda: grid.name_tip.text is not None, timeout_s=5)
    assert grid.name_tip.text == names[long_row]
    ri.event_generate("<Leave>")
    short_row = next(r for r, n in enumerate(names) if "Ad0" in n)
    y = int(sheet.MT.row_positions[short_row] - ri.canvasy(0) + 5)
    ri.event_generate("<Motion>", x=5, y=y)
    driver.root.update()
    assert grid.name_tip._tip_at(_Event(5, y)) is None


class _Event:
    def __init__(self, x: int, y: int) -> None:
        self.x, self.y = x, y


def test_the_month_picker_speaks_in_words_and_reaches_any_month(services, drive):
    from puantaj.ui.i18n import Strings
    from puantaj.ui.views.month_picker import MonthPicker

    staff(services)
    driver = drive(services)
    driver.login("ankara1")
    grid = driver.window.grid_view
    picker = grid.picker
    assert picker.label.get() == "Aralık 2026"  # the services' today
    assert (grid.p.grid.year, grid.p.grid.month) == (2026, 12)
    values = list(picker.box["values"])
    assert values[0] == "Aralık 2025" and values[-1] == "Aralık 2027"
    picker.prev_button.invoke()
    driver.root.update()
    assert picker.label.get() == "Kasım 2026"
    assert (grid.p.grid.year, grid.p.grid.month) == (2026, 11)
    for _ in range(30):  # back past the list's first month
        picker.prev_button.invoke()
    driver.root.update()
    assert picker.label.get() == "Mayıs 2024"
    assert (grid.p.grid.year, grid.p.grid.month) == (2024, 5)
    picker.box.current(list(picker.box["values"]).index("Şubat 2024"))
    picker.box.event_generate("<<ComboboxSelected>>")
    driver.root.update()
    assert grid.month.get() == "2024-02"
    assert grid.p.day_count == 29  # a leap February
    picker.next_button.invoke()
    driver.root.update()
    assert picker.label.get() == "Mart 2024"
    english = MonthPicker(driver.root, "2026-12", Strings("en"), lambda: None)
    assert english.label.get() == "December 2026"
