"""A real Tk window under Xvfb, driven as a person would."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import tkinter as tk
from pathlib import Path

import pytest

from puantaj.app import build_desktop
from puantaj.ui.desktop_app import DesktopApp
from puantaj.ui.dialogs import Dialogs
from tests.conftest import require

SHOTS = os.environ.get("PUANTAJ_SCREENSHOTS")


@pytest.fixture
def root():
    try:
        window = tk.Tk()
    except tk.TclError as exc:
        require(False, f"no display for Tk ({exc})")
        return
    window.geometry("1280x760+0+0")
    yield window
    # timers left behind would fire in a later test and print Tcl errors there
    for pending in window.tk.splitlist(window.tk.call("after", "info")):
        window.tk.call("after", "cancel", pending)
    with contextlib.suppress(tk.TclError):  # already closed by the test
        window.destroy()


class Driver:
    """Typing, clicking and waiting on a DesktopApp."""

    def __init__(self, app: DesktopApp, root: tk.Tk, shots: Path) -> None:
        self.app, self.root, self.shots = app, root, shots

    @property
    def window(self):
        return self.app.window

    def login(self, user: str, password: str = "demo1234") -> None:
        self.app.login.username.set(user)
        self.app.login.password.set(password)
        self.app.login.submit.invoke()
        self.root.update()

    def type_cell(self, row: int, column: int, text: str) -> None:
        sheet = self.window.grid_view.sheet
        sheet.select_cell(row, column)
        sheet.MT.focus_force()
        self.root.update()
        for ch in text:
            target = self.root.focus_get()
            target.event_generate("<KeyPress>", keysym=_keysym(ch), when="tail")
            self.root.update()
        self.root.focus_get().event_generate("<KeyPress>", keysym="Return", when="tail")
        self.root.update()

    def connect(self, url: str, token: str):
        """Point the app at a sync server on its settings tab (every 60 min);
        returns the settings view."""
        view = self.window.settings_view
        view.url.set(url)
        view.token.set(token)
        view.interval.set("60")
        assert view.save()
        return view

    def wait_for(self, predicate, timeout_s: float = 30) -> None:
        """Handle pump messages (blocking on the queue) until `predicate` holds."""
        deadline = time.monotonic() + timeout_s
        self.root.update()
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("the window never reached the expected state")
            self.app.pump.wait(min(left, 0.5))
            self.root.update()

    def shot(self, name: str) -> Path:
        """Screenshot of the window (docs/screenshots when PUANTAJ_SCREENSHOTS is set)."""
        self.root.update()
        require(shutil.which("import") is not None, "ImageMagick's import is missing")
        folder = Path(SHOTS) if SHOTS else self.shots
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        subprocess.run(
            ["import", "-window", "root", "-crop", self._window_box(), str(path)],
            check=True,
            env={**os.environ},
        )
        assert path.stat().st_size > 1000
        return path

    def _window_box(self) -> str:
        """The window on the screen (maximised: the whole screen), as -crop takes it."""
        r = self.root
        size = f"{r.winfo_width()}x{r.winfo_height()}"
        return f"{size}+{r.winfo_rootx()}+{r.winfo_rooty()}"


def _keysym(ch: str) -> str:
    names = {
        "+": "plus",
        " ": "space",
        ",": "comma",
        "İ": "Iabovedot",
        "ı": "idotless",
        "Ü": "Udiaeresis",
        "ü": "udiaeresis",
        "Ç": "Ccedilla",
        "ç": "ccedilla",
    }
    return names.get(ch, ch)


@pytest.fixture
def drive(root, tmp_path):
    def make(services, demo: bool = True) -> Driver:
        if demo and not services.users.has_users():
            services.users.seed_demo()
        asked: list[str] = []  # every question the window asked
        replies: list[bool] = []  # the next answers (then yes to every question)
        answers = Dialogs(
            confirm=lambda text: (
                asked.append(text) or (replies.pop(0) if replies else True)
            ),
            save_path=lambda suffix, name="": tmp_path / f"export{suffix}",
            choose_backup=lambda: None,
        )
        app = build_desktop(root, services, demo=demo, dialogs=answers)
        root.update()
        driver = Driver(app, root, tmp_path / "shots")
        driver.asked, driver.answers = asked, replies
        return driver

    made: list[Driver] = []

    def factory(services, demo: bool = True) -> Driver:
        driver = make(services, demo)
        made.append(driver)
        return driver

    yield factory
    for driver in made:
        driver.app.controller.stop()
        driver.app.pump.stop()
