"""Cell-sized drawing for tksheet: a typed code costs its cell and its row's totals.

tksheet redraws every visible cell (~1,000 canvas items, 20–40 ms) when its cell
editor opens and again after it closes. Here the grid gets its own light editor
(`CellEditor`), and after an edit only the changed cells are drawn (`repaint_cells`),
by tksheet's own drawing code: those cells' canvas items are handed to tksheet's
item pools as if they were the only ones on screen, tksheet draws them (highlights
blended with the selection, text, alignment exactly as a full redraw would), and the
other items are put back untouched. `tests/puantaj/ui/test_sheet_cells.py` compares
the screen after typing with a full redraw item by item, so a tksheet upgrade that
changes these internals fails there, not on a clerk's screen; tksheet is pinned to
7.6.x for that reason.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from tksheet import Sheet
from tksheet.functions import event_has_char_key, event_opens_dropdown_or_checkbox

MAX_BLOCKS = 12  # past this many runs of cells a full redraw is as cheap


class _View:
    """Where the table canvas is scrolled to, in tksheet's terms."""

    def __init__(self, mt) -> None:
        self.width, self.height = mt.winfo_width(), mt.winfo_height()
        self.top, self.bottom = mt.canvasy(0), mt.canvasy(self.height)
        self.left, self.right = mt.canvasx(0), mt.canvasx(self.width)
        rows, cols = mt.row_positions, mt.col_positions
        self.grid_rows = (bisect_left(rows, self.top), bisect_right(rows, self.bottom))
        self.grid_cols = (bisect_left(cols, self.left), bisect_right(cols, self.right))
        r0, r1 = self.grid_rows
        c0, c1 = self.grid_cols
        # the rows and columns tksheet draws text for
        self.rows = (r0 - 1 if r0 else r0, r1 - 1 if r1 == len(rows) else r1)
        self.cols = (c0 - 1 if c0 else c0, c1 - 1 if c1 == len(cols) else c1)


def repaint_cells(sheet: Sheet, cells: Iterable[tuple[int, int]]) -> bool:
    """Redraw the given display cells where they are on screen; False (and nothing
    drawn) when the view has moved or resized since the last full redraw, or so
    many cells changed that a full redraw is as cheap: the caller asks for one."""
    mt = sheet.MT
    if not mt.disp_grid or mt.scrollregion != _scrollregion(mt):
        return False
    view = _View(mt)
    (r0, r1), (c0, c1) = view.rows, view.cols
    by_row: dict[int, set[int]] = {}
    for r, c in cells:
        if r0 <= r < r1 and c0 <= c < c1:
            by_row.setdefault(r, set()).add(c)
    blocks = [
        (r, run)
        for r, columns in sorted(by_row.items())
        for run in _runs(sorted(columns))
    ]
    if len(blocks) > MAX_BLOCKS:
        return False
    for r, (start, end) in blocks:
        _redraw_block(mt, view, r, start, end)
    return True


def _scrollregion(mt) -> tuple:
    return (
        0,
        0,
        mt.col_positions[-1] + 1 + mt.PAR.ops.empty_horizontal + 2,
        mt.row_positions[-1] + 1 + mt.PAR.ops.empty_vertical + 2,
    )


def _runs(numbers: list[int]) -> Iterable[tuple[int, int]]:
    """Consecutive runs of sorted numbers as (start, end) half-open ranges."""
    start = prev = None
    for r in numbers:
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            yield start, prev + 1
            start = prev = r
    if start is not None:
        yield start, prev + 1


def repaint_headings(sheet: Sheet, columns: Iterable[int], rows: Iterable[int]) -> bool:
    """Redraw the given column headers and row-index cells (their shading follows
    the selected cell); False when the view has moved since the last full redraw."""
    mt = sheet.MT
    if not mt.disp_grid or mt.scrollregion != _scrollregion(mt):
        return False
    view = _View(mt)
    last_row, last_col = mt.row_positions[-1] + 1, mt.col_positions[-1] + 1
    ch, ri = sheet.CH, sheet.RI
    for c in sorted(set(columns)):
        if not view.cols[0] <= c < view.cols[1]:
            continue
        left, right = mt.col_positions[c], mt.col_positions[c + 1]
        _draw_only(
            ch,
            ch.find_enclosed(left - 2, -2, right + 2, ch.current_height + 2),
            lambda c=c: ch.redraw_grid_and_text(
                last_col_line_pos=last_col,
                scrollpos_left=view.left,
                x_stop=min(last_col, view.right),
                grid_start_col=view.grid_cols[0],
                grid_end_col=view.grid_cols[1],
                text_start_col=c,
                text_end_col=c + 1,
                scrollpos_right=view.right,
                col_pos_exists=False,
                set_scrollregion=False,
            ),
        )
    for r in sorted(set(rows)):
        if not view.rows[0] <= r < view.rows[1]:
            continue
        top, bottom = mt.row_positions[r], mt.row_positions[r + 1]
        _draw_only(
            ri,
            ri.find_enclosed(-2, top - 2, ri.current_width + 2, bottom + 2),
            lambda r=r: ri.redraw_grid_and_text(
                last_row_line_pos=last_row,
                scrollpos_top=view.top,
                y_stop=min(last_row, view.bottom),
                grid_start_row=view.grid_rows[0],
                grid_end_row=view.grid_rows[1],
                text_start_row=r,
                text_end_row=r + 1,
                scrollpos_bot=view.bottom,
                row_pos_exists=False,
                set_scrollregion=False,
            ),
        )
    return True


def _redraw_block(mt, view: _View, r: int, c0: int, c1: int) -> None:
    """Columns c0..c1 of table row r."""
    block: set[int] = set()
    for c in range(c0, c1):
        block.update(mt.find_withtag(f"{r}_{c}"))
    last_row, last_col = mt.row_positions[-1] + 1, mt.col_positions[-1] + 1
    _draw_only(
        mt,
        block,
        lambda: mt.redraw_grid_and_text(
            last_row_line_pos=last_row,
            last_col_line_pos=last_col,
            scrollpos_top=view.top,
            scrollpos_bot=view.bottom,
            scrollpos_left=view.left,
            scrollpos_right=view.right,
            x_stop=min(last_col, view.right),
            y_stop=min(last_row, view.bottom),
            col_pos_exists=False,
            row_pos_exists=False,
            can_width=view.width,
            can_height=view.height,
            grid_start_row=view.grid_rows[0],
            grid_end_row=view.grid_rows[1],
            grid_start_col=view.grid_cols[0],
            grid_end_col=view.grid_cols[1],
            text_start_row=r,
            text_end_row=r + 1,
            text_start_col=c0,
            text_end_col=c1,
        ),
    )


_POOLS = ("text", "high", "dropdown", "checkbox", "tree_arrow")
_LAYOUT = (  # what a header or index redraw recomputes from its grid lines
    "visible_col_dividers",
    "col_height_resize_bbox",
    "visible_row_dividers",
    "row_width_resize_bbox",
)


def _draw_only(canvas, items: Iterable[int], draw: Callable[[], object]) -> None:
    """Run tksheet's redraw `draw` of one of its canvases as if `items` were all it
    shows: tksheet takes them from its pools and redraws them; every other shown
    item is set aside and put back untouched. Grid lines stay as they are (no
    positions are given, so tksheet draws none), and only the redrawn text is
    raised over its cells: moving the grid lines or raising every text item would
    make Tk repaint the whole canvas."""
    items = set(items)
    pools = [p for p in _POOLS if hasattr(canvas, f"disp_{p}")]
    kept = {}
    for pool in pools:
        shown = kept[pool] = getattr(canvas, f"disp_{pool}")
        setattr(canvas, f"disp_{pool}", {i: shown.pop(i) for i in items if i in shown})
    kept_corners, kept_grid = canvas.disp_corners, canvas.disp_grid
    canvas.disp_corners, canvas.disp_grid = set(), {}
    layout = {name: getattr(canvas, name) for name in _LAYOUT if hasattr(canvas, name)}
    canvas.lift = canvas.tag_raise = _do_nothing
    try:
        draw()
    finally:
        del canvas.lift, canvas.tag_raise
        for iid in canvas.disp_text:
            canvas.tag_raise(iid)
        for pool, shown in kept.items():
            shown.update(getattr(canvas, f"disp_{pool}"))
            setattr(canvas, f"disp_{pool}", shown)
        canvas.disp_corners |= kept_corners
        canvas.disp_grid = kept_grid
        for name, value in layout.items():
            setattr(canvas, name, value)


def drop_cell_hover(sheet: Sheet) -> None:
    """tksheet binds <Enter>/<Leave> on its cell items for tooltips and notes, which
    this grid turns off: every pointer crossing still ran Python, and every redraw
    bound them again (each tkinter `tag_bind` registers a Tcl command that lives as
    long as the widget, thousands in a day of scrolling). They are not bound."""
    for canvas in (sheet.MT, sheet.RI, sheet.CH):
        for sequence in _HOVER:
            canvas.tag_unbind("c", sequence)
        canvas.tag_bind = _without_hover(canvas.tag_bind)


_HOVER = ("<Enter>", "<Leave>")


def _without_hover(tag_bind):
    def call(tag, sequence=None, func=None, add=None):
        if tag == "c" and sequence in _HOVER and func is not None:
            return None
        return tag_bind(tag, sequence, func, add)

    return call


def _do_nothing(*_args, **_kwargs) -> bool:
    return True


class CellEditor:
    """The grid's cell editor: a box and a text item drawn on the table canvas.

    Replaces tksheet's editor (a Text widget whose every command goes through a
    Python proxy, re-bound and given a new context menu each time it opens, with a
    full redraw on open and on close). Nothing is mapped and the focus never
    leaves the canvas, so opening costs two canvas items. Keys reach it through a
    bindtag placed before tksheet's own, which see none of them while it is open.
    Closing hands the value to tksheet as its own editor does (validation, undo
    stack, `<<SheetModified>>`), so paste, undo and range typing work as before.
    Enter/Tab store and move on; Escape cancels; a click elsewhere or leaving the
    grid stores what was typed and stays."""

    def __init__(self, sheet: Sheet, on_close: Callable[[], None]) -> None:
        self._sheet = sheet
        mt = self._mt = sheet.MT
        self._on_close = on_close
        ops = sheet.ops
        self._box = mt.create_rectangle(
            0,
            0,
            0,
            0,
            fill=ops.table_bg,
            outline=ops.table_selected_box_cells_fg,
            width=2,
            state="hidden",
            tags=("lift",),
        )
        self._text = mt.create_text(
            0,
            0,
            anchor="n",
            font=ops.table_font,
            fill=ops.table_fg,
            state="hidden",
            tags=("lift",),
        )
        mt.configure(insertbackground=ops.table_fg, insertwidth=1)
        self.cell: tuple[int, int] | None = None
        tag = f"cell-editor-{id(self)}"
        for canvas in (mt, sheet.RI, sheet.CH):
            canvas.bindtags((tag, *canvas.bindtags()))
        mt.bind_class(tag, "<Key>", self._key)
        for button in (1, 2, 3):  # not 4 and 5: the wheel scrolls, editor and all
            mt.bind_class(tag, f"<ButtonPress-{button}>", self._click)
        mt.bind_class(tag, "<FocusOut>", self._focus_out)
        mt.open_text_editor = self.open
        mt.go_to_next_cell = _turning_pages(mt, mt.go_to_next_cell)
        redraw = mt.main_table_redraw_grid_and_text

        def redraw_under_editor(*args, **kwargs):
            drawn = redraw(*args, **kwargs)
            if self.cell is not None:  # tksheet raises its text and borders
                self._raise()
            return drawn

        mt.main_table_redraw_grid_and_text = redraw_under_editor

    def text(self) -> str:
        return self._mt.itemcget(self._text, "text")

    def open(self, event=None, r: int = 0, c: int = 0, **_options) -> bool:
        """tksheet's open_text_editor: a typed character replaces the cell, Enter
        and F2 edit what is there, BackSpace starts empty."""
        mt = self._mt
        text = str(mt.get_cell_data(mt.datarn(r), mt.datacn(c), none_to_empty_str=True))
        if event_opens_dropdown_or_checkbox(event):
            if getattr(event, "keysym", "") == "BackSpace":
                text = ""
        elif event_has_char_key(event):
            text = event.char
        elif event is not None:
            return False
        if self.cell is not None:
            self.close("FocusOut")
        if not mt.cell_completely_visible(r, c):
            mt.see(r, c)
        self.cell = (r, c)
        middle = (mt.col_positions[c] + mt.col_positions[c + 1]) / 2
        mt.coords(self._text, middle, mt.row_positions[r] + 3)
        mt.itemconfigure(self._text, text=text, state="normal")
        self._fit()
        mt.itemconfigure(self._box, state="normal")
        self._raise()
        mt.focus_set()
        mt.focus(self._text)
        mt.icursor(self._text, "end")
        return True

    def _raise(self) -> None:
        self._mt.tag_raise(self._box)
        self._mt.tag_raise(self._text)

    def _fit(self) -> None:
        """Size the box to the cell, or wider when the text is longer."""
        mt = self._mt
        r, c = self.cell
        left, right = mt.col_positions[c], mt.col_positions[c + 1]
        text_left, _, text_right, _ = mt.bbox(self._text) or (left, 0, left, 0)
        grow = max(0, (text_right - text_left) + 12 - (right - left)) / 2
        top, bottom = mt.row_positions[r], mt.row_positions[r + 1]
        mt.coords(self._box, left + 1 - grow, top + 1, right + grow, bottom)

    def _key(self, event) -> str | None:
        if self.cell is None:
            return None  # tksheet's own keys: moving, copying, opening this editor
        mt, item = self._mt, self._text
        key = event.keysym
        control = event.state & 0x4
        if key in ("Return", "KP_Enter", "Tab", "Escape"):
            return self.close("Return" if key == "KP_Enter" else key)
        at = mt.index(item, "insert")
        if key == "BackSpace" and at > 0:
            mt.dchars(item, at - 1)
        elif key in ("Delete", "KP_Delete"):
            mt.dchars(item, at)
        elif key in ("Left", "Right", "Home", "End"):
            moves = {"Left": at - 1, "Right": at + 1, "Home": 0, "End": "end"}
            mt.icursor(item, moves[key])
        elif control and key.lower() == "v":
            pasted = mt.clipboard_get().strip().splitlines()
            mt.insert(item, "insert", pasted[0] if pasted else "")
        elif event.char and event.char.isprintable() and not control:
            mt.insert(item, "insert", event.char)
        self._fit()
        return "break"

    def _click(self, _event) -> None:
        """A click anywhere in the sheet stores the entry (without moving); tksheet
        then handles the click as usual."""
        if self.cell is not None:
            self.close("FocusOut")

    def _focus_out(self, _event) -> None:
        """The focus leaving the sheet stores the entry; the focus coming to the
        table (opening the editor from the row or column headers) does not."""
        if self.cell is not None and self._mt.focus_get() is not self._mt:
            self.close("FocusOut")

    def close(self, key: str = "FocusOut") -> str:
        """Hide the editor; unless `key` is Escape, give tksheet the typed value
        as its own editor would (validation, undo, `<<SheetModified>>`)."""
        if self.cell is None:
            return "break"
        (r, c), self.cell = self.cell, None
        mt = self._mt
        value = self.text()
        mt.focus("")
        mt.itemconfigure(self._text, state="hidden")
        mt.itemconfigure(self._box, state="hidden")
        if key != "Escape":
            self._store(r, c, value, key)
        self._on_close()
        return "break"

    def _store(self, r: int, c: int, value: str, key: str) -> None:
        mt = self._mt
        datarn, datacn = mt.datarn(r), mt.datacn(c)
        before = mt.get_cell_data(datarn, datacn)
        event = mt.new_single_edit_event(r, c, datarn, datacn, key, before, value)
        value, event = mt.single_edit_run_validation(datarn, datacn, event)
        edited = value is not None and mt.set_cell_data_undo(
            r=r, c=c, datarn=datarn, datacn=datacn, value=value, redraw=False
        )
        if mt.scrollregion != _scrollregion(mt):  # the entry widened its column
            mt.recreate_all_selection_boxes()
            mt.main_table_redraw_grid_and_text(
                redraw_header=True, redraw_row_index=True
            )
        selected = mt.selected
        if (
            selected
            and (selected.row, selected.column) == (r, c)
            and (edited or mt.cell_equal_to(datarn, datacn, value))
        ):
            ranges = _shaded_ranges(mt)
            mt.go_to_next_cell(r, c, key)
            if _shaded_ranges(mt) != ranges:  # a shaded range was let go of
                mt.main_table_redraw_grid_and_text(
                    redraw_header=True, redraw_row_index=True
                )
            elif mt.selected and (mt.selected.row, mt.selected.column) != (r, c):
                # the selected cell's column and row are shaded in the headings
                to_r, to_c = mt.selected.row, mt.selected.column
                columns = set() if to_c == c else {c, to_c}
                rows = set() if to_r == r else {r, to_r}
                if not repaint_headings(self._sheet, columns, rows):
                    mt.main_table_redraw_grid_and_text(
                        redraw_header=True, redraw_row_index=True, redraw_table=False
                    )


def _shaded_ranges(mt) -> set:
    """Selected ranges that tksheet shades (a lone selected cell only has a border)."""
    return {
        (box.coords, box.type_)
        for box in mt.selection_boxes.values()
        if box.state == "normal"
    }


def _turning_pages(mt, go_to_next_cell):
    """Enter/Tab after an edit that leaves the screen scrolls the next cell to the
    top-left instead of the bottom-right edge: a clerk typing along a row pays for
    one full redraw per screenful, not one per cell past the edge."""

    def call(*args, **kwargs):
        see = mt.see

        def see_from_top_left(*see_args, **see_kwargs):
            return see(*see_args, **{**see_kwargs, "bottom_right_corner": False})

        mt.see = see_from_top_left
        try:
            return go_to_next_cell(*args, **kwargs)
        finally:
            del mt.see

    return call
