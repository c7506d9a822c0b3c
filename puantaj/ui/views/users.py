"""Kullanıcılar: the admin's accounts list, and the dialog to change a password."""

from __future__ import annotations

import tkinter as tk
from tkinter import ttk

from puantaj.core.tables import TABLES
from puantaj.errors import PuantajError
from puantaj.services.session import Session
from puantaj.services.users import UserService
from puantaj.ui.modal import make_modal
from puantaj.ui.statusbar import local_time

COLUMNS = (
    ("username", 120),
    ("full_name", 180),
    ("role", 90),
    ("region", 120),
    ("state", 80),
    ("last_login", 140),
)


class UsersView(ttk.Frame):
    """Accounts on this PC: add, reset a password, deactivate or reactivate."""

    def __init__(
        self, parent: tk.Misc, users: UserService, session: Session, strings
    ) -> None:
        super().__init__(parent, padding=6)
        self._users, self._session, self.t = users, session, strings
        bar = ttk.Frame(self)
        bar.pack(fill="x")
        for key, command in (
            ("users.add", self.add),
            ("users.reset", self.reset),
            ("users.toggle", self.toggle),
        ):
            ttk.Button(bar, text=strings(key), command=command).pack(
                side="left", padx=2
            )
        self.message = tk.StringVar()
        ttk.Label(bar, textvariable=self.message, foreground="#b00").pack(
            side="left", padx=8
        )
        ttk.Label(self, text=strings("users.title"), font="TkHeadingFont").pack(
            anchor="w", pady=(6, 0)
        )
        self.tree = ttk.Treeview(
            self, columns=[c for c, _ in COLUMNS], show="headings", height=14
        )
        for name, width in COLUMNS:
            self.tree.heading(name, text=strings(f"users.col.{name}"))
            self.tree.column(name, width=width)
        self.tree.pack(fill="both", expand=True)
        self.refresh()

    def refresh(self) -> None:
        self.tree.delete(*self.tree.get_children())
        for a in self._users.accounts(self._session):
            self.tree.insert(
                "",
                "end",
                iid=a.username,
                values=(
                    a.username,
                    a.full_name,
                    self.t(f"users.role.{a.role}"),
                    self.t("admin.all") if a.region == "*" else a.region,
                    self.t("users.active" if a.active else "users.inactive"),
                    local_time(a.last_login_at) if a.last_login_at else "-",
                ),
            )

    def _chosen(self) -> str | None:
        chosen = self.tree.selection()
        return chosen[0] if chosen else None

    def add(self) -> AccountDialog:
        return AccountDialog(self, self._users, self._session, self.t, self.refresh)

    def reset(self) -> PasswordDialog | None:
        name = self._chosen()
        if name is None:
            return None
        return PasswordDialog(self, self._users, self._session, self.t, name)

    def toggle(self) -> None:
        name = self._chosen()
        if name is None:
            return
        active = self.tree.item(name, "values")[4] == self.t("users.active")
        try:
            self._users.set_active(self._session, name, not active)
        except PuantajError as exc:
            self.message.set(self.t.error(exc))
            return
        self.message.set("")
        self.refresh()


class _Form(tk.Toplevel):
    """A small modal form: labelled entries, an error line, OK on Enter."""

    def __init__(self, parent: tk.Misc, strings, title: str) -> None:
        super().__init__(parent)
        self.t = strings
        self.title(title)
        self.transient(parent.winfo_toplevel())
        self.body = ttk.Frame(self, padding=10)
        self.body.pack(fill="both", expand=True)
        self.vars: dict[str, tk.StringVar] = {}
        self.error = tk.StringVar()

    def field(self, key: str, secret: bool = False, values=None) -> ttk.Widget:
        row = len(self.vars)
        var = self.vars[key] = tk.StringVar()
        ttk.Label(self.body, text=self.t(key)).grid(row=row, column=0, sticky="e")
        if values is not None:
            widget = ttk.Combobox(
                self.body, textvariable=var, values=values, state="readonly"
            )
        else:
            widget = ttk.Entry(self.body, textvariable=var, show="•" if secret else "")
        widget.grid(row=row, column=1, pady=2, padx=4)
        return widget

    def finish(self, first: ttk.Widget) -> None:
        row = len(self.vars)
        ttk.Label(self.body, textvariable=self.error, foreground="#b00").grid(
            row=row, column=0, columnspan=2
        )
        self.save_button = ttk.Button(self.body, text=self.t("users.save"))
        self.save_button.configure(command=self.save)
        self.save_button.grid(row=row + 1, column=1, sticky="e", pady=6)
        make_modal(self, first, self.save)

    def save(self) -> None:  # pragma: no cover - each form has its own
        raise NotImplementedError


class AccountDialog(_Form):
    """A new account: a clerk of a region, or an admin."""

    def __init__(self, parent, users: UserService, session, strings, on_saved) -> None:
        super().__init__(parent, strings, strings("users.add"))
        self._users, self._session, self._on_saved = users, session, on_saved
        roles = TABLES["users"].column("role").choices  # the core's, in its order
        self.roles = {strings(f"users.role.{r}"): r for r in roles}
        first = self.field("users.col.username")
        self.field("users.col.full_name")
        self.field("users.col.role", values=list(self.roles))
        self.vars["users.col.role"].set(strings("users.role.clerk"))
        self.field("users.col.region")
        self.field("login.password", secret=True)
        self.field("login.again", secret=True)
        self.finish(first)

    def save(self) -> None:
        v = {k: var.get() for k, var in self.vars.items()}
        if v["login.password"] != v["login.again"]:
            self.error.set(self.t("login.mismatch"))
            return
        try:
            self._users.add_user(
                v["users.col.username"],
                v["login.password"],
                self.roles.get(v["users.col.role"], "clerk"),
                v["users.col.region"],
                by=self._session.username,
                full_name=v["users.col.full_name"],
            )
        except PuantajError as exc:
            self.error.set(self.t.error(exc))
            return
        self._on_saved()
        self.destroy()


class PasswordDialog(_Form):
    """A new password: one's own (giving the current one), or a reset by an admin."""

    def __init__(self, parent, users: UserService, session, strings, name) -> None:
        super().__init__(parent, strings, strings("users.password_for", name=name))
        self._users, self._session, self._name = users, session, name
        self.own = name == session.username
        first = self.field("users.current", secret=True) if self.own else None
        new = self.field("users.new", secret=True)
        self.field("login.again", secret=True)
        self.done = False
        self.finish(first or new)

    def save(self) -> None:
        v = {k: var.get() for k, var in self.vars.items()}
        if v["users.new"] != v["login.again"]:
            self.error.set(self.t("login.mismatch"))
            return
        try:
            self._users.set_password(
                self._session, self._name, v["users.new"], v.get("users.current")
            )
        except PuantajError as exc:
            self.error.set(self.t.error(exc))
            return
        self.done = True
        self.destroy()
