"""The month picker: ◀ "Aralık 2026" ▶, reaching any month."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

AROUND = 12  # months listed before and after the one shown


def shift_month(key: str, months: int) -> str:
    """The month key (YYYY-MM) `months` after `key` (before, when negative)."""
    year, month = (int(x) for x in key.split("-"))
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class MonthPicker(ttk.Frame):
    """A month shown in words with ◀ ▶ beside it; the list holds the two years
    around the month shown, so every month is in reach (issue 15).

    `month` holds the key (YYYY-MM) that the rest of the window reads and sets;
    `on_change` runs after the user picks or steps to another month."""

    def __init__(
        self, parent: tk.Misc, key: str, strings, on_change: Callable[[], None]
    ) -> None:
        super().__init__(parent)
        self.t = strings
        self._on_change = on_change
        self.month = tk.StringVar(value=key)
        self.label = tk.StringVar()
        self.prev_button = ttk.Button(
            self, text="◀", width=2, command=lambda: self.step(-1)
        )
        self.box = ttk.Combobox(
            self, textvariable=self.label, width=14, state="readonly"
        )
        self.next_button = ttk.Button(
            self, text="▶", width=2, command=lambda: self.step(1)
        )
        for widget in (self.prev_button, self.box, self.next_button):
            widget.pack(side="left", padx=1)
        self.box.bind("<<ComboboxSelected>>", lambda _e: self._chosen())
        self.month.trace_add("write", lambda *_: self._show())
        self._listed: list[str] = []
        self._show()

    def name(self, key: str) -> str:
        """2026-12 → "Aralık 2026" ("December 2026" in English)."""
        year, month = key.split("-")
        return f"{self.t(f'month.{int(month)}')} {year}"

    def _show(self) -> None:
        key = self.month.get()
        self.label.set(self.name(key))
        self._listed = [shift_month(key, n) for n in range(-AROUND, AROUND + 1)]
        self.box["values"] = [self.name(k) for k in self._listed]

    def _chosen(self) -> None:
        chosen = self.box.current()
        if 0 <= chosen < len(self._listed):
            self.month.set(self._listed[chosen])
        self._on_change()

    def step(self, months: int) -> None:
        """Show the month `months` after (before) the one shown."""
        self.month.set(shift_month(self.month.get(), months))
        self._on_change()
