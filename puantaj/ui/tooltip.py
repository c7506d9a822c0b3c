"""Hover tips on a canvas: a small window near the pointer after a short wait."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

DELAY_MS = 500


class HoverTip:
    """Shows `tip_at(event)` (None: no tip there) while the pointer rests on
    `widget`. One Tk timer at a time; nothing runs while the pointer is away."""

    def __init__(
        self, widget: tk.Misc, tip_at: Callable[[tk.Event], str | None]
    ) -> None:
        self._widget = widget
        self._tip_at = tip_at
        self._text: str | None = None
        self._timer: str | None = None
        self.window: tk.Toplevel | None = None
        widget.bind("<Motion>", self._moved, add="+")
        widget.bind("<Leave>", lambda _e: self.hide(), add="+")
        widget.bind("<ButtonPress>", lambda _e: self.hide(), add="+")
        widget.bind("<Destroy>", lambda _e: self.hide(), add="+")

    @property
    def text(self) -> str | None:
        """The tip shown now (None when none is)."""
        return self._text if self.window is not None else None

    def _moved(self, event: tk.Event) -> None:
        text = self._tip_at(event)
        if text == self._text and (self.window is not None or self._timer):
            return
        self.hide()
        self._text = text
        if text:
            x, y = event.x_root + 12, event.y_root + 18
            self._timer = self._widget.after(DELAY_MS, self.show, text, x, y)

    def show(self, text: str, x: int, y: int) -> None:
        """Show `text` at screen position (x, y) now."""
        self._cancel()
        if self.window is not None:
            self.window.destroy()
        self._text = text
        self.window = tk.Toplevel(self._widget)
        self.window.wm_overrideredirect(True)
        self.window.wm_geometry(f"+{x}+{y}")
        tk.Label(
            self.window,
            text=text,
            justify="left",
            background="#ffffe0",
            relief="solid",
            borderwidth=1,
            padx=4,
            pady=2,
            wraplength=420,
        ).pack()

    def hide(self) -> None:
        self._cancel()
        if self.window is not None:
            self.window.destroy()
            self.window = None

    def _cancel(self) -> None:
        if self._timer is not None:
            self._widget.after_cancel(self._timer)
            self._timer = None
