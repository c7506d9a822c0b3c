"""The monthly puantaj grid (tksheet): type codes, fill ranges, paste, undo."""

from __future__ import annotations

import datetime as dt
import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from tksheet import Sheet

from puantaj.errors import PuantajError
from puantaj.ui.cell_editor import CellEditor
from puantaj.ui.presenters.grid import GREY, MISSING, GridPresenter
from puantaj.ui.sheet_cells import drop_cell_hover, repaint_cells
from puantaj.ui.sheet_headings import SheetHeadings
from puantaj.ui.theme import scaled
from puantaj.ui.views.month_picker import MonthPicker

BINDINGS = (
    "single_select",
    "drag_select",
    "ctrl_select",
    "row_select",
    "column_select",
    "arrowkeys",
    "tab",
    "copy",
    "cut",
    "paste",
    "delete",
    "edit_cell",
    "right_click_popup_menu",
    "rc_select",
    "select_all",
)

UNDO_KEYS = ("<Control-z>", "<Control-Z>")
REDO_KEYS = ("<Control-Shift-z>", "<Control-Shift-Z>", "<Control-y>")


def month_choices(today: dt.date) -> list[str]:
    months = []
    for offset in range(-12, 3):
        index = today.year * 12 + today.month - 1 + offset
        months.append(f"{index // 12:04d}-{index % 12 + 1:02d}")
    return months


class GridView(ttk.Frame):
    """Thin skin over GridPresenter; writes go through the presenter only."""

    def __init__(
        self,
        parent: tk.Misc,
        presenter: GridPresenter,
        strings,
        regions: Callable[[], list[str]],
        show_status: Callable[[str], None],
        today: dt.date | None = None,
        on_check: Callable[[], None] | None = None,
        confirm: Callable[[str], bool] = lambda _text: True,
    ) -> None:
        super().__init__(parent)
        self._confirm = confirm
        self.p = presenter
        self.t = strings
        self._regions = regions
        self._status = show_status
        today = today or dt.date.today()
        bar = ttk.Frame(self, padding=4)
        bar.pack(fill="x")
        ttk.Label(bar, text=strings("grid.month")).pack(side="left")
        self.picker = MonthPicker(
            bar, f"{today.year:04d}-{today.month:02d}", strings, self.reload
        )
        self.picker.pack(side="left", padx=4)
        self.month, self.month_box = self.picker.month, self.picker.box
        self.region = tk.StringVar(value=presenter.session.region)
        if presenter.session.is_admin:
            ttk.Label(bar, text=strings("grid.region")).pack(side="left", padx=(8, 0))
            self.region_box = ttk.Combobox(
                bar,
                textvariable=self.region,
                width=14,
                state="readonly",
                postcommand=self._list_regions,
            )
            self.region_box.pack(side="left", padx=4)
            self.region_box.bind("<<ComboboxSelected>>", lambda _e: self.reload())
        self.fill_button = ttk.Button(bar, text=strings("grid.fill"), command=self.fill)
        self.fill_button.pack(side="left", padx=4)
        self.copy_button = ttk.Button(bar, text=strings("grid.copy"), command=self.copy)
        self.copy_button.pack(side="left", padx=4)
        if on_check is not None:  # the month's checks, as at submit (issue 13)
            self.check_button = ttk.Button(
                bar, text=strings("grid.check"), command=on_check
            )
            self.check_button.pack(side="left", padx=4)
        self.banner = ttk.Label(
            bar, foreground="#b00000", font=("TkDefaultFont", 10, "bold")
        )
        self.banner.pack(side="left", padx=12)
        self.sheet = Sheet(
            self,
            default_column_width=scaled(self, 44),  # pixels at 96 dpi, scaled
            default_row_index_width=scaled(self, 220),
            default_header_height="2",
            paste_can_expand_x=False,
            paste_can_expand_y=False,
            show_top_left=True,
            align="center",
            header_align="center",
            index_align="w",
            tooltips=False,  # (their hover bindings are dropped: drop_cell_hover)
            user_can_create_notes=False,
        )
        self.sheet.pack(fill="both", expand=True)
        # headings break between words only; what a short heading means, and a
        # name the index column cuts off, show on hover (issue 15)
        self.sheet.set_options(header_wrap="w", redraw=False)
        self.headings = SheetHeadings(
            self, self.sheet, lambda: self.p.index() if self.p.grid is not None else []
        )
        self.header_tip = self.headings.header_tip
        self.name_tip = self.headings.name_tip
        self.sheet.enable_bindings(*BINDINGS)
        self.sheet.edit_validation(self._validate)
        self.sheet.bind("<<SheetModified>>", self._modified)
        self._reload_pending = False
        self.editor = CellEditor(
            self.sheet, self._editor_closed, columns=lambda: self.p.day_count
        )
        drop_cell_hover(self.sheet)
        # undo is the presenter's (per month, by employee and day), not tksheet's
        # stack, which every reload empties: a sync's reload kept no history
        for canvas in (self.sheet.MT, self.sheet.RI, self.sheet.CH, self.sheet.TL):
            for sequence in UNDO_KEYS:
                canvas.bind(sequence, lambda _e: self.undo() or "break")
            for sequence in REDO_KEYS:
                canvas.bind(sequence, lambda _e: self.redo() or "break")
        self.legend = ttk.Label(self, padding=4, text=self._legend_text())
        self.legend.pack(fill="x")
        self._outside: set[tuple[int, int]] = set()
        # shown again (a tab switch): what another tab wrote, a new employee
        # say, is on screen at once (issue 15)
        self.bind("<Map>", self._shown, add="+")

    def _shown(self, event) -> None:
        if event.widget is self and self.p.grid is not None and self.p.is_stale():
            self.reload()

    def _legend_text(self) -> str:
        codes = self.p.timesheets.codes.codes.values()
        label = "label_en" if self.p.language == "en" else "label_tr"
        return (
            self.t("grid.legend")
            + ": "
            + "   ".join(f"{c.code} {getattr(c, label)}" for c in codes)
        )

    def _list_regions(self) -> None:
        self.region_box["values"] = self._regions()

    def reload(self) -> None:
        """Load the chosen month and region and redraw everything. While a code is
        being typed (a sync finished meanwhile) this waits until the editor closes."""
        if self.editor.cell is not None:
            self._reload_pending = True
            return
        self._reload_pending = False
        year, month = (int(x) for x in self.month.get().split("-"))
        region = self.region.get()
        if not region or region == "*":
            regions = self._regions()
            region = regions[0] if regions else ""
            self.region.set(region)
        if not region:
            return
        self.p.load(region, year, month)
        self._draw()

    def _draw(self) -> None:
        p = self.p
        sheet = self.sheet
        headers = p.headers()
        sheet.dehighlight_all(redraw=False)  # (set_sheet_data's would redraw again)
        if self._outside:  # the last month's locked cells are not this month's
            sheet.readonly_cells(
                cells=list(self._outside), readonly=False, redraw=False
            )
        # headers and index first: tksheet counts the columns and rows of the new
        # data by the longer of data and headers, so the last month's longer
        # headers left stale columns ("AO") and rows behind (issue 15)
        sheet.headers([h.text for h in headers], redraw=False)
        sheet.row_index(p.index(), redraw=False)
        sheet.set_sheet_data(
            [row for row in p.rows()],
            reset_col_positions=True,
            reset_row_positions=True,
            redraw=False,
        )
        for c, header in enumerate(headers):
            if header.color:
                sheet.highlight_cells(
                    column=c, canvas="header", bg=header.color, redraw=False
                )
        total_cols = list(range(p.day_count, len(headers)))
        sheet.readonly_columns(columns=total_cols, readonly=True, redraw=False)
        width = scaled(sheet, 62)
        for c in total_cols if p.grid.employees else ():  # no rows: no columns
            sheet.column_width(column=c, width=width, redraw=False)
        self.headings.fit(headers, p.day_count, bool(p.grid.employees))
        outside = p.locked_cells()
        self._outside = set(outside)
        if outside:
            sheet.readonly_cells(cells=outside, readonly=True, redraw=False)
            sheet.highlight_cells(cells=outside, bg=GREY, redraw=False)
        self._paint_rows(range(len(p.grid.employees)))
        locked = p.is_locked
        banner = p.lock_banner()
        sent_back = p.grid.status.was_sent_back
        self.banner.configure(
            text=banner, foreground="#b36200" if sent_back else "#b00000"
        )
        sheet.readonly_columns(
            columns=list(range(p.day_count)), readonly=locked, redraw=False
        )
        state = "disabled" if locked else "normal"
        self.legend.configure(text=self._legend_text())  # the admin may edit codes
        self.fill_button.configure(state=state)
        self.copy_button.configure(state=state)
        sheet.redraw()

    def _paint_rows(self, rows) -> None:
        """Colour day cells by their code, one highlight call per colour."""
        by_color: dict[str, list[tuple[int, int]]] = {}
        color_of: dict[str, str] = {}  # a month holds a handful of distinct texts
        data = self.sheet.MT.data
        for r in rows:
            row = data[r]
            for c in range(self.p.day_count):
                if (r, c) not in self._outside:
                    text = str(row[c] or "")
                    if not text and self.p.is_missing(r, c):
                        color = MISSING  # blank: missing data, counted nowhere
                    else:
                        color = color_of.get(text)
                    if color is None:
                        color = color_of[text] = self.p.code_color(text) or "white"
                    by_color.setdefault(color, []).append((r, c))
        for color, cells in by_color.items():
            self.sheet.highlight_cells(cells=cells, bg=color, redraw=False)

    def _editor_closed(self) -> None:
        if self._reload_pending:
            self.reload()

    def _validate(self, event) -> str | None:
        try:
            return self.p.normalise(event.value)
        except PuantajError as exc:  # what is wrong: X+2.5, X+20, HT+2, Q
            self._status(self.t.error(exc))
            return None

    def _modified(self, event) -> None:
        changes = {
            tuple(key): self.sheet.get_cell_data(*key) for key in event.cells.table
        }
        if len(changes) == 1:
            changes = self._spread(changes)
        changes = {k: v for k, v in changes.items() if k[1] < self.p.day_count}
        if not changes:
            return
        try:
            rows = self.p.commit(
                changes, source="paste" if len(changes) > 1 else "grid"
            )
        except PuantajError as exc:
            self._status(self.t.error(exc))
            self.reload()
            return
        for r in rows:
            totals = self.p.row(r)[self.p.day_count :]
            for offset, value in enumerate(totals):
                self.sheet.set_cell_data(
                    r, self.p.day_count + offset, value, redraw=False
                )
        self._paint_rows(rows)
        width = len(self.sheet.MT.col_positions) - 1
        totals = range(self.p.day_count, width)
        shown = set(changes) | {(r, c) for r in rows for c in totals}
        if not repaint_cells(self.sheet, shown):
            self.sheet.set_refresh_timer(True)  # view moved or many cells: redraw all
        self._status(self.p.warning or self.t("grid.saved", n=len(changes)))

    def _spread(self, changes: dict) -> dict:
        """Typing into one cell of a selected range fills the whole range."""
        ((key, value),) = changes.items()
        selected = set(self.sheet.get_selected_cells())
        if len(selected) <= 1 or key not in selected:
            return changes
        outside = self._outside
        targets = {
            cell
            for cell in selected
            if cell[1] < self.p.day_count and cell not in outside
        }
        for cell in targets:
            self.sheet.set_cell_data(*cell, value, redraw=False)
        return {cell: value for cell in targets}

    def fill(self) -> None:
        """Ask, then fill the empty days up to today (one undoable step)."""
        if self.p.grid is None or not self._confirm(self.p.fill_question()):
            return
        self._run(self.p.fill_month)

    def copy(self) -> None:
        self._run(self.p.copy_last_month)

    def _run(self, action: Callable[[], int]) -> None:
        self.editor.close()  # what is being typed is stored before the action
        try:
            count = action()
        except PuantajError as exc:
            self._status(self.t.error(exc))
            return
        self._status(self.t("grid.saved", n=count))
        self.reload()

    def undo(self) -> None:
        """Ctrl+Z: put back the month's last change (an edit, a paste, a fill)."""
        self._replay(self.p.undo, "grid.undone")

    def redo(self) -> None:
        """Ctrl+Shift+Z, Ctrl+Y: make the last undone change again."""
        self._replay(self.p.redo, "grid.redone")

    def _replay(self, action: Callable[[], tuple[int, int] | None], key: str) -> None:
        self.editor.close()
        if self.p.grid is None:
            return
        try:
            done = action()
        except PuantajError as exc:
            self._status(self.t.error(exc))
            return
        if done is None:
            self._status(self.t("grid.nothing_to_undo"))
            return
        written, skipped = done
        text = self.t(key, n=written)
        if skipped:
            text += " — " + self.t("grid.undo_skipped", n=skipped)
        self._status(text)
        self.reload()

    def show(self, region: str, year: int, month: int) -> None:
        """Open a region's month (a check's finding may name another one)."""
        self.month.set(f"{year:04d}-{month:02d}")
        if self.p.session.is_admin:
            self.region.set(region)
        self.reload()

    def show_cell(self, employee_id: str | None, day: dt.date) -> bool:
        """Select an employee's day on screen and scroll to it."""
        where = self.p.locate_day(employee_id, day)
        if where is None:
            return False
        self.sheet.select_cell(*where, redraw=False)
        self.sheet.see(*where)
        self.sheet.focus_set()
        return True
