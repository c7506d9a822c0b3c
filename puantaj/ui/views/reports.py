"""Raporlar: a month's totals per employee, exports, and the month's lifecycle.

The tab shows the region and month it acts on (it follows the Puantaj tab when
opened, and has its own choosers); submit opens the month's checks, and every
action asks for a confirmation that names the region and the month.
"""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import ttk

from puantaj.core.monthcheck import Finding
from puantaj.errors import PuantajError
from puantaj.services.export import ExportService
from puantaj.services.month_grid import month_key
from puantaj.services.monthcheck import MonthCheckService
from puantaj.services.reports import NEEDS_REASON, ReportService
from puantaj.services.session import Session
from puantaj.services.summary import summary
from puantaj.ui.presenters.grid import TOTALS, totals_row
from puantaj.ui.statusbar import local_time
from puantaj.ui.views.grid import month_choices
from puantaj.ui.views.month_check import MonthCheckDialog, month_label
from puantaj.ui.views.report_files import ReportFiles

ADMIN_ACTIONS = ("approve", "send_back", "lock", "unlock")


class ReportsView(ttk.Frame):
    """The chosen region's month: status, totals, submit / approve / lock."""

    def __init__(
        self,
        parent: tk.Misc,
        session: Session,
        reports: ReportService,
        exports: ExportService,
        checks: MonthCheckService,
        strings,
        regions: Callable[[], list[str]],
        show_status: Callable[[str], None],
        confirm: Callable[[str], bool],
        on_jump: Callable[[str, int, int, Finding], None],
        today: dt.date | None = None,
        files: Callable[[ReportsView, ttk.Frame], ReportFiles] | None = None,
    ) -> None:
        """`files` builds the exports and import over this tab and its top bar
        (the window wires it); without it the tab has no file buttons."""
        super().__init__(parent, padding=6)
        self._session, self._reports, self._exports = session, reports, exports
        self._checks, self.t, self._regions = checks, strings, regions
        self._status = show_status
        self._confirm, self._on_jump = confirm, on_jump
        today = today or dt.date.today()
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text=strings("grid.month")).pack(side="left")
        self.month = tk.StringVar(value=month_key(today.year, today.month))
        box = ttk.Combobox(
            top, textvariable=self.month, width=9, values=month_choices(today)
        )
        box.configure(state="readonly")
        box.pack(side="left", padx=4)
        box.bind("<<ComboboxSelected>>", lambda _e: self.refresh())
        self.region = tk.StringVar(value="" if session.is_admin else session.region)
        if session.is_admin:
            ttk.Label(top, text=strings("grid.region")).pack(side="left", padx=(8, 0))
            self.region_box = ttk.Combobox(
                top, textvariable=self.region, width=14, state="readonly"
            )
            self.region_box.configure(postcommand=self._list_regions)
            self.region_box.pack(side="left", padx=4)
            self.region_box.bind("<<ComboboxSelected>>", lambda _e: self.refresh())
        self.state = tk.StringVar()
        ttk.Label(top, textvariable=self.state).pack(side="left", padx=12)
        self.files = files(self, top) if files else None
        if self.files is not None:
            self._file_buttons(top)
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(4, 0))
        self.submit_button = ttk.Button(
            bar, text=strings("reports.submit"), command=self.open_submit
        )
        self.submit_button.pack(side="left", padx=2)
        self.buttons: dict[str, ttk.Button] = {}
        self.reason = tk.StringVar()
        if session.is_admin:
            for action in ADMIN_ACTIONS:
                button = ttk.Button(
                    bar,
                    text=strings(f"reports.{action}"),
                    command=lambda a=action: self.move(a),
                )
                button.pack(side="left", padx=2)
                self.buttons[action] = button
            ttk.Label(bar, text=strings("reports.reason")).pack(
                side="left", padx=(8, 2)
            )
            ttk.Entry(bar, textvariable=self.reason, width=36).pack(side="left")
        self.note = tk.StringVar()  # a sent-back month's reason, for the clerk
        ttk.Label(self, textvariable=self.note, foreground="#b36200").pack(anchor="w")
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
            self.tree.column(name, width=180 if name == "name" else 64)
        self.tree.pack(fill="both", expand=True, pady=4)

    def _list_regions(self) -> None:
        self.region_box["values"] = self._regions()

    def follow(self, region: str, year: int, month: int) -> None:
        """Take the Puantaj tab's region and month (when this tab is opened)."""
        if self._session.is_admin and region and region != "*":
            self.region.set(region)
        self.month.set(month_key(year, month))
        self.refresh()

    def chosen(self) -> tuple[str, int, int]:
        year, month = (int(x) for x in self.month.get().split("-"))
        return self.region.get(), year, month

    def where(self) -> str:
        """'Ankara — Ocak 2026': what every question names."""
        region, year, month = self.chosen()
        return f"{region} — {month_label(self.t, year, month)}"

    def refresh(self) -> None:
        region, year, month = self.chosen()
        if not region:
            return
        status = self._reports.status(region, month_key(year, month))
        text = self.t("reports.status", status=self.t.value(status.status))
        if status.by:
            text += f" ({status.by}, {local_time(status.at)})" if status.at else ""
        self.state.set(f"{self.where()}: {text}")
        self.note.set(
            self.t("grid.sent_back", by=status.by, reason=status.reason)
            if status.was_sent_back
            else ""
        )
        self.tree.delete(*self.tree.get_children())
        ts = self._checks.timesheets
        for grid in self._exports.grids(self._session, [region], year, month):
            for employee in grid.employees:
                self.tree.insert(
                    "",
                    "end",
                    iid=employee["id"],
                    values=(
                        employee["sicil_no"],
                        f"{employee['first_name']} {employee['last_name']}",
                        *totals_row(summary(ts, grid, employee)),
                    ),
                )

    def open_submit(self) -> MonthCheckDialog | None:
        """Run the month's checks and show them; submitting is done from there."""
        region, year, month = self.chosen()
        if not region:
            return None
        try:
            check = self._checks.run(self._session, region, year, month)
        except PuantajError as exc:
            self._status(self.t.error(exc))
            return None
        return MonthCheckDialog(
            self,
            check,
            self.t,
            lambda f: self._on_jump(region, year, month, f),
            self._confirm,
            submit=lambda: self._apply("submit", ""),
        )

    def move(self, action: str) -> bool:
        """Approve, send back, lock or unlock, once confirmed by region and month."""
        reason = self.reason.get().strip()
        if action in NEEDS_REASON and not reason:
            self._status(self.t(f"reports.{action}_reason"))
            return False
        question = self.t(f"reports.confirm.{action}", where=self.where())
        if reason:
            question += "\n" + self.t("reports.confirm_reason", reason=reason)
        if not self._confirm(question):
            return False
        return self._apply(action, reason)

    def _apply(self, action: str, reason: str) -> bool:
        region, year, month = self.chosen()
        try:
            self._reports.move(
                self._session, region, month_key(year, month), action, reason
            )
        except PuantajError as exc:
            self._status(self.t.error(exc))
            self.refresh()
            return False
        self.reason.set("")
        self._status(self.t(f"reports.done.{action}", where=self.where()))
        self.refresh()
        return True

    def scope(self) -> list[str]:
        """The regions an export covers: all of them for the admin."""
        return self._regions() if self._session.is_admin else [self._session.region]

    def _file_buttons(self, top: ttk.Frame) -> None:
        for key, command in (
            ("reports.xlsx", self.export_xlsx),
            ("reports.payroll", self.export_payroll),
            ("reports.pdf", self.export_pdf),
            ("reports.csv", self.export_csv),
            ("reports.signing", self.export_signing),
        ):
            ttk.Button(top, text=self.t(key), command=command).pack(
                side="right", padx=2
            )
        files = ttk.Frame(self)
        files.pack(fill="x", pady=(4, 0))
        self.import_button = ttk.Button(
            files, text=self.t("imp.button"), command=self.files.import_sheet
        )
        self.import_button.pack(side="left", padx=2)
        self.undo_import_button = ttk.Button(
            files, text=self.t("imp.undo"), command=self.files.undo_import
        )
        self.undo_import_button.state(["disabled"])
        self.undo_import_button.pack(side="left", padx=2)
        self.files.undo_button = self.undo_import_button

    def export_xlsx(self) -> Path | None:
        return self._export("xlsx")

    def export_csv(self) -> Path | None:
        return self._export("csv")

    def export_pdf(self) -> Path | None:
        return self._export("pdf")

    def export_payroll(self) -> Path | None:
        return self._export("payroll")

    def export_signing(self) -> Path | None:
        return self._export("signing")

    def _export(self, fmt: str) -> Path | None:
        """Start the export on a worker: the path it writes, None if not started
        (the pump's JobDone says when it is written, see ReportFiles)."""
        return self.files.export(fmt) if self.files else None

    def on_message(self, message: object) -> None:
        if self.files is not None:
            self.files.on_message(message)
