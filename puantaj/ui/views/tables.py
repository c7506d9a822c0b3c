"""Tablolar (admin): the day codes and the holidays in force, edited for every office."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.core.codes import KINDS
from puantaj.core.datetext import day_text
from puantaj.core.numbers import format_number
from puantaj.core.tables import HOLIDAY_STATES
from puantaj.errors import PuantajError
from puantaj.services.calendar import CalendarService
from puantaj.services.calendar_admin import CalendarAdmin
from puantaj.services.session import Session
from puantaj.ui.modal import make_modal

CODE_COLUMNS = ("code", "label_tr", "kind", "worked", "paid", "sgk", "eksik", "aliases")
HOLIDAY_COLUMNS = ("holiday_date", "name_tr", "fraction", "status")


class FormDialog(tk.Toplevel):
    """A small form: labelled entries (or choices); `save` gets the values and
    raises PuantajError to keep the form open with the message."""

    def __init__(self, parent, strings, title: str, fields, values: dict, save) -> None:
        super().__init__(parent)
        self.t, self._save = strings, save
        self.title(title)
        body = ttk.Frame(self, padding=12)
        body.pack(fill="both", expand=True)
        self.vars: dict[str, tk.Variable] = {}
        self.widgets: dict[str, tk.Widget] = {}
        self._choices: dict[str, dict] = {}
        for i, (name, choices) in enumerate(fields):
            ttk.Label(body, text=strings(f"tables.f.{name}")).grid(
                row=i, column=0, sticky="e", padx=4, pady=2
            )
            if choices == "bool":
                var: tk.Variable = tk.BooleanVar(value=bool(values.get(name, True)))
                widget = ttk.Checkbutton(body, variable=var)
            else:  # choices: screen label → stored value
                shown = {v: k for k, v in dict(choices).items()}
                value = values.get(name, "")
                var = tk.StringVar(value=shown.get(value, str(value)))
                widget = (
                    ttk.Combobox(
                        body,
                        textvariable=var,
                        values=list(dict(choices)),
                        state="readonly",
                    )
                    if choices
                    else ttk.Entry(body, textvariable=var, width=32)
                )
            self._choices[name] = dict(choices) if choices not in ("bool", ()) else {}
            widget.grid(row=i, column=1, sticky="w", pady=2)
            self.vars[name] = var
            self.widgets[name] = widget
        self.error = tk.StringVar()
        ttk.Label(
            body, textvariable=self.error, foreground="#b00", wraplength=360
        ).grid(row=len(fields), column=0, columnspan=2, pady=6)
        self.save_button = ttk.Button(
            body, text=strings("dialog.save"), command=self.ok
        )
        self.save_button.grid(row=len(fields) + 1, column=1, sticky="e")
        make_modal(self, next(iter(self.widgets.values()), None), self.ok)

    def ok(self) -> bool:
        try:
            values = {k: v.get() for k, v in self.vars.items()}
            for name, choices in self._choices.items():
                values[name] = choices.get(values[name], values[name])
            self._save(values)
        except PuantajError as exc:
            self.error.set(self.t.error(exc))
            return False
        self.destroy()
        return True


class TablesView(ttk.Frame):
    """The admin's editor of the code table and the holiday table."""

    def __init__(
        self,
        parent: tk.Misc,
        calendars: CalendarService,
        admin: CalendarAdmin,
        session: Session,
        strings,
        confirm: Callable[[str], bool],
        show_status: Callable[[str], None],
        on_changed: Callable[[], None],
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent, padding=6)
        self._calendars, self._admin, self._session = calendars, admin, session
        self.t, self._confirm, self._status = strings, confirm, show_status
        self._on_changed = on_changed
        panes = ttk.PanedWindow(self, orient="vertical")
        panes.pack(fill="both", expand=True)
        codes = ttk.LabelFrame(panes, text=strings("tables.codes"), padding=4)
        panes.add(codes, weight=1)
        self.codes = self._tree(codes, (*CODE_COLUMNS, "active", "source"))
        bar = ttk.Frame(codes)
        bar.pack(fill="x")
        for key, command in (
            ("list.add", lambda: self.edit_code(None)),
            ("list.edit", lambda: self.edit_code(self._chosen(self.codes))),
            ("tables.reset", self.reset_code),
        ):
            ttk.Button(bar, text=strings(key), command=command).pack(
                side="left", padx=2
            )
        days = ttk.LabelFrame(panes, text=strings("tables.holidays"), padding=4)
        panes.add(days, weight=1)
        top = ttk.Frame(days)
        top.pack(fill="x")
        year = (today or dt.date.today()).year
        self.year = tk.StringVar(value=str(year))
        box = ttk.Combobox(
            top,
            textvariable=self.year,
            width=6,
            state="readonly",
            values=[str(y) for y in range(year - 2, year + 3)],
        )
        box.pack(side="left")
        box.bind("<<ComboboxSelected>>", lambda _e: self.refresh())
        for key, command in (
            ("list.add", lambda: self.edit_holiday(None)),
            ("list.edit", lambda: self.edit_holiday(self._chosen(self.holidays))),
            ("tables.remove", self.remove_holiday),
            ("tables.confirm", self.confirm_holiday),
            ("tables.prefill", self.prefill),
        ):
            ttk.Button(top, text=strings(key), command=command).pack(
                side="left", padx=2
            )
        self.holidays = self._tree(days, (*HOLIDAY_COLUMNS, "source"))
        self.holidays.tag_configure("to_confirm", background="#ffe1a8")
        self.refresh()

    def _tree(self, parent, columns) -> ttk.Treeview:
        tree = ttk.Treeview(parent, show="headings", height=8, columns=columns)
        for name in columns:
            tree.heading(name, text=self.t(f"tables.f.{name}"))
            tree.column(name, width=220 if name.startswith("name") else 80)
        tree.pack(fill="both", expand=True)
        return tree

    @staticmethod
    def _chosen(tree: ttk.Treeview) -> str | None:
        chosen = tree.selection()
        return chosen[0] if chosen else None

    def refresh(self) -> None:
        self.codes.delete(*self.codes.get_children())
        for row in self._calendars.code_rows():
            c = row.code
            values = (
                c.code,
                c.label_tr,
                self.t(f"kind.{c.kind}"),
                format_number(c.worked),
                format_number(c.paid),
                self.t("tables.yes") if c.sgk else self.t("tables.no"),
                c.eksik,
                ", ".join(c.aliases),
                self.t("tables.yes") if row.active else self.t("tables.no"),
                self.t(f"tables.source.{row.source}"),
            )
            self.codes.insert("", "end", iid=c.code, values=values)
        self.holidays.delete(*self.holidays.get_children())
        for row in self._calendars.holiday_rows(int(self.year.get())):
            h = row.holiday
            self.holidays.insert(
                "",
                "end",
                iid=h.day.isoformat(),
                values=(
                    day_text(h.day),
                    h.name_tr,
                    format_number(h.fraction),
                    self.t(f"tables.status.{row.status}"),
                    self.t(f"tables.source.{row.source}"),
                ),
                tags=(row.status,),
            )

    def _changed(self, text: str) -> None:
        self._status(text)
        self.refresh()
        self._on_changed()  # the grid reads the tables again

    def edit_code(self, code: str | None) -> FormDialog:
        rows = {r.code.code: r for r in self._calendars.code_rows()}
        held = rows.get(code) if code else None
        values = {"sgk": True, "active": True, "kind": "work", "color": "#ffffff"}
        if held is not None:
            c = held.code
            values = {
                **c.__dict__,
                "worked": format_number(c.worked),
                "paid": format_number(c.paid),
                "aliases": ", ".join(c.aliases),
                "active": held.active,
            }
        kinds = {self.t(f"kind.{k}"): k for k in KINDS}
        fields = [(n, kinds if n == "kind" else ()) for n in CODE_COLUMNS[:5]]
        fields += [("sgk", "bool"), ("eksik", ()), ("aliases", ()), ("color", ())]
        fields += [("label_en", ()), ("active", "bool")]

        def save(form: dict) -> None:
            saved = self._admin.save_code(self._session, form)
            self._changed(self.t("tables.saved", what=saved))

        return FormDialog(self, self.t, self.t("tables.codes"), fields, values, save)

    def reset_code(self) -> None:
        code = self._chosen(self.codes)
        if code and self._confirm(self.t("tables.reset_confirm", code=code)):
            self._admin.reset_code(self._session, code)
            self._changed(self.t("tables.saved", what=code))

    def edit_holiday(self, day: str | None) -> FormDialog:
        values = {"fraction": "1", "status": "confirmed"}
        for row in self._calendars.holiday_rows(int(self.year.get())):
            if day and row.holiday.day.isoformat() == day:
                h = row.holiday
                values = {
                    "holiday_date": day_text(h.day),
                    "name_tr": h.name_tr,
                    "name_en": h.name_en,
                    "fraction": format_number(h.fraction),
                    "status": row.status,
                }
        fields = [
            ("holiday_date", ()),
            ("name_tr", ()),
            ("name_en", ()),
            ("fraction", {"1": "1", "0,5": "0,5"}),
            ("status", {self.t(f"tables.status.{s}"): s for s in HOLIDAY_STATES}),
        ]

        def save(form: dict) -> None:
            when = self._admin.save_holiday(
                self._session,
                form["holiday_date"],
                form["name_tr"],
                form["name_en"],
                form["fraction"],
                form["status"],
            )
            self._changed(self.t("tables.saved", what=day_text(when)))

        return FormDialog(self, self.t, self.t("tables.holidays"), fields, values, save)

    def remove_holiday(self) -> None:
        day = self._chosen(self.holidays)
        if not day:
            return
        shown = day_text(day)
        if self._confirm(self.t("tables.remove_confirm", day=shown)):
            self._admin.remove_holiday(self._session, day)
            self._changed(self.t("tables.saved", what=shown))

    def confirm_holiday(self) -> None:
        day = self._chosen(self.holidays)
        if day:
            self._admin.confirm_holiday(self._session, day)
            self._changed(self.t("tables.saved", what=day))

    def prefill(self) -> list[dt.date]:
        year = int(self.year.get())
        if not self._confirm(self.t("tables.prefill_confirm", year=year)):
            return []
        try:
            added = self._admin.prefill(self._session, year)
        except PuantajError as exc:
            self._status(self.t.error(exc))
            return []
        self._changed(self.t("tables.prefilled", n=len(added), year=year))
        return added
