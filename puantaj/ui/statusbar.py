"""The status bar: sync state with a progress bar, unsent changes, last sync time."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from tkinter import ttk

from puantaj.sync.report import SyncReport
from puantaj.sync.scheduler import SyncEvent


def local_time(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return iso


class StatusBar(ttk.Frame):
    """Shows what the sync is doing; updated only from the pump."""

    def __init__(
        self,
        parent: tk.Misc,
        strings,
        on_refused=lambda: None,
        on_password=None,
        on_logout=None,
    ) -> None:
        super().__init__(parent, padding=(6, 2))
        self.t = strings
        self.state = tk.StringVar(value=strings("status.idle"))
        self.unsent = tk.StringVar()
        self.last = tk.StringVar(value=strings("status.never"))
        self.message = tk.StringVar()
        ttk.Label(self, textvariable=self.state, width=34).pack(side="left")
        self.progress = ttk.Progressbar(self, length=140, mode="determinate")
        self.progress.pack(side="left", padx=6)
        ttk.Label(self, textvariable=self.unsent, width=34).pack(side="left")
        # shown only while the server has refused something
        self.refused_button = ttk.Button(
            self, text=strings("refusal.open"), command=on_refused
        )
        self.last_label = ttk.Label(self, textvariable=self.last)
        self.last_label.pack(side="left", padx=6)
        # the user's own: log out (switch user), change the password
        self.logout_button = ttk.Button(
            self, text=strings("login.logout"), command=on_logout or (lambda: None)
        )
        self.password_button = ttk.Button(
            self,
            text=strings("users.my_password"),
            command=on_password or (lambda: None),
        )
        if on_logout is not None:
            self.logout_button.pack(side="right", padx=2)
        if on_password is not None:
            self.password_button.pack(side="right", padx=2)
        ttk.Label(self, textvariable=self.message, foreground="#204a87").pack(
            side="right"
        )
        self.offline_since: str | None = None
        self._reason = ""  # why the last sync failed, while it is shown

    def show_message(self, text: str) -> None:
        self.message.set(text)

    def _show_reason(self, text: str) -> None:
        """Say why the sync failed; a later success clears only that text."""
        if text or self.message.get() == self._reason:
            self.message.set(text)
        self._reason = text

    def set_unsent(self, count: int, refused: int = 0) -> None:
        text = self.t("status.unsent", n=count)
        if refused:
            text += "  " + self.t("status.refused", n=refused)
        self.unsent.set(text)
        if refused and not self.refused_button.winfo_ismapped():
            self.refused_button.pack(side="left", before=self.last_label)
        elif not refused:
            self.refused_button.pack_forget()

    def show_report(self, report: SyncReport | None) -> None:
        if report is None:
            return
        self._show_reason("" if report.ok else self.t.report(report))
        if report.ok:
            self.offline_since = None
            self.state.set(
                self.t("status.ok", pushed=report.pushed, pulled=report.pulled)
            )
            self.last.set(self.t("status.last", at=local_time(report.finished_at)))
        elif report.state == "offline":
            self.offline_since = (
                self.offline_since
                or local_time(
                    report.finished_at or dt.datetime.now(dt.UTC).isoformat()
                )[-5:]
            )
            self.state.set(self.t("status.offline", since=self.offline_since))
        elif report.state == "token_rejected":
            self.state.set(self.t("status.token"))
        else:
            self.state.set(self.t("status.error", message=self.t.report(report)[:60]))
        self.progress["value"] = 0

    def on_event(self, event: SyncEvent) -> None:
        if event.kind == "started":
            self.state.set(self.t("status.syncing"))
            self.progress["value"] = 0
        elif event.kind == "progress" and event.total:
            self.progress["maximum"] = event.total
            self.progress["value"] = event.done
        elif event.kind == "finished":
            self.show_report(event.report)
