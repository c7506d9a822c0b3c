"""Yönetim: every region's sync state from the server, conflicts, activity log."""

from __future__ import annotations

import json
import tkinter as tk
from tkinter import ttk

from puantaj.core import personal
from puantaj.errors import PuantajError
from puantaj.services.overview import OverviewService
from puantaj.services.session import Session
from puantaj.sync.controller import ServerView, SyncController, region_step
from puantaj.ui.statusbar import local_time


class AdminView(ttk.Frame):
    """Refreshes itself whenever a sync finishes (the main window tells it)."""

    def __init__(
        self,
        parent: tk.Misc,
        session: Session,
        controller: SyncController,
        overview: OverviewService,
        strings,
        confirm=lambda _text: True,
    ) -> None:
        super().__init__(parent, padding=6)
        self._session, self._controller, self._overview = session, controller, overview
        self._confirm = confirm
        self._conflicts: dict[str, dict] = {}
        self.t = strings
        bar = ttk.Frame(self)
        bar.pack(fill="x")
        ttk.Button(bar, text=strings("admin.refresh"), command=self.refresh).pack(
            side="left"
        )
        self.error = tk.StringVar()
        ttk.Label(bar, textvariable=self.error, foreground="#b00").pack(
            side="left", padx=8
        )
        panes = ttk.PanedWindow(self, orient="vertical")
        panes.pack(fill="both", expand=True)
        regions_box = self._pane(panes, "admin.regions")
        self.regions = self._table(
            regions_box,
            [
                ("region", 110),
                ("sites", 50),
                ("last_sync", 130),
                ("employees", 80),
                ("timesheets", 80),
                ("unsent", 95),
                ("conflicts", 70),
                ("rejected", 70),
                ("in_step", 150),
                ("months", 260),
            ],
        )
        conflicts_box = self._pane(panes, "admin.conflicts")
        self.conflicts = self._table(
            conflicts_box,
            [
                (name, 90)
                for name in (
                    "id",
                    "region",
                    "table",
                    "column",
                    "kind",
                    "value",
                    "winner",
                    "site",
                    "restored",
                )
            ],
        )
        self.restore_button = ttk.Button(
            conflicts_box, text=strings("admin.restore"), command=self.restore_selected
        )
        self.restore_button.pack(anchor="e", pady=2)
        self.activity = self._table(
            self._pane(panes, "admin.activity"),
            [
                (name, 95)
                for name in (
                    "at",
                    "user",
                    "region",
                    "employee",
                    "day",
                    "old",
                    "new",
                    "source",
                )
            ],
        )

    def _table(self, parent: tk.Misc, columns: list[tuple[str, int]]) -> ttk.Treeview:
        """A headings-only Treeview with the given (column, width) pairs, packed."""
        tree = ttk.Treeview(
            parent, show="headings", height=6, columns=[name for name, _ in columns]
        )
        for name, width in columns:
            tree.heading(name, text=self.t(f"admin.col.{name}"))
            tree.column(name, width=width)
        tree.pack(fill="both", expand=True)
        return tree

    def _pane(self, panes: ttk.PanedWindow, title: str) -> ttk.LabelFrame:
        box = ttk.LabelFrame(panes, text=self.t(title), padding=4)
        panes.add(box, weight=1)
        return box

    def refresh(self) -> None:
        """Ask the server on a worker; redraw the local activity log now."""
        self._controller.fetch_server_view()
        self.activity.delete(*self.activity.get_children())
        for n, row in enumerate(self._overview.activity()):
            self.activity.insert(
                "",
                "end",
                iid=str(n),
                values=(
                    local_time(row["at"]),
                    row["username"],
                    row["region"] or "",
                    f"{row['sicil_no'] or ''} {row['first_name'] or ''} {row['last_name'] or ''}",
                    row["work_date"] or "",
                    row["old"] or "",
                    row["new"] or "",
                    self.t.value(row["source"]),
                ),
            )

    def on_message(self, message: object) -> None:
        if not isinstance(message, ServerView):
            return
        self.error.set(
            self.t.error(message.problem or PuantajError(message.error))
            if message.error
            else ""
        )
        if message.status is not None:
            self._show_regions(message.status)
        if message.status is not None or not message.error:
            self._show_conflicts(message.conflicts)

    def _show_regions(self, status: dict) -> None:
        self.regions.delete(*self.regions.get_children())
        for region, info in status.get("regions", {}).items():
            syncs = [s["last_sync_at"] for s in info["sites"] if s["last_sync_at"]]
            months = ", ".join(
                f"{m} {self.t.value(s)}" for m, s in sorted(info["months"].items())
            )
            self.regions.insert(
                "",
                "end",
                iid=region,
                values=(
                    self.t("admin.all") if region == "*" else region,
                    len(info["sites"]),
                    local_time(max(syncs)) if syncs else "-",
                    info["rows"].get("employees", 0),
                    info["rows"].get("timesheets", 0),
                    sum(s.get("pending") or 0 for s in info["sites"]),
                    info["conflicts"],
                    info["rejected"],
                    self._step_text(region_step(info["sites"])),
                    months,
                ),
            )

    def _step_text(self, step) -> str:
        if step.state == "differ":
            rows = "?" if step.rows < 0 else step.rows
            return self.t("admin.step.differ", n=rows, where=step.where)
        return self.t(f"admin.step.{step.state}")

    def _show_conflicts(self, conflicts: list[dict]) -> None:
        self.conflicts.delete(*self.conflicts.get_children())
        self._conflicts = {str(item["id"]): item for item in conflicts}
        for item in conflicts:
            self.conflicts.insert(
                "",
                "end",
                iid=str(item["id"]),
                values=(
                    item["id"],
                    item["region"],
                    item["tbl"],
                    item["column_name"],
                    self.t.value(item["kind"]),
                    self._shown(item["column_name"], item["value"]),
                    self._shown(item["column_name"], item["winner"]),
                    item["site_id"][:8],
                    local_time(item["restored_at"]) if item["restored_at"] else "",
                ),
            )

    @staticmethod
    def _shown(column: str, value: object) -> str:
        """A kept value as the list shows it; a TC kimlik no masked (KVKK)."""
        if column == "tc_no" and value:
            return personal.mask_tc(str(value))
        return json.dumps(value, ensure_ascii=False)

    def restore_selected(self) -> bool:
        """Restore the chosen value once the admin confirms it, by region (and
        month, for a timesheet cell)."""
        chosen = self.conflicts.selection()
        if not chosen:
            return False
        item = self._conflicts.get(chosen[0], {})
        day = (
            self._overview.cell_day(item.get("row_id", ""))
            if item.get("tbl") == "timesheets"
            else None
        )
        values = {
            "region": item.get("region", "?"),
            "table": self.t(f"table.{item.get('tbl')}"),
            "column": item.get("column_name", ""),
            "value": self._shown(item.get("column_name", ""), item.get("value")),
        }
        if day:
            year, month = int(day[:4]), int(day[5:7])
            values["month"] = f"{self.t(f'month.{month}')} {year}"
            text = self.t("admin.restore_confirm_month", **values)
        else:
            text = self.t("admin.restore_confirm", **values)
        if not self._confirm(text):
            return False
        self._controller.restore_conflict(int(chosen[0]), self._session.username)
        return True
