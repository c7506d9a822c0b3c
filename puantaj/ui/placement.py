"""Where the main window opens: at its remembered size and place, else maximised."""

from __future__ import annotations

import contextlib
import re
import tkinter as tk

_GEOMETRY = re.compile(r"^(\d+)x(\d+)\+(-?\d+)\+(-?\d+)$")  # as wm geometry gives it
MIN_W, MIN_H = 640, 400  # at 96 dpi: smaller than this is a window lost, not chosen
EDGE = 16  # at 96 dpi: how far past the screen's edge an invisible border may reach


def place(root: tk.Tk, remembered: str) -> None:
    """Open at `remembered` ("WxH+X+Y", from the settings) when it fits on this
    screen; otherwise, or when it is empty, maximised."""
    if remembered and fits(root, remembered):
        root.geometry(remembered)
        return
    maximise(root)


def fits(root: tk.Tk, geometry: str) -> bool:
    """True when the whole window lies on the (virtual) screen at a usable size."""
    match = _GEOMETRY.match(geometry)
    if match is None:
        return False
    w, h, x, y = (int(g) for g in match.groups())
    screen_w, screen_h = root.winfo_vrootwidth(), root.winfo_vrootheight()
    scale = root.winfo_fpixels("1i") / 96.0
    edge = EDGE * scale  # Windows 10 puts a window at the left edge at x = -8
    return (
        MIN_W * scale <= w <= screen_w + 2 * edge
        and MIN_H * scale <= h <= screen_h + 2 * edge
        and -edge <= x <= screen_w - w + edge
        and -edge <= y <= screen_h - h + edge
    )


def maximise(root: tk.Tk) -> None:
    """Fill the screen: the window manager's maximised state where there is one,
    and the screen's size in any case (a bare X server has no window manager)."""
    root.geometry(f"{root.winfo_screenwidth()}x{root.winfo_screenheight()}+0+0")
    if root.tk.call("tk", "windowingsystem") == "x11":
        # a window manager without the maximised state keeps the screen's size
        with contextlib.suppress(tk.TclError):
            root.attributes("-zoomed", True)
    else:
        root.state("zoomed")


def remembered(root: tk.Tk) -> str:
    """What to store at closing: the geometry, or "" when maximised (it opens
    maximised again, on whatever screen it then finds)."""
    if root.state() == "zoomed" or _covers_screen(root):
        return ""
    return root.geometry()


def _covers_screen(root: tk.Tk) -> bool:
    """Maximised on X11: the state says so and the window is (about) the screen's
    size; without a window manager the state is never cleared, so size decides."""
    if root.tk.call("tk", "windowingsystem") != "x11":
        return False
    large = (
        root.winfo_width() >= 0.9 * root.winfo_screenwidth()
        and root.winfo_height() >= 0.85 * root.winfo_screenheight()
    )
    return large and bool(int(root.attributes("-zoomed")))
