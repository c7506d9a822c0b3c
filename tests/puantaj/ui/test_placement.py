"""The window opens maximised, then where it was left (issue 15)."""

from __future__ import annotations

import json
import tkinter as tk

from puantaj.app import build_desktop
from puantaj.ui import placement
from puantaj.ui.dialogs import Dialogs
from tests.conftest import make_services


def reopen(home):
    """A second start of the app on the same home, in a fresh Tk."""
    services = make_services(home)
    root = tk.Tk()
    app = build_desktop(
        root,
        services,
        demo=True,
        dialogs=Dialogs(lambda _t: True, lambda *_a: None, lambda: None),
    )
    root.update()
    return services, root, app


def test_first_maximised_then_at_the_remembered_size_and_place(services, drive):
    driver = drive(services)
    root = driver.root
    screen = (root.winfo_screenwidth(), root.winfo_screenheight())
    assert (root.winfo_width(), root.winfo_height()) == screen
    driver.login("ankara1")
    root.geometry("900x600+40+30")
    root.update()
    home = services.settings.home
    driver.app.close()
    stored = json.loads(services.settings.settings_path.read_text(encoding="utf-8"))
    assert stored["window_geometry"] == "900x600+40+30"
    again, root2, app2 = reopen(home)
    try:
        assert root2.geometry() == "900x600+40+30"
        # a place that no longer exists (a second monitor unplugged): maximised
        root2.geometry(f"900x600+{screen[0] + 100}+0")
        root2.update()
        app2.close()
        stored = json.loads(again.settings.settings_path.read_text(encoding="utf-8"))
        assert stored["window_geometry"] == f"900x600+{screen[0] + 100}+0"
        _third, root3, app3 = reopen(home)
        assert (root3.winfo_width(), root3.winfo_height()) == screen
        app3.close()
        _third.store.close()
    finally:
        again.store.close()


def test_a_maximised_window_is_remembered_as_maximised(root):
    placement.maximise(root)
    root.update()
    assert placement.remembered(root) == ""
    root.geometry("800x500+10+10")
    root.update()
    assert placement.remembered(root) == "800x500+10+10"
    assert not placement.fits(root, "100x100+0+0")  # too small to be chosen
    assert not placement.fits(root, "nonsense")
    assert placement.fits(root, "800x500+-8+0")  # Windows' invisible border
    assert not placement.fits(root, "800x500+-300+0")
