"""Login, and the first run of a PC: connect to the server, then the first account.

On the first run the token decides the account's role: a region token makes a
clerk of that region, an admin token an admin. When the region already has
accounts on the server, the first sync brings them and the clerk just logs in.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.errors import PuantajError
from puantaj.services.session import Session
from puantaj.services.users import UserService
from puantaj.sync.setup import Connected


class LoginView(ttk.Frame):
    """Username + password; on a PC with no accounts, the first-run form."""

    def __init__(
        self,
        parent: tk.Misc,
        users: UserService,
        strings,
        demo: bool,
        on_login: Callable[[Session], None],
        connect: Callable[[str, str], None] | None = None,
        server: tuple[str, str] = ("", ""),
    ) -> None:
        super().__init__(parent, padding=30)
        self.t = strings
        self._users = users
        self._on_login = on_login
        self._connect = connect
        self.first_run = not users.has_users()
        self.url = tk.StringVar(value=server[0])
        self.token = tk.StringVar(value=server[1])
        self.username = tk.StringVar()
        self.password = tk.StringVar()
        self.again = tk.StringVar()
        self.error = tk.StringVar()
        self.info = tk.StringVar()
        self._build(demo)

    def _build(self, demo: bool) -> None:
        for child in self.winfo_children():
            child.destroy()
        t = self.t
        title = t("login.first_run") if self.first_run else t("login.title")
        ttk.Label(self, text=title, font=("TkDefaultFont", 13, "bold")).grid(
            row=0, column=0, columnspan=2, pady=(0, 12)
        )
        if demo:
            ttk.Label(
                self, text=t("login.demo"), foreground="#b35900", wraplength=420
            ).grid(row=1, column=0, columnspan=2, pady=(0, 10))
        fields = [("login.user", self.username, "")]
        fields.append(("login.password", self.password, "•"))
        if self.first_run:
            fields[:0] = [("login.url", self.url, ""), ("login.token", self.token, "•")]
            fields.append(("login.again", self.again, "•"))
        self.entries: dict[str, ttk.Entry] = {}
        for row, (key, var, show) in enumerate(fields, start=2):
            ttk.Label(self, text=t(key)).grid(row=row, column=0, sticky="e", padx=4)
            entry = ttk.Entry(self, textvariable=var, show=show, width=36)
            entry.grid(row=row, column=1, pady=3)
            entry.bind("<Return>", lambda _e: self.attempt())
            self.entries[key] = entry
        self.user_entry = self.entries["login.user"]
        self.password_entry = self.entries["login.password"]
        label = t("login.connect") if self.first_run else t("login.submit")
        last = len(fields) + 2
        self.submit = ttk.Button(self, text=label, command=self.attempt)
        self.submit.grid(row=last, column=1, sticky="e", pady=8)
        ttk.Label(self, textvariable=self.info, foreground="#204a87").grid(
            row=last + 1, column=0, columnspan=2
        )
        ttk.Label(
            self, textvariable=self.error, foreground="#b00", wraplength=460
        ).grid(row=last + 2, column=0, columnspan=2)
        first = "login.url" if self.first_run and not self.url.get() else "login.user"
        self.entries[first].focus_set()

    def attempt(self) -> None:
        self.error.set("")
        if self.first_run:
            self._first_run()
            return
        try:
            session = self._users.login(self.username.get(), self.password.get())
        except PuantajError as exc:
            self.password.set("")  # a failed attempt leaves nothing typed behind
            self.error.set(self.t.error(exc))
            return
        self._on_login(session)

    def _first_run(self) -> None:
        if self.password.get() != self.again.get():
            self.error.set(self.t("login.mismatch"))
            return
        if not self.username.get().strip() or self._connect is None:
            self.error.set(self.t("login.need_user"))
            return
        self.submit.state(["disabled"])
        self.info.set(self.t("login.connecting"))
        self._connect(self.url.get().strip(), self.token.get().strip())

    def on_message(self, message: object) -> None:
        """A Connected from the worker: the first account, or the region's."""
        if not isinstance(message, Connected) or not self.first_run:
            return
        self.submit.state(["!disabled"])
        self.info.set("")
        if not message.ok:
            failed = [s for s in message.probe.steps if not s.ok]
            step = failed[0] if failed else None
            text = self.t(f"probe.{step.key}", **step.values) if step else ""
            self.error.set(text or self.t("login.no_server"))
            return
        if message.has_users:
            # the region's accounts came with the first sync: log in with one
            self.first_run = False
            self.password.set("")
            self._build(demo=False)
            self.info.set(self.t("login.accounts_came"))
            return
        try:
            session = self._users.first_user(
                self.username.get(), self.password.get(), message.scope
            )
        except PuantajError as exc:
            self.error.set(self.t.error(exc))
            return
        self._on_login(session)
