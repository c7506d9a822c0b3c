"""The fleet's due list: overdue red, due within 30 days amber, unknown dates '—'."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.core.datetext import day_text
from puantaj.services.fleet import FleetService
from puantaj.services.session import Session

COLORS = {"overdue": "#f4b6b6", "soon": "#ffe1a8", "unknown": "#eeeeee"}


class DueList(ttk.LabelFrame):
    """Redrawn by `refresh()`: the window calls it after every edit of a vehicle
    or an inspection and after every sync that brought rows."""

    def __init__(
        self,
        parent: tk.Misc,
        fleet: FleetService,
        session: Session,
        strings,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent, text=strings("list.due"), padding=4)
        self._fleet, self._session, self.t, self._today = fleet, session, strings, today
        self.tree = ttk.Treeview(
            self, show="headings", height=6, columns=("plate", "what", "due", "days")
        )
        for name, key in (
            ("plate", "f.plate"),
            ("what", "due.what"),
            ("due", "due.date"),
            ("days", "due.days"),
        ):
            self.tree.heading(name, text=strings(key))
        for state, color in COLORS.items():
            self.tree.tag_configure(state, background=color)
        self.tree.pack(fill="both", expand=True)

    def refresh(self) -> None:
        today = self._today()
        self.tree.delete(*self.tree.get_children())
        for n, item in enumerate(self._fleet.due_within(self._session, 30, today)):
            left = item.days_left(today)
            self.tree.insert(
                "",
                "end",
                iid=str(n),
                values=(
                    item.plate,
                    self.t.value(item.what),
                    day_text(item.due) if item.due else "—",
                    "—" if left is None else str(left),
                ),
                tags=(item.state(today),),
            )
