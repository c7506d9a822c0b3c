"""The desktop's look: the Sun Valley theme, with fonts and sizes that follow the DPI.

Sizes written in the views are pixels at 96 dpi (Windows' 100 %); `scaled` turns
them into this screen's pixels. Fonts are set in points, which Tk scales itself
once `tk scaling` matches the screen.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

import sv_ttk

log = logging.getLogger(__name__)

BASE_DPI = 96.0  # the DPI the views' pixel sizes are written for
FONT_PT = 10  # a readable default: Windows' 9 pt is small over a long day of codes
# Tk's named fonts, all at the default size (the heading one bold)
TK_FONTS = ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkCaptionFont")
# sv-ttk's fonts are in pixels at 96 dpi (negative sizes); these are the same in
# points, so they grow with the screen's DPI like every other text
SUN_VALLEY_PT = {
    "SunValleyCaptionFont": 9,
    "SunValleyBodyFont": FONT_PT,
    "SunValleyBodyStrongFont": FONT_PT,
    "SunValleyBodyLargeFont": 13,
    "SunValleySubtitleFont": 15,
    "SunValleyTitleFont": 21,
    "SunValleyTitleLargeFont": 30,
    "SunValleyDisplayFont": 50,
}


def make_dpi_aware() -> None:
    """On Windows, draw in real pixels; without it the system stretches a blurry
    96 dpi bitmap and Tk never learns the screen's DPI. Call before tk.Tk()."""
    if sys.platform != "win32":
        return
    import ctypes

    try:
        ctypes.windll.shcore.SetProcessDpiAwareness(1)  # system DPI aware
    except (AttributeError, OSError):  # before Windows 8.1
        with contextlib.suppress(AttributeError, OSError):
            ctypes.windll.user32.SetProcessDPIAware()


def screen_dpi(widget: tk.Misc) -> float:
    """The screen's dots per inch, as Tk measures them."""
    return float(widget.winfo_fpixels("1i"))


def scaled(widget: tk.Misc, pixels: float) -> int:
    """`pixels` at 96 dpi, in this screen's pixels."""
    return round(pixels * screen_dpi(widget) / BASE_DPI)


def apply_theme(root: tk.Tk) -> float:
    """Scale Tk to the screen's DPI and put on the light Sun Valley theme with
    readable fonts; returns the scale factor against 96 dpi."""
    dpi = screen_dpi(root)
    root.tk.call("tk", "scaling", dpi / 72.0)  # points follow the screen
    sv_ttk.set_theme("light", root)
    family = tkfont.nametofont("TkDefaultFont", root).actual("family")
    if sys.platform == "win32":
        family = "Segoe UI"
    for name in TK_FONTS:
        tkfont.nametofont(name, root).configure(family=family, size=FONT_PT)
    tkfont.nametofont("TkHeadingFont", root).configure(
        family=family, size=FONT_PT, weight="bold"
    )
    for name, points in SUN_VALLEY_PT.items():
        weight = "bold" if "Strong" in name or "Title" in name else "normal"
        with contextlib.suppress(tk.TclError):  # an older sv-ttk without it
            tkfont.nametofont(name, root).configure(
                family=family, size=points, weight=weight
            )
    _size_styles(root)
    scale = dpi / BASE_DPI
    log.info("screen at %.0f dpi: sizes scaled %.2f×", dpi, scale)
    return scale


def _size_styles(root: tk.Tk) -> None:
    """Row heights and paddings that the theme gives in pixels, scaled."""
    style = ttk.Style(root)
    body = tkfont.nametofont("SunValleyBodyFont", root)
    style.configure("Treeview", rowheight=body.metrics("linespace") + scaled(root, 8))
    style.configure("Heading", font="TkHeadingFont")
    style.configure("TNotebook.Tab", padding=(scaled(root, 12), scaled(root, 4)))
    style.configure(
        "TButton",
        padding=(scaled(root, 10), scaled(root, 3), scaled(root, 10), scaled(root, 4)),
    )
    style.configure(
        "TEntry",
        padding=(scaled(root, 6), scaled(root, 2), scaled(root, 4), scaled(root, 3)),
    )


def scale_pixels(top: tk.Misc) -> None:
    """The pixel sizes views write for 96 dpi under `top` (list column widths,
    wrap lengths), scaled to this screen; each widget once, so calling it again
    after more widgets were added is safe."""
    factor = screen_dpi(top) / BASE_DPI
    if abs(factor - 1) < 0.05:
        return
    pending = [top]
    while pending:
        widget = pending.pop()
        pending.extend(widget.winfo_children())
        if getattr(widget, "_puantaj_scaled", False):
            continue
        widget._puantaj_scaled = True  # type: ignore[attr-defined]
        if isinstance(widget, ttk.Treeview):
            for column in ("#0", *widget["columns"]):
                width = int(widget.column(column, "width"))
                widget.column(column, width=round(width * factor))
        elif "wraplength" in widget.keys():  # noqa: SIM118 - Tk options
            wrap = widget.cget("wraplength")
            if str(wrap).isdigit() and int(str(wrap)) > 0:
                widget.configure(wraplength=round(int(str(wrap)) * factor))
