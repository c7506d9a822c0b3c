"""The import screen and background exports, driven in a real Tk window (issue 14)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl

from puantaj.config import documents_dir
from puantaj.services.session import Session
from puantaj.services.timesheets import Edit
from puantaj.sync.controller import unsent
from puantaj.ui.jobs import JobDone, JobProgress
from tests.puantaj.services.test_importer import BAD_TC, GOOD_TC, add_known

ANKARA = Session("ankara1", "clerk", "Ankara")


def known_employee(services) -> str:
    return add_known(services, ANKARA)


def office_xlsx(path):
    """An office's sheet whose name column has a heading we do not know."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["ANKARA ŞUBESİ KASIM 2026 PUANTAJI"])
    ws.append(["Sicil No", "TC Kimlik No", "Çalışan", "İşe Giriş", *range(1, 31)])
    ws.append(["0042", GOOD_TC, "İsmail Işıkoğlu", None, "HT", "x", "Ç+2,5"])
    ws.append(["0099", None, "Ayşe Yağmur Doğan", "03.11.2026", None, None, "1"])
    ws.append(["0100", BAD_TC, "Kötü Tc", "01.01.2020", "X"])
    ws.append(["0101", None, "Bilinmeyen Kod", "01.01.2020", "Q"])
    ws.append(["0102", None, "Erken Gün", "10.11.2026", "X"])
    for row in ws.iter_rows(min_row=3, max_col=1):
        row[0].number_format = "@"
    book.save(path)
    return path


def open_import(driver, path):
    """Raporlar → November → the import button, answering the file question."""
    reports = driver.window.reports_view
    driver.window.notebook.select(reports)
    driver.root.update()
    reports.month.set("2026-11")
    reports.refresh()
    driver.app.dialogs.open_sheet = lambda: path
    reports.import_button.invoke()
    driver.wait_for(lambda: reports.files.dialog is not None)
    return reports, reports.files.dialog


def press(driver, widget, keysym: str) -> None:
    widget.focus_force()
    driver.root.update()
    widget.event_generate("<KeyPress>", keysym=keysym, when="tail")
    driver.root.update()


def shown(dialog) -> dict[str, tuple]:
    rows = [dialog.tree.item(i, "values") for i in dialog.tree.get_children()]
    return {row[1]: row for row in rows}


def sicils(services) -> list[str]:
    with services.store.connection() as conn:
        return sorted(
            r[0]
            for r in conn.execute(
                "SELECT sicil_no FROM employees WHERE region = 'Ankara' AND deleted = 0"
            )
        )


def test_mapping_adjusted_dry_run_shown_then_one_undoable_import(
    services, drive, tmp_path
):
    emp = known_employee(services)
    driver = drive(services)
    driver.login("ankara1")
    queued = unsent(services.store)[0]
    reports, dialog = open_import(driver, office_xlsx(tmp_path / "ofis.xlsx"))
    # "Çalışan" was not recognised: the new person has no name, so is refused
    name_box = dialog.combos[2]
    assert name_box.get() == "— (alınmaz)"
    assert dialog.combos[0].get() == "Sicil no" and dialog.combos[4].get() == "Gün 1"
    assert shown(dialog)["0099"][3] == "Reddedildi"
    # the clerk names the column, and the shown dry run goes stale until re-run
    name_box.set("Ad soyad")
    name_box.event_generate("<<ComboboxSelected>>")
    driver.root.update()
    assert "yeniden deneyin" in dialog.summary.get()
    assert dialog.apply_button.instate(["disabled"])
    press(driver, dialog.apply_button, "Return")  # Enter: the dry run again
    driver.wait_for(lambda: "Deneme" in dialog.summary.get())
    rows = shown(dialog)
    assert rows["0042"][3] == "Değişecek" and rows["0099"][3] == "Eklenecek"
    assert rows["0100"][3] == "Reddedildi" and "TC kimlik no hatalı" in rows["0100"][4]
    assert "bilinmeyen kod 'Q'" in rows["0101"][4]
    assert "çalışma tarihleri dışında" in rows["0102"][4]
    assert rows["0042"][0] == "3"  # the sheet's row, as Excel shows it
    assert dialog.summary.get() == (
        "Deneme, hiçbir şey yazılmadı: 1 eklenecek, 1 değişecek, 0 aynı, 3 reddedildi."
    )
    driver.shot("15-import")
    assert sicils(services) == ["0042"]  # nothing written before the confirmation
    press(driver, dialog.apply_button, "Return")  # Enter again: import
    driver.wait_for(lambda: not dialog.winfo_exists())
    assert "İçe aktarıldı (Ankara — Kasım 2026): 1 yeni personel, 3 gün" in (
        driver.window.status.message.get()
    )
    assert sicils(services) == ["0042", "0099"]
    grid = services.timesheets.load_month(ANKARA, "Ankara", 2026, 11)
    assert grid.cell(emp, dt.date(2026, 11, 3)).overtime_hours == 2.5
    # it syncs like typed data: the rows wait in the outgoing queue
    assert unsent(services.store)[0] > queued
    with services.store.connection() as conn:
        sources = {r[0] for r in conn.execute("SELECT source FROM audit_log")}
    assert "import" in sources
    # one step takes the whole import back, but not what was typed since
    services.timesheets.write(ANKARA, [Edit(emp, dt.date(2026, 11, 4), "R")])
    services.timesheets.write(ANKARA, [Edit(emp, dt.date(2026, 11, 1), "Yİ")])
    assert reports.undo_import_button.instate(["!disabled"])
    reports.undo_import_button.invoke()
    driver.wait_for(lambda: "geri alındı" in driver.window.status.message.get())
    assert driver.window.status.message.get().endswith(
        "1 hücre o arada değişmişti: olduğu gibi bırakıldı."
    )
    assert "Kasım 2026" in driver.asked[-1]
    assert sicils(services) == ["0042"]
    grid = services.timesheets.load_month(ANKARA, "Ankara", 2026, 11)
    assert grid.cell(emp, dt.date(2026, 11, 3)).code is None
    assert grid.cell(emp, dt.date(2026, 11, 2)).code == "X"  # as it was
    assert grid.cell(emp, dt.date(2026, 11, 1)).code == "Yİ"  # typed since
    assert grid.cell(emp, dt.date(2026, 11, 4)).code == "R"
    assert reports.undo_import_button.instate(["disabled"])


def test_escape_cancels_a_csv_import_and_writes_nothing(services, drive, tmp_path):
    known_employee(services)
    path = tmp_path / "office.csv"  # Turkish Excel: ';' and Windows-1254
    path.write_bytes(
        "Employee No;National ID;First name;Surname;Hire date;1;2\r\n"
        '="0042";10000000146;İsmail;Işıkoğlu;;HT;X\r\n'
        "0077;;Şükrü;Güneş;01.11.2026;X;X\r\n".encode("cp1254")
    )
    driver = drive(services)
    driver.login("ankara1")
    _reports, dialog = open_import(driver, path)
    rows = shown(dialog)
    assert rows["0077"][2] == "Şükrü Güneş" and rows["0077"][3] == "Eklenecek"
    assert dialog.combos[2].get() == "Ad" and dialog.combos[3].get() == "Soyad"
    driver.root.update()
    assert dialog.grab_current() is dialog  # modal: the window behind waits
    assert driver.root.focus_get() is dialog.apply_button
    press(driver, dialog.apply_button, "Escape")
    assert not dialog.winfo_exists()
    assert sicils(services) == ["0042"]


def test_a_locked_month_is_refused_row_by_row_and_cannot_be_imported(
    services, drive, tmp_path
):
    known_employee(services)
    services.reports.move(Session("admin", "admin", "*"), "Ankara", "2026-11", "lock")
    driver = drive(services)
    driver.login("ankara1")
    _reports, dialog = open_import(driver, office_xlsx(tmp_path / "ofis.xlsx"))
    assert {row[3] for row in shown(dialog).values()} == {"Reddedildi"}
    assert "ay kapalı" in shown(dialog)["0042"][4]
    assert dialog.apply_button.instate(["disabled"])
    press(driver, dialog.apply_button, "Return")  # nothing to write
    assert dialog.summary.get() == "Yazılacak satır yok."


def test_exports_run_on_a_worker_with_the_company_from_settings(
    services, drive, tmp_path
):
    known_employee(services)
    driver = drive(services)
    driver.login("ankara1")
    settings = driver.window.settings_view
    assert settings.exports_dir.get() == str(documents_dir())  # the default
    settings.company.set("Örnek Lojistik A.Ş.")
    settings.save_button.invoke()
    assert services.settings.company == "Örnek Lojistik A.Ş."
    assert services.settings.exports_dir == ""  # Documents, wherever it is
    settings.exports_dir.set(str(tmp_path / "bordro"))
    settings.save_button.invoke()
    assert services.settings.export_folder == tmp_path / "bordro"
    seen: list[object] = []
    driver.app.pump.subscribe(seen.append)
    reports = driver.window.reports_view
    driver.window.notebook.select(reports)
    driver.root.update()  # (opening the tab takes the Puantaj tab's month)
    reports.month.set("2026-11")
    path = reports.export_xlsx()
    # the Tk thread has not handled a message yet: the bar shows it is busy
    assert reports.files.progress.winfo_manager() == "pack"
    driver.wait_for(lambda: reports.files.exported == path)
    names = [(type(m), m.name) for m in seen if isinstance(m, JobProgress | JobDone)]
    assert names == [(JobProgress, "export"), (JobDone, "export")]
    assert reports.files.progress.winfo_manager() == ""
    assert driver.window.status.message.get() == f"Dışa aktarıldı: {path}"
    header = openpyxl.load_workbook(path)["Ankara"]["A2"].value
    assert "Örnek Lojistik A.Ş." in header and "Kasım 2026" in header
    driver.app.dialogs.save_path = lambda suffix, name: tmp_path / name
    signing = reports.export_signing()
    assert signing == tmp_path / "Imza_Ankara_2026-11.pdf"
    driver.wait_for(lambda: reports.files.exported == signing)
    assert signing.read_bytes().startswith(b"%PDF")


def test_the_import_screen_speaks_english_on_request(services, drive, tmp_path):
    known_employee(services)
    services.settings = dataclasses.replace(services.settings, language="en")
    driver = drive(services)
    driver.login("ankara1")
    _reports, dialog = open_import(driver, office_xlsx(tmp_path / "office.xlsx"))
    assert dialog.combos[0].get() == "Sicil no" and dialog.combos[4].get() == "Day 1"
    rows = shown(dialog)
    assert rows["0100"][3] == "Refused"
    assert rows["0100"][4] == (  # the name column is not recognised yet
        f"bad TC no (checksum): {BAD_TC}; new employee: first and last name needed"
    )
    assert rows["0042"][4] == "2 days to write"
    assert dialog.summary.get() == (
        "Dry run, nothing written: 0 created, 1 changed, 0 left alone, 4 refused."
    )


def test_the_admin_exports_every_region_with_a_step_per_region(
    services, drive, tmp_path
):
    known_employee(services)
    services.records["employees"].create(
        Session("istanbul1", "clerk", "İstanbul"),
        {
            "sicil_no": "0001",
            "first_name": "Şule",
            "last_name": "Güneş",
            "hire_date": "01.01.2025",
        },
    )
    driver = drive(services)
    driver.login("admin")
    seen: list[object] = []
    driver.app.pump.subscribe(seen.append)
    reports = driver.window.reports_view
    driver.window.notebook.select(reports)
    driver.root.update()
    reports.month.set("2026-11")
    path = reports.export_payroll()
    assert str(reports.files.progress.cget("mode")) == "determinate"
    driver.wait_for(lambda: reports.files.exported == path)
    n = len(driver.window.regions())  # every region this PC knows (demo: four)
    steps = [(m.done, m.of) for m in seen if isinstance(m, JobProgress)]
    assert n > 1 and steps == [(i, n) for i in range(1, n + 1)]
    sheet = openpyxl.load_workbook(path).active
    heads = [c.value for c in sheet[1]]
    regions = {
        r[heads.index("Bölge")] for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert regions == {"Ankara", "İstanbul"}
