"""The import screen: the recognised columns (each adjustable), the dry run row by
row, and the one button that writes it.

Modal; Enter submits (dry-run again after a column change, else import),
Escape cancels. Reading, the dry run and the writing run on a worker (Jobs);
the dialog draws their results when the pump hands it JobDone.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from puantaj.core import sheet
from puantaj.services.import_report import detail
from puantaj.services.import_rows import cell_value
from puantaj.services.importer import ImportPlan, ImportResult
from puantaj.ui.jobs import JobDone, Jobs
from puantaj.ui.modal import make_modal
from puantaj.ui.presenters.importing import ImportPresenter
from puantaj.ui.theme import scaled

PREVIEW, APPLY = "import-preview", "import-apply"
ACTIONS = ("create", "change", "same", "refused")
COLOURS = {"create": "#1b6e20", "change": "#0b4f9c", "refused": "#b00000"}
PER_ROW = 4  # column choosers side by side


def field_label(strings, field: str) -> str:
    """'sicil' → 'Sicil no', 'day:5' → 'Gün 5', '' → '— (alınmaz)'."""
    if field.startswith("day:"):
        return strings("imp.field.day", day=field[4:])
    return strings(f"imp.field.{field}")


class ImportDialog(tk.Toplevel):
    """One import into a region's month, from a sheet already read and dry-run."""

    def __init__(
        self,
        parent: tk.Misc,
        presenter: ImportPresenter,
        jobs: Jobs,
        strings,
        where: str,
        on_imported: Callable[[ImportResult], None],
    ) -> None:
        super().__init__(parent)
        self.p, self._jobs, self.t = presenter, jobs, strings
        self._on_imported = on_imported
        table = presenter.table
        assert table is not None
        self.title(strings("imp.title", file=table.name, where=where))
        self.geometry(f"{scaled(self, 1100)}x{scaled(self, 700)}")  # HiDPI too
        self.minsize(scaled(self, 720), scaled(self, 420))
        body = ttk.Frame(self, padding=8)
        body.pack(fill="both", expand=True)
        # packed first at the bottom: the buttons stay on screen however tall
        # the column choosers are (the theme decides their height)
        buttons = ttk.Frame(body)
        buttons.pack(side="bottom", fill="x")
        ttk.Label(body, text=strings("imp.columns")).pack(anchor="w")
        self._labels = {field_label(strings, f): f for f in presenter.fields()}
        self.combos = self._choosers(ttk.Frame(body), table.headings)
        actions = ttk.Frame(body)
        actions.pack(fill="x", pady=4)
        self.preview_button = ttk.Button(
            actions, text=strings("imp.preview"), command=self.preview
        )
        self.preview_button.pack(side="left")
        self.summary = tk.StringVar()
        ttk.Label(
            actions, textvariable=self.summary, font=("TkDefaultFont", 10, "bold")
        ).pack(side="left", padx=8)
        self.tree = self._plan_tree(body)
        self.cancel_button = ttk.Button(
            buttons, text=strings("imp.cancel"), command=self.destroy
        )
        self.cancel_button.pack(side="right")
        self.apply_button = ttk.Button(
            buttons, text=strings("imp.apply"), command=self.apply
        )
        self.apply_button.pack(side="right", padx=6)
        self.show_plan(presenter.plan)
        make_modal(self, self.apply_button, self.submit)  # Enter, Escape, grab

    def _choosers(self, frame: ttk.Frame, headings: list) -> dict[int, ttk.Combobox]:
        frame.pack(fill="x", pady=4)
        combos = {}
        names = list(self._labels)
        for index, heading in enumerate(headings):
            row, col = divmod(index, PER_ROW)
            shown = cell_value(heading)  # a date heading as 01.11.2026
            ttk.Label(
                frame, text=f"{sheet.column_letter(index + 1)}: {shown}"[:28]
            ).grid(row=row, column=2 * col, sticky="e", padx=(8, 2))
            box = ttk.Combobox(frame, values=names, width=14, state="readonly")
            box.set(field_label(self.t, self.p.mapping.get(index, "")))
            box.grid(row=row, column=2 * col + 1, sticky="w", pady=1)
            box.bind("<<ComboboxSelected>>", lambda _e, i=index: self._chosen(i))
            combos[index] = box
        return combos

    def _plan_tree(self, body: ttk.Frame) -> ttk.Treeview:
        columns = ("row", "sicil", "name", "action", "why")
        tree = ttk.Treeview(body, show="headings", columns=columns, height=8)
        for name, width in zip(columns, (50, 80, 200, 110, 520), strict=True):
            tree.heading(name, text=self.t(f"imp.col.{name}"))
            tree.column(name, width=scaled(tree, width), stretch=name == "why")
        for action, colour in COLOURS.items():
            tree.tag_configure(action, foreground=colour)
        tree.pack(fill="both", expand=True, pady=4)
        return tree

    def _chosen(self, column: int) -> None:
        self.p.assign(column, self._labels[self.combos[column].get()])
        for index, box in self.combos.items():  # a field moved here leaves the other
            box.set(field_label(self.t, self.p.mapping.get(index, "")))
        self.summary.set(self.t("imp.stale"))
        self._enable()

    def show_plan(self, plan: ImportPlan | None) -> None:
        """Draw the dry run, row by row, and what it adds up to."""
        self.tree.delete(*self.tree.get_children())
        if plan is None:
            self._enable()
            return
        for line in plan.lines:
            self.tree.insert(
                "",
                "end",
                iid=str(line.row),
                values=(
                    line.row,
                    line.sicil,
                    line.name,
                    self.t(f"imp.act.{line.action}"),
                    detail(line, self.t.index),
                ),
                tags=(line.action,),
            )
        counts = {action: plan.count(action) for action in ACTIONS}
        self.summary.set(self.t("imp.summary", **counts))
        self._enable()

    def _enable(self, busy: bool = False) -> None:
        self.preview_button.state(["disabled" if busy else "!disabled"])
        for box in self.combos.values():  # fixed while a dry run or import runs
            box.state(["disabled" if busy else "!disabled", "readonly"])
        ready = self.p.can_apply and not busy
        self.apply_button.state(["!disabled" if ready else "disabled"])

    def submit(self) -> None:
        """Enter: dry-run again when the columns changed, else import."""
        if self.p.plan is None:
            self.preview()
        else:
            self.apply()

    def preview(self) -> None:
        presenter, mapping = self.p, dict(self.p.mapping)  # no widget for the worker
        if self._jobs.start(PREVIEW, lambda _progress: presenter.preview(mapping)):
            self.summary.set(self.t("imp.working"))
            self._enable(busy=True)

    def apply(self) -> None:
        if not self.p.can_apply:
            self.summary.set(
                self.t("imp.stale") if self.p.plan is None else self.t("imp.nothing")
            )
            return
        presenter = self.p
        if self._jobs.start(APPLY, lambda _progress: presenter.apply()):
            self.summary.set(self.t("imp.working"))
            self._enable(busy=True)

    def on_message(self, message: object) -> None:
        """A preview or the import itself ended (the pump calls this)."""
        if not isinstance(message, JobDone) or message.name not in (PREVIEW, APPLY):
            return
        if message.error is not None:
            self.summary.set(_error_text(self.t, message.error))
            self._enable()
        elif message.name == PREVIEW:
            if self.p.accept(message.result):
                self.show_plan(message.result)
            else:  # the columns changed while it ran
                self.summary.set(self.t("imp.stale"))
                self._enable()
        else:
            self.destroy()
            self._on_imported(message.result)


def _error_text(strings, exc: Exception) -> str:
    return strings.error(exc)  # an OSError or a bug too, by its kind (issue 15)
