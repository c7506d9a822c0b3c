"""Cell-sized drawing for tksheet: a typed code costs its cell and its row's totals.

tksheet redraws every visible cell (~1,000 canvas items, 20–40 ms) when its cell
editor opens and again after it closes. The grid has its own light editor
(`puantaj/ui/cell_editor.py`), and after an edit only the changed cells and headings
are drawn (`repaint_cells`, `repaint_headings`), by tksheet's own drawing code:
their canvas items are handed to tksheet's item pools as if they were the only ones
on screen, tksheet draws them (highlights blended with the selection, text and
alignment exactly as a full redraw would), and the other items are put back
untouched. `tests/puantaj/ui/test_sheet_cells.py` compares the screen after typing
with a full redraw item by item, so a tksheet upgrade that changes these internals
fails there, not on a clerk's screen; tksheet is pinned to 7.6.x for that reason.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import partial

from tksheet import Sheet

MAX_BLOCKS = 12  # past this many runs of cells a full redraw is as cheap


class _View:
    """Where the table canvas is scrolled to, in tksheet's terms."""

    @classmethod
    def unchanged(cls, mt) -> _View | None:
        """The view, or None when it moved or resized since tksheet's last full
        redraw (then only a full redraw draws it right)."""
        if not mt.disp_grid or mt.scrollregion != scrollregion(mt):
            return None
        return cls(mt)

    def __init__(self, mt) -> None:
        self.width, self.height = mt.winfo_width(), mt.winfo_height()
        self.top, self.bottom = mt.canvasy(0), mt.canvasy(self.height)
        self.left, self.right = mt.canvasx(0), mt.canvasx(self.width)
        rows, cols = mt.row_positions, mt.col_positions
        self.last_row, self.last_col = rows[-1] + 1, cols[-1] + 1
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
    view = _View.unchanged(mt)
    if view is None:
        return False
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


def scrollregion(mt) -> tuple:
    """The scroll region tksheet would set for the table now; it differs from
    `mt.scrollregion` (set at the last full redraw) once a row or column resized."""
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
    view = _View.unchanged(mt)
    if view is None:
        return False
    last_row, last_col = view.last_row, view.last_col
    ch, ri = sheet.CH, sheet.RI
    header = {
        "last_col_line_pos": last_col,
        "scrollpos_left": view.left,
        "scrollpos_right": view.right,
        "x_stop": min(last_col, view.right),
        "grid_start_col": view.grid_cols[0],
        "grid_end_col": view.grid_cols[1],
        "col_pos_exists": False,
        "set_scrollregion": False,
    }
    for c in set(columns) & set(range(*view.cols)):
        left, right = mt.col_positions[c], mt.col_positions[c + 1]
        items = ch.find_enclosed(left - 2, -2, right + 2, ch.current_height + 2)
        draw = partial(ch.redraw_grid_and_text, text_start_col=c, text_end_col=c + 1)
        _draw_only(ch, items, partial(draw, **header))
    index = {
        "last_row_line_pos": last_row,
        "scrollpos_top": view.top,
        "scrollpos_bot": view.bottom,
        "y_stop": min(last_row, view.bottom),
        "grid_start_row": view.grid_rows[0],
        "grid_end_row": view.grid_rows[1],
        "row_pos_exists": False,
        "set_scrollregion": False,
    }
    for r in set(rows) & set(range(*view.rows)):
        top, bottom = mt.row_positions[r], mt.row_positions[r + 1]
        items = ri.find_enclosed(-2, top - 2, ri.current_width + 2, bottom + 2)
        draw = partial(ri.redraw_grid_and_text, text_start_row=r, text_end_row=r + 1)
        _draw_only(ri, items, partial(draw, **index))
    return True


def _redraw_block(mt, view: _View, r: int, c0: int, c1: int) -> None:
    """Columns c0..c1 of table row r."""
    block: set[int] = set()
    for c in range(c0, c1):
        block.update(mt.find_withtag(f"{r}_{c}"))
    last_row, last_col = view.last_row, view.last_col
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


def flush_redraw(sheet: Sheet) -> None:
    """Run tksheet's pending full redraw now (it waits 16 ms after a click or a
    scroll): what the screen shows by a person's next keystroke."""
    if sheet.after_redraw_id is not None:
        sheet.after_cancel(sheet.after_redraw_id)
        sheet.after_redraw()
