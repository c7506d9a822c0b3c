"""Login and first-run dialogs: who is using this PC."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.errors import PuantajError
from puantaj.services.session import Session
from puantaj.services.users import UserService


class LoginView(ttk.Frame):
    """Username + password; on first run it creates the admin instead."""

    def __init__(
        self,
        parent: tk.Misc,
        users: UserService,
        strings,
        demo: bool,
        on_login: Callable[[Session], None],
    ) -> None:
        super().__init__(parent, padding=30)
        self.t = strings
        self._users = users
        self._on_login = on_login
        self.first_run = not users.has_users()
        self.username = tk.StringVar(value="admin" if self.first_run else "")
        self.password = tk.StringVar()
        self.error = tk.StringVar()
        title = strings("login.first_run") if self.first_run else strings("login.title")
        ttk.Label(self, text=title, font=("TkDefaultFont", 13, "bold")).grid(
            row=0, column=0, columnspan=2, pady=(0, 12)
        )
        if demo:
            ttk.Label(
                self, text=strings("login.demo"), foreground="#b35900", wraplength=420
            ).grid(row=1, column=0, columnspan=2, pady=(0, 10))
        ttk.Label(self, text=strings("login.user")).grid(row=2, column=0, sticky="e")
        self.user_entry = ttk.Entry(self, textvariable=self.username, width=28)
        self.user_entry.grid(row=2, column=1, pady=3)
        ttk.Label(self, text=strings("login.password")).grid(
            row=3, column=0, sticky="e"
        )
        self.password_entry = ttk.Entry(
            self, textvariable=self.password, show="•", width=28
        )
        self.password_entry.grid(row=3, column=1, pady=3)
        label = strings("login.create") if self.first_run else strings("login.submit")
        self.submit = ttk.Button(self, text=label, command=self.attempt)
        self.submit.grid(row=4, column=1, sticky="e", pady=8)
        ttk.Label(self, textvariable=self.error, foreground="#b00").grid(
            row=5, column=0, columnspan=2
        )
        self.password_entry.bind("<Return>", lambda _e: self.attempt())
        (self.password_entry if self.first_run else self.user_entry).focus_set()

    def attempt(self) -> None:
        try:
            if self.first_run:
                session = self._users.create_admin(self.password.get())
            else:
                session = self._users.login(self.username.get(), self.password.get())
        except PuantajError as exc:
            self.error.set(self.t.error(exc))
            return
        self._on_login(session)
