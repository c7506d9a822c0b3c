"""What the month's checks found: each item jumps to its cell; submit from here."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.core.datetext import day_text
from puantaj.core.monthcheck import ERROR, Finding, shown_values
from puantaj.services.monthcheck import MonthCheck
from puantaj.ui.modal import make_modal


def month_label(strings, year: int, month: int) -> str:
    """'Ocak 2026' / 'January 2026'."""
    return f"{strings(f'month.{month}')} {year}"


def finding_text(strings, finding: Finding) -> str:
    return strings(f"check.{finding.kind}", **shown_values(finding.values))


class MonthCheckDialog(tk.Toplevel):
    """The findings of one region's month; with `submit`, the way to send it."""

    def __init__(
        self,
        parent: tk.Misc,
        check: MonthCheck,
        strings,
        on_jump: Callable[[Finding], None],
        confirm: Callable[[str], bool],
        submit: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.t, self.check, self._on_jump = strings, check, on_jump
        self._confirm, self._submit = confirm, submit
        grid = check.grid
        self.where = f"{grid.region} — {month_label(strings, grid.year, grid.month)}"
        self.title(strings("check.title", where=self.where))
        body = ttk.Frame(self, padding=8)
        body.pack(fill="both", expand=True)
        errors, warnings = len(check.errors), len(check.warnings)
        self.summary = tk.StringVar(
            value=strings("check.summary", errors=errors, warnings=warnings)
            if check.findings
            else strings("check.none")
        )
        ttk.Label(
            body, textvariable=self.summary, font=("TkDefaultFont", 10, "bold")
        ).pack(anchor="w")
        self.tree = ttk.Treeview(
            body, show="headings", columns=("severity", "who", "day", "what"), height=12
        )
        for name, width in (("severity", 70), ("who", 200), ("day", 90), ("what", 500)):
            self.tree.heading(name, text=strings(f"check.col.{name}"))
            self.tree.column(name, width=width, stretch=name == "what")
        self.tree.tag_configure(ERROR, foreground="#b00000")
        for n, finding in enumerate(check.findings):
            self.tree.insert(
                "",
                "end",
                iid=str(n),
                values=(
                    strings(f"check.{finding.severity}"),
                    check.who(finding) or strings("check.everyone"),
                    day_text(finding.day) if finding.day else "",
                    finding_text(strings, finding),
                ),
                tags=(finding.severity,),
            )
        self.tree.pack(fill="both", expand=True, pady=6)
        self.tree.bind("<Double-1>", lambda _e: self.jump())
        self.tree.bind("<Return>", lambda _e: self.jump())
        ttk.Label(body, text=strings("check.hint"), foreground="#555").pack(anchor="w")
        buttons = ttk.Frame(body)
        buttons.pack(fill="x", pady=(6, 0))
        ttk.Button(buttons, text=strings("dialog.close"), command=self.destroy).pack(
            side="right"
        )
        self.submit_button = None
        if submit is not None:
            self.submit_button = ttk.Button(
                buttons, text=strings("reports.submit"), command=self.send
            )
            self.submit_button.pack(side="right", padx=4)
            if errors:
                self.submit_button.state(["disabled"])
                ttk.Label(
                    buttons, text=strings("check.fix_first"), foreground="#b00000"
                ).pack(side="left")
        first = next(iter(self.tree.get_children()), "")
        if first:  # Enter shows the first finding's cell, arrows move on
            self.tree.focus(first)
            self.tree.selection_set(first)
        # no grab: the clerk fixes each finding on the grid with the list open
        make_modal(self, self.tree, None, grab=False)

    def jump(self, index: int | None = None) -> Finding | None:
        """Show the chosen finding's cell on the grid."""
        if index is None:
            chosen = self.tree.focus() or next(iter(self.tree.selection()), "")
            if not chosen:
                return None
            index = int(chosen)
        finding = self.check.findings[index]
        self._on_jump(finding)
        return finding

    def send(self) -> bool:
        """Submit once the user confirms the region, the month and the warnings."""
        if self._submit is None or self.check.errors:
            return False
        text = self.t("check.confirm", where=self.where)
        if self.check.warnings:
            text += "\n" + self.t("check.confirm_warnings", n=len(self.check.warnings))
        if not self._confirm(text):
            return False
        if self._submit():
            self.destroy()
            return True
        return False
