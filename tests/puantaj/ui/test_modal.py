"""Dialogs typed at with real key events: modal, first field focused, Enter
submits, Escape cancels; longer text in a multi-line box; titled lists; the
password cleared after a failed login (issue 15)."""

from __future__ import annotations

import tkinter as tk

from puantaj.services.session import Session
from puantaj.ui.views.records import RecordDialog
from puantaj.ui.views.users import PasswordDialog

ANKARA = Session("ankara1", "clerk", "Ankara")
KEYSYMS = {
    " ": "space",
    ".": "period",
    "ı": "idotless",
    "ç": "ccedilla",
    "ü": "udiaeresis",
}


def press(root: tk.Tk, keysym: str, state: int = 0) -> None:
    """One key, to whatever has the focus (as the keyboard would send it)."""
    root.focus_get().event_generate("<KeyPress>", keysym=keysym, state=state)
    root.update()


def type_text(root: tk.Tk, text: str) -> None:
    for ch in text:
        press(root, KEYSYMS.get(ch, ch), state=1 if ch.isupper() else 0)


def dialog_of(view, kind):
    (dialog,) = [w for w in view.winfo_children() if isinstance(w, kind)]
    return dialog


def vehicles(services) -> list[dict]:
    return services.records["vehicles"].list(ANKARA)


def test_a_record_form_is_modal_typed_at_and_submitted_with_enter(services, drive):
    driver = drive(services)
    driver.login("ankara1")
    root, view = driver.root, driver.window.record_views["vehicles"]
    driver.window.notebook.select(2)
    view.add()
    root.update()
    form = dialog_of(view, RecordDialog)
    assert form.grab_current() is form  # clicks elsewhere go nowhere
    assert str(form.transient()) == str(root)
    assert root.focus_get() is form.widgets["plate"]
    x, width = form.winfo_rootx(), form.winfo_width()  # over the middle of the window
    assert (
        root.winfo_rootx() < x and x + width < root.winfo_rootx() + root.winfo_width()
    )
    type_text(root, "06 ABC 123")
    form.vars["vehicle_type"].set("Ticari")  # a read-only list: picked, not typed
    press(root, "Tab")
    press(root, "Tab")
    assert root.focus_get() is form.widgets["make"]
    type_text(root, "Ford")
    press(root, "Return")
    assert not form.winfo_exists()
    (row,) = vehicles(services)
    assert (row["plate"], row["vehicle_type"], row["make"]) == (
        "06 ABC 123",
        "commercial",
        "Ford",
    )
    assert view.tree.get_children() == (row["id"],)
    # Escape cancels: nothing is written
    view.add()
    root.update()
    form = dialog_of(view, RecordDialog)
    type_text(root, "34 XY 99")
    press(root, "Escape")
    assert not form.winfo_exists()
    assert len(vehicles(services)) == 1
    assert root.grab_current() is None


def test_a_fault_description_takes_several_lines(services, drive):
    services.records["vehicles"].create(
        ANKARA, {"plate": "06 ABC 123", "vehicle_type": "commercial"}
    )
    driver = drive(services)
    driver.login("ankara1")
    root, view = driver.root, driver.window.record_views["vehicle_faults"]
    driver.window.notebook.select(4)
    view.add()
    root.update()
    form = dialog_of(view, RecordDialog)
    assert root.focus_get() is form.widgets["vehicle_id"]
    form.vars["vehicle_id"].set("06 ABC 123")
    press(root, "Tab")
    type_text(root, "01.12.2026")
    box = form.widgets["description"]
    assert isinstance(box, tk.Text)
    box.focus_force()
    root.update()
    type_text(root, "Fren sesi")
    press(root, "Return")  # a new line, not the form's Enter
    assert form.winfo_exists()
    type_text(root, "balata bitmis")
    driver.shot("20-fault-description")
    press(root, "Return", state=4)  # Ctrl+Enter saves
    assert not form.winfo_exists(), form.error.get()
    (fault,) = services.records["vehicle_faults"].list(ANKARA)
    assert fault["description"] == "Fren sesi\nbalata bitmis"
    assert fault["fault_date"] == "2026-12-01"
    # the list shows it on one line
    assert view.tree.set(fault["id"], "description") == "Fren sesi balata bitmis"


def test_the_password_form_submits_once_with_enter(services, drive):
    driver = drive(services)
    driver.login("ankara1")
    root = driver.root
    status = driver.window.status
    dialog = PasswordDialog(status, services.users, ANKARA, driver.window.t, "ankara1")
    root.update()
    assert dialog.grab_current() is dialog
    assert root.focus_get() is dialog.body.grid_slaves(row=0, column=1)[0]
    type_text(root, "demo1234")
    press(root, "Tab")
    type_text(root, "yeniparola9")
    press(root, "Tab")
    type_text(root, "yeniparola9")
    press(root, "Return")
    assert dialog.done and not dialog.winfo_exists()
    assert services.users.login("ankara1", "yeniparola9").username == "ankara1"


def test_a_failed_login_clears_the_password_and_asks_again(services, drive):
    driver = drive(services)
    root, login = driver.root, driver.app.login
    assert root.focus_get() is login.entries["login.user"]
    type_text(root, "ankara1")
    press(root, "Tab")
    assert root.focus_get() is login.entries["login.password"]
    type_text(root, "yanlis")
    press(root, "Return")
    assert driver.window is None
    assert login.error.get() == "Kullanıcı adı ya da parola yanlış"
    assert login.password.get() == ""
    assert root.focus_get() is login.entries["login.password"]
    assert login.username.get() == "ankara1"  # kept: only the password is retyped
    type_text(root, "demo1234")
    press(root, "Return")
    assert driver.window is not None


def test_every_list_has_a_title(services, drive):
    driver = drive(services)
    driver.login("ankara1")
    titles = {}
    for table, view in driver.window.record_views.items():
        first = view.pack_slaves()[0]
        titles[table] = first.cget("text")
    assert titles == {
        "employees": "Çalışan listesi",
        "vehicles": "Araç listesi",
        "drivers": "Sürücü listesi",
        "vehicle_faults": "Arızalar",
        "vehicle_inspections": "Muayeneler ve ölçümler",
    }


def test_the_exit_date_dialog_is_typed_at_and_escape_leaves_it_undone(services, drive):
    people = services.records["employees"]
    ayse = people.create(
        ANKARA,
        {
            "sicil_no": "1",
            "first_name": "Ayse",
            "last_name": "Kaya",
            "hire_date": "01.01.2025",
        },
    )
    driver = drive(services)
    driver.login("ankara1")
    root, view = driver.root, driver.window.record_views["employees"]
    driver.window.notebook.select(1)
    root.update()
    view.tree.selection_set(ayse)
    dialog = view.deactivate()
    root.update()
    assert dialog.grab_current() is dialog
    entry = root.focus_get()
    assert str(entry.cget("textvariable")) == str(dialog.exit_date)
    press(root, "Escape")
    assert not dialog.winfo_exists()
    assert people.get(ANKARA, ayse)["exit_date"] is None
    dialog = view.deactivate()
    root.update()
    entry = root.focus_get()
    entry.delete(0, "end")
    type_text(root, "30.11.2026")
    press(root, "Return")
    assert not dialog.winfo_exists()
    assert driver.asked[-1].startswith("Ayse Kaya (1) 30.11.2026 tarihiyle")
    assert people.get(ANKARA, ayse)["exit_date"] == "2026-11-30"


def test_the_admins_code_form_is_typed_at_and_saved_with_enter(services, drive):
    driver = drive(services)
    driver.login("admin")
    root, tables = driver.root, driver.window.tables_view
    driver.window.notebook.select(tables)
    form = tables.edit_code(None)
    root.update()
    assert form.grab_current() is form
    assert root.focus_get() is form.widgets["code"]
    type_text(root, "GI")
    press(root, "Tab")
    type_text(root, "Gorevli izin")
    form.vars["kind"].set("Mazeret izni")  # a read-only list: picked, not typed
    form.vars["worked"].set("0")
    form.vars["paid"].set("1")
    form.widgets["label_tr"].focus_force()
    press(root, "Return")
    assert not form.winfo_exists(), form.error.get()
    assert tables.codes.item("GI", "values")[:3] == (
        "GI",
        "Gorevli izin",
        "Mazeret izni",
    )
