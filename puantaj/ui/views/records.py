"""Lists of records with search, sort, and add / edit / deactivate dialogs."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass
from tkinter import ttk

from puantaj.core import personal, turkish, validators
from puantaj.core.numbers import format_number
from puantaj.errors import PuantajError
from puantaj.services.records import RecordService
from puantaj.services.session import Session
from puantaj.ui.modal import make_modal, multiline
from puantaj.ui.theme import scaled


@dataclass(frozen=True)
class Field:
    """One column of the list and one entry of the dialog."""

    name: str
    label: str
    width: int = 120
    choices: tuple[str, ...] | Callable[[], dict[str, str]] = ()  # values or label→id
    decimals: int | None = None  # numbers: fixed decimals (2 for money)
    lines: int = 1  # more than one: a multi-line box (a fault's description)


def display(field: Field, value: object, kind: str, listed: bool = False) -> str:
    """A stored value as a field shows it; on a list, a TC kimlik no is masked
    (in full only on the employee's own form: KVKK)."""
    if value is None:
        return ""
    if listed and field.name == "tc_no":
        return personal.mask_tc(str(value))
    if kind == "date":
        return validators.format_date(str(value))
    if callable(field.choices):
        names = {str(v): k for k, v in field.choices().items()}
        return names.get(str(value), str(value))
    if kind in ("int", "real"):  # 125.000 km, 1.250,50 TL: as a Turkish reader writes
        return format_number(value, field.decimals)
    return " ".join(str(value).split("\n")) if listed else str(value)


class RecordDialog(tk.Toplevel):
    """Add or edit one record; validation errors are shown beside the fields."""

    def __init__(
        self,
        parent: tk.Misc,
        service: RecordService,
        session: Session,
        fields: list[Field],
        strings,
        row: dict | None,
        on_saved: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._t = strings
        self.title(strings("list.edit") if row else strings("list.add"))
        self._service, self._session, self._row = service, session, row
        self._fields = fields
        self._on_saved = on_saved
        self.vars: dict[str, tk.StringVar] = {}
        self.widgets: dict[str, tk.Widget] = {}  # each field's entry, box or list
        self.texts: dict[str, tk.Text] = {}  # the multi-line fields
        self.error = tk.StringVar()
        body = ttk.Frame(self, padding=12)
        body.pack(fill="both", expand=True)
        for i, field in enumerate(fields):
            kind = service.spec.column(field.name).kind
            value = display(field, row.get(field.name), kind) if row else ""
            var = tk.StringVar(value=value)
            self.vars[field.name] = var
            ttk.Label(body, text=field.label).grid(
                row=i, column=0, sticky="e", padx=4, pady=2
            )
            if field.lines > 1:
                box = multiline(body, value, submit=self.save)
                widget = self.texts[field.name] = box
            elif field.choices:
                values = (
                    list(field.choices().keys())
                    if callable(field.choices)
                    else list(field.choices)
                )
                widget = ttk.Combobox(
                    body, textvariable=var, values=values, width=30, state="readonly"
                )
            else:
                widget = ttk.Entry(body, textvariable=var, width=32)
            widget.grid(row=i, column=1, sticky="w", pady=2)
            self.widgets[field.name] = widget
        ttk.Label(
            body, textvariable=self.error, foreground="#b00", wraplength=360
        ).grid(row=len(fields), column=0, columnspan=2, pady=6)
        buttons = ttk.Frame(body)
        buttons.grid(row=len(fields) + 1, column=0, columnspan=2, sticky="e")
        self.save_button = ttk.Button(
            buttons, text=strings("dialog.save"), command=self.save
        )
        self.save_button.pack(side="left", padx=4)
        ttk.Button(buttons, text=strings("dialog.cancel"), command=self.destroy).pack(
            side="left"
        )
        first = self.widgets[fields[0].name] if fields else None
        make_modal(self, first, self.save)

    def values(self) -> dict[str, str]:
        out = {}
        for field in self._fields:
            text = self.vars[field.name].get()
            if field.name in self.texts:
                text = self.texts[field.name].get("1.0", "end-1c").strip()
            if callable(field.choices):
                text = field.choices().get(text, text)
            out[field.name] = text
        return out

    def save(self) -> None:
        values = self.values()
        try:
            if self._row:
                changed = {
                    k: v
                    for k, v in values.items()
                    if k not in self._service.spec.natural_key
                }
                self._service.update(self._session, self._row["id"], changed)
            else:
                self._service.create(self._session, values)
        except PuantajError as exc:
            self.error.set(self._t.error(exc))
            return
        self._on_saved()
        self.destroy()


class RecordsView(ttk.Frame):
    """A searchable, sortable list of one table's records."""

    def __init__(
        self,
        parent: tk.Misc,
        service: RecordService,
        session: Session,
        fields: list[Field],
        strings,
        show_status: Callable[[str], None],
        confirm: Callable[[str], bool] = lambda _text: True,
        on_changed: Callable[[], None] = lambda: None,
        title: str = "",
    ) -> None:
        super().__init__(parent, padding=scaled(parent, 8))
        if title:  # which list this is, above its search bar
            ttk.Label(self, text=title, font="TkHeadingFont").pack(
                anchor="w", pady=(0, scaled(self, 4))
            )
        self._service, self._session, self._fields = service, session, fields
        self.t = strings
        self._status = show_status
        self._confirm = confirm
        self._on_changed = on_changed
        self._sort: tuple[str, bool] = ("", False)
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 4))
        ttk.Label(bar, text=strings("list.search")).pack(side="left")
        self.search = tk.StringVar()
        entry = ttk.Entry(bar, textvariable=self.search, width=24)
        entry.pack(side="left", padx=4)
        self.search.trace_add("write", lambda *_: self.refresh())
        ttk.Button(bar, text=strings("list.add"), command=self.add).pack(
            side="left", padx=2
        )
        ttk.Button(bar, text=strings("list.edit"), command=self.edit).pack(
            side="left", padx=2
        )
        self.deactivate_button = ttk.Button(
            bar, text=strings("list.deactivate"), command=self.deactivate
        )
        self.deactivate_button.pack(side="left", padx=2)
        self.restore_button = ttk.Button(
            bar, text=strings("list.restore"), command=self.restore
        )
        self.restore_button.pack(side="left", padx=2)
        self.show_passive = tk.BooleanVar(value=False)
        ttk.Checkbutton(
            bar,
            text=strings("list.show_passive"),
            variable=self.show_passive,
            command=self.refresh,
        ).pack(side="left", padx=8)
        columns = [f.name for f in fields] + [name for name, _l, _w in self.extra()]
        if session.is_admin:
            columns.insert(0, "region")
        self.tree = ttk.Treeview(self, columns=columns, show="headings", height=12)
        labels = {f.name: (f.label, f.width) for f in fields}
        labels.update({name: (label, width) for name, label, width in self.extra()})
        for name in columns:
            label, width = labels.get(name, (strings("grid.region"), 90))
            self.tree.heading(name, text=label, command=lambda n=name: self.sort_by(n))
            self.tree.column(name, width=width)
        self.tree.tag_configure("passive", foreground="#888888")
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<Double-1>", lambda _e: self.edit())
        self.rows: list[dict] = []

    def extra(self) -> list[tuple[str, str, int]]:
        """Columns beyond the fields (name, heading, width); none here."""
        return []

    def extra_values(self, rows: list[dict]) -> dict[str, list[str]]:
        """Row id → the extra columns' texts."""
        return {}

    def is_passive(self, row: dict) -> bool:
        return bool(row["deleted"])

    def refresh(self) -> None:
        rows = self._service.list(
            self._session, search=self.search.get(), include_deleted=True
        )
        if not self.show_passive.get():
            rows = [r for r in rows if not self.is_passive(r)]
        column, reverse = self._sort
        if column:
            rows.sort(
                key=lambda r: turkish.sort_key(str(r.get(column) or "")),
                reverse=reverse,
            )
        self.rows = rows
        extra = self.extra_values(rows)
        self.tree.delete(*self.tree.get_children())
        for row in rows:
            values = [
                display(
                    f,
                    row.get(f.name),
                    self._service.spec.column(f.name).kind,
                    listed=True,
                )
                for f in self._fields
            ]
            values += extra.get(row["id"], [])
            if self._session.is_admin:
                values.insert(0, row["region"])
            tags = ("passive",) if self.is_passive(row) else ()
            self.tree.insert("", "end", iid=row["id"], values=values, tags=tags)

    def sort_by(self, column: str) -> None:
        current, reverse = self._sort
        self._sort = (column, not reverse if current == column else False)
        self.refresh()

    def selected(self) -> dict | None:
        chosen = self.tree.selection()
        return (
            next((r for r in self.rows if r["id"] == chosen[0]), None)
            if chosen
            else None
        )

    def add(self) -> RecordDialog:
        return RecordDialog(
            self, self._service, self._session, self._fields, self.t, None, self.saved
        )

    def saved(self) -> None:
        """A record was written here: redraw, and tell those that follow it."""
        self.refresh()
        self._on_changed()

    def edit(self) -> RecordDialog | None:
        row = self.selected()
        if row is None:
            return None
        return RecordDialog(
            self, self._service, self._session, self._fields, self.t, row, self.saved
        )

    def deactivate(self) -> None:
        """Deactivate the selected record once the user confirms it by name."""
        row = self.selected()
        if row is None or self.is_passive(row):
            return
        if not self._confirm(self.t("list.deactivate_confirm", name=self.name(row))):
            return
        self._set_deleted(row, True)

    def restore(self) -> None:
        """Undo a deactivation (the record comes back as it was)."""
        row = self.selected()
        if row is None or not self.is_passive(row):
            return
        self._set_deleted(row, False)

    def _set_deleted(self, row: dict, deleted: bool) -> None:
        try:
            self._service.set_deleted(self._session, row["id"], deleted)
        except PuantajError as exc:
            self._status(self.t.error(exc))
        self.saved()

    def name(self, row: dict) -> str:
        """The record in a few words, for a question about it."""
        first = self._fields[0]
        kind = self._service.spec.column(first.name).kind
        return display(first, row.get(first.name), kind, listed=True)
