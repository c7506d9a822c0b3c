"""Çalışanlar: the list with each one's leave year, and leaving with an exit date."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.core.datetext import day_text
from puantaj.core.numbers import format_number
from puantaj.errors import PuantajError
from puantaj.services.employees import EmployeeService
from puantaj.ui.modal import make_modal
from puantaj.ui.views.records import RecordsView


class EmployeesView(RecordsView):
    """Deactivating asks for the exit date and keeps the months worked; undoable."""

    def __init__(self, parent: tk.Misc, people: EmployeeService, *args, **kw) -> None:
        self._people = people
        super().__init__(parent, *args, **kw)

    def extra(self) -> list[tuple[str, str, int]]:
        return [
            ("leave_days", self.t("leave.entitled"), 70),
            ("leave_used", self.t("leave.used"), 70),
            ("leave_left", self.t("leave.left"), 70),
        ]

    def extra_values(self, rows: list[dict]) -> dict[str, list[str]]:
        balances = self._people.balances(self._session)
        out = {}
        for row in rows:
            balance = balances.get(row["id"])
            if balance is None:
                out[row["id"]] = ["", "", ""]
                continue
            out[row["id"]] = [
                str(balance.year.entitlement),
                format_number(balance.used),
                format_number(balance.remaining),
            ]
        return out

    def is_passive(self, row: dict) -> bool:
        return not self._people.is_active(row)

    def deactivate(self) -> ExitDialog | None:
        """Ask for the exit date; the employee stays in every month worked."""
        row = self.selected()
        if row is None or self.is_passive(row):
            return None
        return ExitDialog(self, self._people, row, self.t, self._confirm, self.saved)

    def restore(self) -> None:
        row = self.selected()
        if row is None or not self.is_passive(row):
            return
        exit_date = (
            dt.date.fromisoformat(row["exit_date"]) if row["exit_date"] else None
        )
        text = self.t(
            "employee.restore_confirm",
            name=self.name(row),
            exit=day_text(exit_date) if exit_date else "—",
        )
        if not self._confirm(text):
            return
        try:
            self._people.reactivate(self._session, row["id"])
        except PuantajError as exc:
            self._status(self.t.error(exc))
        self.saved()

    def name(self, row: dict) -> str:
        return f"{row['first_name']} {row['last_name']} ({row['sicil_no']})"


class ExitDialog(tk.Toplevel):
    """The exit date, what it changes, and a confirmation that names the person."""

    def __init__(
        self,
        view: EmployeesView,
        people: EmployeeService,
        row: dict,
        strings,
        confirm: Callable[[str], bool],
        on_done: Callable[[], None],
    ) -> None:
        super().__init__(view)
        self.t, self._people, self._row = strings, people, row
        self._view, self._confirm, self._on_done = view, confirm, on_done
        self.title(strings("employee.exit_title"))
        body = ttk.Frame(self, padding=12)
        body.pack(fill="both", expand=True)
        ttk.Label(
            body,
            text=strings("employee.exit_ask", name=view.name(row)),
            wraplength=380,
        ).grid(row=0, column=0, columnspan=2, sticky="w", pady=(0, 8))
        ttk.Label(body, text=strings("f.exit_date")).grid(row=1, column=0, sticky="e")
        self.exit_date = tk.StringVar(value=day_text(dt.date.today()))
        entry = ttk.Entry(body, textvariable=self.exit_date, width=14)
        entry.grid(row=1, column=1, sticky="w", padx=4)
        self.error = tk.StringVar()
        ttk.Label(
            body, textvariable=self.error, foreground="#b00", wraplength=380
        ).grid(row=2, column=0, columnspan=2, pady=6)
        buttons = ttk.Frame(body)
        buttons.grid(row=3, column=0, columnspan=2, sticky="e")
        self.ok_button = ttk.Button(
            buttons, text=strings("list.deactivate"), command=self.save
        )
        self.ok_button.pack(side="left", padx=4)
        ttk.Button(buttons, text=strings("dialog.cancel"), command=self.destroy).pack(
            side="left"
        )
        make_modal(self, entry, self.save)

    def save(self) -> bool:
        """Check the date, confirm what it changes, then set it; False if not."""
        session = self._view._session
        try:
            preview = self._people.preview_exit(
                session, self._row["id"], self.exit_date.get()
            )
        except PuantajError as exc:
            self.error.set(self.t.error(exc))
            return False
        day = day_text(preview.exit_date)
        text = self.t("employee.exit_confirm", name=self._view.name(self._row), day=day)
        if preview.coded_after:
            first = day_text(preview.first_after)
            text += "\n" + self.t(
                "employee.exit_coded", n=preview.coded_after, first=first
            )
        if not self._confirm(text):
            return False
        try:
            self._people.deactivate(session, self._row["id"], preview.exit_date)
        except PuantajError as exc:
            self.error.set(self.t.error(exc))
            return False
        self.destroy()
        self._on_done()
        return True
