"""The status bar: sync state with a progress bar, unsent changes, last sync time."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

from puantaj.core.datetext import moment_text
from puantaj.sync.report import SyncReport
from puantaj.sync.scheduler import SyncEvent
from puantaj.ui.modal import make_modal


def local_time(iso: str) -> str:
    """A stored UTC moment as the screens show it (dd.mm.yyyy HH:MM, local)."""
    return moment_text(iso)


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
        # the status line takes the room that is left and shows as much of the
        # message as fits there, ending in "…"; a click shows all of it
        self.shown = tk.StringVar()
        self.message_label = ttk.Label(
            self,
            textvariable=self.shown,
            foreground="#204a87",
            width=1,
            anchor="e",
            cursor="hand2",
        )
        self.message_label.pack(side="right", fill="x", expand=True, padx=(6, 0))
        self.message_label.bind("<Button-1>", lambda _e: self.open_message())
        self.message_label.bind("<Configure>", lambda _e: self._fit_message())
        self.message.trace_add("write", lambda *_: self._fit_message())
        self.offline_since: str | None = None
        self._reason = ""  # why the last sync failed, while it is shown

    def show_message(self, text: str) -> None:
        self.message.set(text)

    def _fit_message(self) -> None:
        """As much of the message as the label's width holds, on one line."""
        text = " · ".join(line for line in self.message.get().splitlines() if line)
        width = self.message_label.winfo_width()
        if width > 1:  # mapped: its real width (else shown whole until it is)
            text = elide(text, width - 4, _font_of(self.message_label))
        self.shown.set(text)

    def open_message(self) -> MessageDialog | None:
        """The whole status message in a window of its own."""
        text = self.message.get()
        return MessageDialog(self, text, self.t) if text else None

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


def elide(text: str, width_px: int, font: tkfont.Font) -> str:
    """`text` cut to fit `width_px` with "…" at the end (whole when it fits)."""
    if font.measure(text) <= width_px:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the ellipsis
        middle = (low + high + 1) // 2
        if font.measure(text[:middle] + "…") <= width_px:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _font_of(label: ttk.Label) -> tkfont.Font:
    name = str(label.cget("font")) or str(
        ttk.Style(label).lookup(label.winfo_class(), "font")
    )
    try:
        return tkfont.nametofont(name or "TkDefaultFont")
    except tk.TclError:  # a font given by description, not by name
        return tkfont.Font(root=label, font=name)


class MessageDialog(tk.Toplevel):
    """The full text of a status message, selectable, closed with Escape."""

    def __init__(self, parent: tk.Misc, text: str, strings) -> None:
        super().__init__(parent)
        self.title(strings("status.message_title"))
        frame = ttk.Frame(self, padding=8)
        frame.pack(fill="both", expand=True)
        self.text = tk.Text(frame, wrap="word", width=70, height=8)
        self.text.insert("1.0", text)
        self.text.configure(state="disabled")  # read and copy, not edit
        self.text.pack(fill="both", expand=True)
        close = ttk.Button(frame, text=strings("dialog.close"), command=self.destroy)
        close.pack(anchor="e", pady=(6, 0))
        make_modal(self, close, submit=self.destroy)  # Enter or Escape closes it
