"""Reddedilenler: the rows the server refused, with why and what to do."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from puantaj.services.refusals import RefusalService
from puantaj.ui.statusbar import local_time

COLUMNS = (
    ("table", 110),
    ("subject", 220),
    ("reason", 170),
    ("advice", 420),
    ("at", 120),
)


class RefusalsDialog(tk.Toplevel):
    """A modal list; reads the service once when opened."""

    def __init__(self, parent: tk.Misc, service: RefusalService, strings) -> None:
        super().__init__(parent)
        self.t = strings
        self.title(strings("refusal.title"))
        self.transient(parent.winfo_toplevel())
        frame = ttk.Frame(self, padding=8)
        frame.pack(fill="both", expand=True)
        ttk.Label(frame, text=strings("refusal.title"), font="TkHeadingFont").pack(
            anchor="w"
        )
        self.tree = ttk.Treeview(
            frame, columns=[c for c, _ in COLUMNS], show="headings", height=12
        )
        for name, width in COLUMNS:
            self.tree.heading(name, text=strings(f"refusal.col.{name}"))
            self.tree.column(name, width=width, anchor="w")
        self.tree.pack(fill="both", expand=True, pady=6)
        self.detail = tk.StringVar()
        ttk.Label(frame, textvariable=self.detail, wraplength=900).pack(anchor="w")
        close = ttk.Button(frame, text=strings("dialog.close"), command=self.destroy)
        close.pack(anchor="e")
        self.bind("<Return>", lambda _e: self.destroy())
        self.bind("<Escape>", lambda _e: self.destroy())
        self.tree.bind("<<TreeviewSelect>>", self._show_detail)
        self._rows = service.list()
        self._fill()
        close.focus_set()
        self.grab_set()

    def _fill(self) -> None:
        if not self._rows:
            self.detail.set(self.t("refusal.none"))
        for n, row in enumerate(self._rows):
            self.tree.insert(
                "",
                "end",
                iid=str(n),
                values=(
                    self.t(f"table.{row.table}"),
                    row.subject,
                    self.t(f"reason.{row.reason}"),
                    self.t(row.advice),
                    local_time(row.rejected_at),
                ),
            )

    def _show_detail(self, _event=None) -> None:
        chosen = self.tree.selection()
        if chosen:
            row = self._rows[int(chosen[0])]
            reason = self.t(f"reason.{row.reason}")
            self.detail.set(f"{reason}: {self.t.refusal_detail(row.detail)}")
