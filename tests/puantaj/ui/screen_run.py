"""Runs the desktop on $DISPLAY, opens each tab and reports where things landed.

    python -m tests.puantaj.ui.screen_run HOME OUT.json SHOTS_DIR PREFIX

Started by test_theme.py on an Xvfb server of a given DPI. It logs in as
ankara1 on a month with staff, and for the grid tab and the status bar writes
their on-screen boxes to OUT.json; each tab is screenshot into SHOTS_DIR.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tkinter as tk
from pathlib import Path
from tkinter import font as tkfont

from puantaj.app import build_desktop
from puantaj.services.session import Session
from puantaj.ui.dialogs import Dialogs
from tests.conftest import make_services

ANKARA = Session("ankara1", "clerk", "Ankara")
NAMES = ("Ayşe Yılmaz", "Mehmet Öztürk", "Gülşen Çağlar", "İsmail Işık")
VEHICLES = (
    ("06 ABC 123", "commercial", "Ford", "Transit", "15.12.2026"),
    ("06 DEF 45", "private", "Renault", "Clio", "20.03.2027"),
)
TABS = {"grid": 0, "employees": 1, "vehicles": 2, "reports": 5, "settings": 6}


def box(widget: tk.Misc) -> list[int]:
    """x, y, width, height on the screen."""
    return [
        widget.winfo_rootx(),
        widget.winfo_rooty(),
        widget.winfo_width(),
        widget.winfo_height(),
    ]


def seed(services) -> None:
    services.users.seed_demo()
    people = services.records["employees"]
    for i in range(12):
        first, last = NAMES[i % len(NAMES)].split()
        people.create(
            ANKARA,
            {
                "sicil_no": str(100 + i),
                "first_name": first,
                "last_name": last,
                "hire_date": "01.01.2025",
            },
        )
    ts = services.timesheets
    ts.fill_month(ANKARA, ts.load_month(ANKARA, "Ankara", 2026, 11))
    fleet = services.records["vehicles"]
    for plate, kind, make, model, due in VEHICLES:
        fleet.create(
            ANKARA,
            {
                "plate": plate,
                "vehicle_type": kind,
                "make": make,
                "model": model,
                "insurance_expiry": due,
            },
        )


def last_column(sheet) -> dict:
    """Scroll to the grid's last column and say where it is."""
    positions = sheet.MT.col_positions
    last = len(positions) - 2
    sheet.see(row=0, column=last, redraw=True)
    sheet.update_idletasks()
    left = sheet.MT.canvasx(0)
    return {
        "column": [positions[-2], positions[-1]],
        "view": [left, left + sheet.MT.winfo_width()],
        "table": box(sheet.MT),
    }


def weekday_fit(grid) -> list[str]:
    """The day headers whose text is wider than their column."""
    sheet = grid.sheet
    header = tkfont.Font(font=sheet.header_font())
    widths = sheet.get_column_widths()
    cut = []
    for c in range(grid.p.day_count):
        text = sheet.headers(index=c)
        widest = max(header.measure(line) for line in str(text).split("\n"))
        if widest + 4 > widths[c]:
            cut.append(f"{text!r}: {widest}px text in {widths[c]}px")
    return cut


def main(home: str, out: str, shots: str, prefix: str) -> None:
    services = make_services(Path(home))
    seed(services)
    root = tk.Tk()
    answers = Dialogs(lambda _t: True, lambda *_a: None, lambda: None)
    app = build_desktop(root, services, demo=True, dialogs=answers)
    root.update()
    login = app.login
    login.username.set("ankara1")
    login.password.set("demo1234")
    shot(root, shots, f"{prefix}-01-login")
    login.submit.invoke()
    root.update()
    window = app.window
    grid = window.grid_view
    grid.month.set("2026-11")
    grid.reload()
    root.update()
    report = {
        "screen": [root.winfo_screenwidth(), root.winfo_screenheight()],
        "dpi": root.winfo_fpixels("1i"),
        "window": box(root),
        "status": box(window.status),
        "status_req": window.status.winfo_reqheight(),
        "cut_headers": weekday_fit(grid),
        "last_column": last_column(grid.sheet),
    }
    root.update()
    for name, index in TABS.items():
        window.notebook.select(index)
        root.update()
        shot(root, shots, f"{prefix}-{name}")
    Path(out).write_text(json.dumps(report), encoding="utf-8")
    app.close()
    services.store.close()


def shot(root: tk.Tk, folder: str, name: str) -> None:
    root.update()
    Path(folder).mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["import", "-window", "root", str(Path(folder) / f"{name}.png")], check=True
    )


if __name__ == "__main__":
    main(*sys.argv[1:5])
