"""UI responsiveness: open a month of 500 employees, one cell edit, and the longest
main-thread stall while a 100k-row sync runs in the background. Real Tk (starts Xvfb
when there is no display), real server process on 127.0.0.1.

    .venv/bin/python bench/ui_bench.py [--employees 500] [--rows 100000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tkinter as tk
from pathlib import Path

from puantaj.app import build_desktop, build_services
from puantaj.config import load_settings
from puantaj.services.session import Session
from puantaj.sync.scheduler import SyncEvent
from puantaj.ui.dialogs import Dialogs
from puantaj.ui.sheet_cells import flush_redraw


def ensure_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    if not shutil.which("Xvfb"):
        raise SystemExit("no DISPLAY and no Xvfb")
    proc = subprocess.Popen(
        ["Xvfb", ":87", "-screen", "0", "1400x900x24"], stderr=subprocess.DEVNULL
    )
    os.environ["DISPLAY"] = ":87"
    time.sleep(1)
    return proc


def make_app(home: Path, url: str = "", token: str = ""):
    env = {"PUANTAJ_SYNC_URL": url, "PUANTAJ_SYNC_TOKEN": token} if url else {}
    services = build_services(load_settings(env=env, flags={"home": str(home)}))
    if not services.users.has_users():
        services.users.seed_demo()
    root = tk.Tk()
    root.geometry("1280x760+0+0")
    answers = Dialogs(lambda _t: True, lambda _s: None, lambda: None)
    app = build_desktop(root, services, demo=True, dialogs=answers)
    return services, root, app


def login(app, root, user: str) -> None:
    app.login.username.set(user)
    app.login.password.set("demo1234")
    app.login.submit.invoke()
    root.update()


def type_code(root: tk.Tk, key: str, move: str) -> float:
    """Type a one-letter code into the selected cell and press `move`; return the
    ms until Tk is idle again (editor opened, code stored, grid redrawn)."""
    t0 = time.perf_counter()
    for keysym in (key, move):
        root.focus_get().event_generate("<KeyPress>", keysym=keysym, when="tail")
        root.update()
    return (time.perf_counter() - t0) * 1000


def gauge() -> None:
    """How fast this machine is right now (this VM's speed drifts between runs):
    a fixed amount of Python and of Tk canvas work, best of 5."""
    root = tk.Tk()
    canvas = tk.Canvas(root, width=400, height=300)
    canvas.pack()
    items = [
        canvas.create_text(i % 40 * 10, i // 40 * 12, text="X") for i in range(1000)
    ]
    root.update()
    python, tk_calls = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        sum(i * i for i in range(200_000))
        python.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        for item in items:
            canvas.itemconfigure(item, text="Y")
        root.update()
        tk_calls.append((time.perf_counter() - t0) * 1000)
    root.destroy()
    print(
        f"machine gauge: {min(python):.1f} ms of Python, {min(tk_calls):.1f} ms for "
        f"1,000 canvas item changes (lower is faster; compare runs by these)"
    )


def time_reloads(view, root: tk.Tk, runs: int = 5) -> list[float]:
    """ms to load the grid's month and draw it, `runs` times."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        view.reload()
        root.update()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def spread(times: list[float]) -> str:
    ordered = sorted(times)
    return (
        f"median {statistics.median(ordered):.1f} ms, p90 "
        f"{ordered[int(len(ordered) * 0.9)]:.1f} ms, max {ordered[-1]:.1f} ms"
    )


def open_month(employees: int) -> None:
    home = Path(tempfile.mkdtemp(prefix="ui-bench-"))
    services, root, app = make_app(home)
    clerk = Session("ankara1", "clerk", "Ankara")
    [
        services.records["employees"].create(
            clerk,
            {
                "sicil_no": str(i),
                "first_name": f"Ad{i}",
                "last_name": f"Soyad{i}",
                "hire_date": "01.01.2026",
            },
        )
        for i in range(employees)
    ]
    grid = services.timesheets.load_month(clerk, "Ankara", 2026, 3)
    services.timesheets.fill_month(clerk, grid)
    login(app, root, "ankara1")
    view = app.window.grid_view
    view.month.set("2026-03")
    times = time_reloads(view, root)
    print(
        f"open a month of {employees} employees ({employees * 31:,} cells): "
        f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, "
        f"max {max(times):.0f}, 5 runs)"
    )
    sheet = view.sheet
    handler_ms: list[float] = []
    original = view._modified

    def timed(event) -> None:  # our part of an edit: validate, write, totals
        t = time.perf_counter()
        original(event)
        handler_ms.append((time.perf_counter() - t) * 1000)

    view.sheet.bound_events["<<SheetModified>>"] = [timed]
    edits = []
    for n in range(60):
        row, column = (n * 37) % employees, (n * 11) % 28
        sheet.select_cell(row, column)
        sheet.see(row, column, bottom_right_corner=False)  # not on the bottom edge
        flush_redraw(
            sheet
        )  # getting there (a click, scrolling) is not part of the edit
        sheet.MT.focus_force()
        root.update()
        edits.append(type_code(root, "r" if n % 2 else "x", "Return"))
    print(
        f"cell edit, anywhere in the month (keystroke → validated, stored, totals "
        f"and colours redrawn): {spread(edits)} ({len(edits)} edits); of which "
        f"Puantaj's handler (store write + totals): {spread(handler_ms)}"
    )
    # a clerk entering whole rows: code, Tab (or →), code, Tab … over all 31 days
    for first, move in ((0, "Tab"), (3, "Right")):
        typing, turns = [], 0
        for row in range(first, first + 3):
            sheet.select_cell(row, 0)
            sheet.see(row, 0)
            flush_redraw(sheet)
            root.update()
            for day in range(31):
                view_before = sheet.MT.xview()
                typing.append(type_code(root, "x" if (row + day) % 3 else "r", move))
                turns += sheet.MT.xview() != view_before
        print(
            f"cell edit, typing whole rows (code + {move}, {len(typing)} edits): "
            f"{spread(typing)}; {turns} of them scrolled the grid a page"
        )
    app.close()


def stall_during_sync(rows: int) -> None:
    from common import servers
    from sync_bench import generate

    folder = Path(tempfile.mkdtemp(prefix="ui-sync-"))
    env = servers.sqlite_env(folder)
    server = servers.start(env)
    try:
        token = env.tokens(["*"])["*"]
        services, root, app = make_app(folder / "desk", server.url, token)
        generate(services, rows)
        login(app, root, "admin")
        app.controller.stop()  # measure one sync started by hand, not the schedule
        gaps, seconds, report, when = _run_sync(root, app)
        print(
            f"main-thread stall during a background sync of {rows:,} rows "
            f"({report.state}, pushed {report.pushed:,} in {seconds:.1f} s): "
            f"longest {max(gaps):.0f} ms, p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.0f} ms "
            f"over {len(gaps)} ticks of 10 ms"
        )
        worst = sorted(zip(gaps, when, strict=True), reverse=True)[:3]
        print(
            "  worst stalls at "
            + ", ".join(f"{g:.0f} ms @ {w:.2f} s" for g, w in worst)
        )
        app.close()
    finally:
        server.stop()


def resident_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def admin_pull(rows: int, open_grid: bool) -> None:
    """An admin desktop's first sync of a server holding `rows` timesheet rows
    (FILL_STAFF employees). The server is filled and started here; the desktop
    runs in a process of its own that imports nothing but the app, so its
    resident memory is the app's (admin_desk)."""
    from common import servers
    from sync_bench import fill_server

    folder = Path(tempfile.mkdtemp(prefix="ui-admin-"))
    env = servers.sqlite_env(folder)
    env.cli("migrate")
    fill_server(env.home / "server.db", rows)
    server = servers.start(env)
    try:
        token = env.tokens(["*"])["*"]
        desk = [sys.executable, __file__, "--admin-desk", server.url, token]
        desk += [str(folder / "desk"), str(rows), "grid" if open_grid else "-"]
        subprocess.run(desk, check=True)
    finally:
        server.stop()


def admin_desk(url: str, token: str, home: Path, rows: int, open_grid: bool) -> None:
    """The admin's window: one sync started by hand (the longest main-thread
    stall while the rows arrive, the resident memory after) and, with
    `open_grid`, how long a month of a region takes to open."""
    services, root, app = make_app(home, url, token)
    login(app, root, "admin")
    app.controller.stop()
    gaps, seconds, report, _ = _run_sync(root, app)
    print(
        f"admin's first sync of {rows:,} rows ({report.state}, pulled "
        f"{report.pulled:,} in {seconds:.1f} s): longest main-thread stall "
        f"{max(gaps):.0f} ms, p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.0f} ms "
        f"over {len(gaps)} ticks of 10 ms; resident memory after "
        f"{resident_mb():.0f} MB"
    )
    if open_grid:
        view = app.window.grid_view
        view.region.set("Ankara")
        view.month.set("2020-03")  # fill_server's days start on 1.1.2020
        times = time_reloads(view, root)
        shown = len(view.sheet.get_sheet_data())
        print(
            f"  then a month of Ankara ({shown:,} employees) opens in median "
            f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max "
            f"{max(times):.0f}, 5 runs); resident memory {resident_mb():.0f} MB"
        )
    app.close()


def _run_sync(root: tk.Tk, app) -> tuple[list[float], float, object, list[float]]:
    """Start one sync by hand and tick every 10 ms on the Tk thread until it
    finishes; returns each tick's lateness (ms), the seconds, the report and
    when each tick came (s)."""
    done: list = []
    app.pump.subscribe(
        lambda m: (
            done.append(m)
            if isinstance(m, SyncEvent) and m.kind == "finished"
            else None
        )
    )
    gaps: list[float] = []
    when: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000 - 10)
        when.append(now - t0)
        last[0] = now
        if not done:
            root.after(10, tick)

    t0 = last[0] = time.perf_counter()
    app.controller.sync_now()
    root.after(10, tick)
    while not done:
        root.update()
        app.pump.wait(0.01)
    return gaps, time.perf_counter() - t0, done[0].report, when


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=500)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--admin-only", type=int, help="only the admin's first sync")
    parser.add_argument("--admin-desk", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.admin_desk:  # the desktop's own process (admin_pull starts it)
        url, token, home, rows, grid = args.admin_desk
        xvfb = ensure_display()
        try:
            admin_desk(url, token, Path(home), int(rows), grid == "grid")
        finally:
            if xvfb:
                xvfb.terminate()
        return
    if args.admin_only is not None:
        admin_pull(args.admin_only, open_grid=True)
        return
    xvfb = ensure_display()
    try:
        gauge()
        open_month(args.employees)
        stall_during_sync(args.rows)
        admin_pull(args.rows, open_grid=False)
        admin_pull(args.big, open_grid=True)
    finally:
        if xvfb:
            xvfb.terminate()


if __name__ == "__main__":
    main()
