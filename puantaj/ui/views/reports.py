"""Raporlar: the month's totals per employee, exports, submit / approve / lock."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import ttk

from puantaj.errors import PuantajError
from puantaj.services.export import ExportService
from puantaj.services.reports import ReportService
from puantaj.services.session import Session
from puantaj.services.timesheets import month_key
from puantaj.ui.presenters.grid import TOTALS, GridPresenter


class ReportsView(ttk.Frame):
    """Reads the month chosen on the grid tab (month and region getters)."""

    def __init__(
        self,
        parent: tk.Misc,
        session: Session,
        reports: ReportService,
        exports: ExportService,
        strings,
        month: Callable[[], tuple[int, int]],
        region: Callable[[], str],
        regions: Callable[[], list[str]],
        ask_path: Callable[[str], Path | None],
        show_status: Callable[[str], None],
    ) -> None:
        super().__init__(parent, padding=6)
        self._session, self._reports, self._exports = session, reports, exports
        self.t = strings
        self._month, self._region, self._regions = month, region, regions
        self._ask_path = ask_path
        self._status = show_status
        bar = ttk.Frame(self)
        bar.pack(fill="x")
        self.state = tk.StringVar()
        ttk.Label(bar, textvariable=self.state, width=30).pack(side="left")
        ttk.Button(
            bar, text=strings("reports.submit"), command=lambda: self.move("submit")
        ).pack(side="left", padx=2)
        if session.is_admin:
            for action in ("approve", "lock", "unlock"):
                ttk.Button(
                    bar,
                    text=strings(f"reports.{action}"),
                    command=lambda a=action: self.move(a),
                ).pack(side="left", padx=2)
            ttk.Label(bar, text=strings("reports.reason")).pack(
                side="left", padx=(8, 2)
            )
            self.reason = tk.StringVar()
            ttk.Entry(bar, textvariable=self.reason, width=24).pack(side="left")
        ttk.Button(bar, text=strings("reports.xlsx"), command=self.export_xlsx).pack(
            side="right", padx=2
        )
        ttk.Button(bar, text=strings("reports.csv"), command=self.export_csv).pack(
            side="right", padx=2
        )
        headings = {
            "sicil": strings("f.sicil_no"),
            "name": strings("reports.name"),
            **{key: strings(key) if key.startswith("tot.") else key for key in TOTALS},
        }
        self.tree = ttk.Treeview(
            self, columns=list(headings), show="headings", height=16
        )
        for name, text in headings.items():
            self.tree.heading(name, text=text)
            self.tree.column(name, width=180 if name == "name" else 70)
        self.tree.pack(fill="both", expand=True, pady=4)

    def refresh(self) -> None:
        year, month = self._month()
        region = self._region()
        if not region:
            return
        status = self._reports.status(region, month_key(year, month))
        self.state.set(self.t("reports.status", status=self.t.value(status.status)))
        self.tree.delete(*self.tree.get_children())
        for grid in self._exports.grids(self._session, [region], year, month):
            for employee in grid.employees:
                values = GridPresenter.totals_row(grid.totals[employee["id"]])
                self.tree.insert(
                    "",
                    "end",
                    iid=employee["id"],
                    values=(
                        employee["sicil_no"],
                        f"{employee['first_name']} {employee['last_name']}",
                        *values,
                    ),
                )

    def move(self, action: str) -> None:
        year, month = self._month()
        reason = self.reason.get() if self._session.is_admin else ""
        try:
            self._reports.move(
                self._session, self._region(), month_key(year, month), action, reason
            )
        except PuantajError as exc:
            self._status(self.t.error(exc))
        self.refresh()

    def _scope(self) -> list[str]:
        return self._regions() if self._session.is_admin else [self._session.region]

    def export_xlsx(self) -> Path | None:
        return self._export(".xlsx", self._exports.to_xlsx)

    def export_csv(self) -> Path | None:
        return self._export(".csv", self._exports.to_csv)

    def _export(self, suffix: str, writer) -> Path | None:
        path = self._ask_path(suffix)
        if not path:
            return None
        year, month = self._month()
        try:
            written = writer(self._session, self._scope(), year, month, Path(path))
        except (PuantajError, OSError) as exc:
            self._status(self.t.error(exc))
            return None
        self._status(self.t("reports.exported", path=written))
        return written
