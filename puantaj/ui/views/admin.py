"""Yönetim: every region's sync state from the server, conflicts, activity log."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from tkinter import ttk

from puantaj.core.datetext import day_text, moment_text
from puantaj.errors import PuantajError
from puantaj.services.overview import OverviewService
from puantaj.services.session import Session
from puantaj.sync.controller import ServerView, SyncController
from puantaj.ui.presenters import conflicts as conflict_words
from puantaj.ui.presenters import overview as overview_words

REFRESH_MS = 30_000  # while the tab is open: the server's view is asked again


class AdminView(ttk.Frame):
    """Refreshes itself whenever a sync finishes (the main window tells it) and,
    while it is on screen, every `refresh_ms` (a Tk timer, cancelled when the
    tab is left or closed). `refresh()` may be called by anything on the Tk
    thread, such as a live event."""

    def __init__(
        self,
        parent: tk.Misc,
        session: Session,
        controller: SyncController,
        overview: OverviewService,
        strings,
        confirm=lambda _text: True,
        refresh_ms: int = REFRESH_MS,
        today=dt.date.today,
    ) -> None:
        super().__init__(parent, padding=6)
        self._session, self._controller, self._overview = session, controller, overview
        self._confirm = confirm
        self._conflicts: dict[str, conflict_words.ConflictLine] = {}
        self.refresh_ms, self._today = refresh_ms, today
        self._timer: str | None = None
        self.t = strings
        self.bind("<Map>", lambda _e: self._start_timer(), add="+")
        self.bind("<Unmap>", lambda _e: self._stop_timer(), add="+")
        self.bind("<Destroy>", self._on_destroy, add="+")
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
            list(
                zip(overview_words.COLUMNS, (130, 95, 80, 150, 150, 260), strict=True)
            ),
            tree=("name", 200),
        )
        conflicts_box = self._pane(panes, "admin.conflicts")
        self.conflicts = self._table(
            conflicts_box,
            list(
                zip(
                    conflict_words.COLUMNS,
                    (65, 150, 80, 55, 112, 70, 300, 70, 300, 70),
                    strict=True,
                )
            ),
        )
        below = ttk.Frame(conflicts_box)  # packed before the list: never squeezed
        below.pack(side="bottom", fill="x", pady=2, before=self.conflicts)
        self.restore_button = ttk.Button(
            below, text=strings("admin.restore"), command=self.restore_selected
        )
        self.restore_button.pack(side="right", anchor="n")
        self.conflict_detail = tk.StringVar()  # the chosen line, in full
        ttk.Label(below, textvariable=self.conflict_detail, justify="left").pack(
            side="left", anchor="w"
        )
        self.conflicts.bind("<<TreeviewSelect>>", self._show_detail, add="+")
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

    def _table(
        self,
        parent: tk.Misc,
        columns: list[tuple[str, int]],
        tree: tuple[str, int] | None = None,
    ) -> ttk.Treeview:
        """A Treeview with the given (column, width) pairs, packed; `tree`
        names and sizes its first column when its lines have lines below them."""
        table = ttk.Treeview(
            parent,
            show="tree headings" if tree else "headings",
            height=6,
            columns=[name for name, _ in columns],
        )
        if tree:
            table.heading("#0", text=self.t(f"admin.col.{tree[0]}"))
            table.column("#0", width=tree[1])
        for name, width in columns:
            table.heading(name, text=self.t(f"admin.col.{name}"))
            table.column(name, width=width)
        table.pack(fill="both", expand=True)
        return table

    def _pane(self, panes: ttk.PanedWindow, title: str) -> ttk.LabelFrame:
        box = ttk.LabelFrame(panes, text=self.t(title), padding=4)
        panes.add(box, weight=1)
        return box

    def refresh(self) -> None:
        """Ask the server on a worker; redraw the local activity log now.
        Tk thread only; a live event may call it too."""
        self._controller.fetch_server_view()
        self.activity.delete(*self.activity.get_children())
        for n, row in enumerate(self._overview.activity()):
            name = " ".join(
                part for part in (row["first_name"], row["last_name"]) if part
            )
            self.activity.insert(
                "",
                "end",
                iid=str(n),
                values=(
                    moment_text(row["at"]),
                    row["username"],
                    row["region"] or "",
                    f"{name} ({row['sicil_no']})" if row["sicil_no"] else name,
                    day_text(row["work_date"]),
                    row["old"] or "",
                    row["new"] or "",
                    self.t.value(row["source"]),
                ),
            )

    @property
    def is_refreshing(self) -> bool:
        """Whether the timer that refreshes the open tab is set."""
        return self._timer is not None

    def _start_timer(self) -> None:
        if self._timer is None and self.refresh_ms > 0:
            self._timer = self.after(self.refresh_ms, self._tick)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self.after_cancel(self._timer)
            self._timer = None

    def _tick(self) -> None:
        self._timer = None
        if self.winfo_ismapped():
            self.refresh()
            self._start_timer()

    def _on_destroy(self, event: tk.Event) -> None:
        if event.widget is self:
            self._stop_timer()

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
        open_regions = {
            iid for iid in self.regions.get_children() if self.regions.item(iid, "open")
        }
        self.regions.delete(*self.regions.get_children())
        for line in overview_words.region_lines(status, self.t, self._today()):
            self.regions.insert(
                "",
                "end",
                iid=line.iid,
                text=line.name,
                values=line.cells,
                open=line.iid in open_regions or len(line.pcs) > 1,
            )
            for pc in line.pcs:
                self.regions.insert(
                    line.iid, "end", iid=pc.iid, text=pc.name, values=pc.cells
                )

    def _show_conflicts(self, conflicts: list[dict]) -> None:
        self.conflicts.delete(*self.conflicts.get_children())
        conflicts = conflict_words.shown(conflicts)
        subjects = self._overview.subjects(
            [(item["tbl"], item["row_id"]) for item in conflicts]
        )
        self._conflicts = {}
        for item in conflicts:
            line = conflict_words.conflict_line(
                item, subjects.get(item["row_id"]), self.t
            )
            self._conflicts[str(line.id)] = line
            self.conflicts.insert("", "end", iid=str(line.id), values=line.cells())

    def _show_detail(self, _event: object = None) -> None:
        chosen = self.conflicts.selection()
        line = self._conflicts.get(chosen[0]) if chosen else None
        self.conflict_detail.set(line.detail if line else "")

    def restore_selected(self) -> bool:
        """Restore the chosen value once the admin confirms it: that field of
        that row only (the server keeps the value it replaces)."""
        chosen = self.conflicts.selection()
        line = self._conflicts.get(chosen[0]) if chosen else None
        if line is None:
            return False
        if not self._confirm(conflict_words.confirm_text(line, self.t)):
            return False
        self._controller.restore_conflict(line.id, self._session.username)
        return True
