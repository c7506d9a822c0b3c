"""The grid's cell editor: a box and a text item drawn on tksheet's table canvas.

It replaces tksheet's editor, which redraws the whole visible grid when it opens and
again when it closes. The drawing after an edit is in `puantaj/ui/sheet_cells.py`;
`tests/puantaj/ui/test_sheet_cells.py` checks both against tksheet's full redraw.
"""

from __future__ import annotations

from collections.abc import Callable

from tksheet import Sheet
from tksheet.functions import event_has_char_key, event_opens_dropdown_or_checkbox

from puantaj.ui.sheet_cells import repaint_headings, scrollregion


class CellEditor:
    """The grid's cell editor: a box and a text item drawn on the table canvas.

    Replaces tksheet's editor (a Text widget whose every command goes through a
    Python proxy, re-bound and given a new context menu each time it opens, with a
    full redraw on open and on close). Nothing is mapped and the focus never
    leaves the canvas, so opening costs two canvas items. Keys reach it through a
    bindtag placed before tksheet's own, which see none of them while it is open.
    Closing hands the value to tksheet as its own editor does (validation, undo
    stack, `<<SheetModified>>`), so paste, undo and range typing work as before.
    Enter/Tab store and move on (Tab past `columns()` goes on at the start of the
    next row); Escape cancels; a click elsewhere or leaving the grid stores what
    was typed and stays. As in Excel, arrows store and move when the cell was
    typed over, and move the caret when it was opened to edit (Enter, F2)."""

    def __init__(
        self,
        sheet: Sheet,
        on_close: Callable[[], None],
        columns: Callable[[], int] | None = None,
    ) -> None:
        self._sheet = sheet
        mt = self._mt = sheet.MT
        self._on_close = on_close
        self._columns = columns
        self._typed_over = False
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
        mt.go_to_next_cell = self._next_cell(mt.go_to_next_cell)
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
        self._typed_over = event is not None and text == getattr(event, "char", None)
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
        mt, item = self._mt, self._text
        key = event.keysym
        if self.cell is None:
            # tksheet's own keys (moving, copying, opening this editor), but a
            # plain arrow from a lone cell moves without a full redraw
            lone = (
                mt.selected and mt.selected.type_ == "cells" and not _shaded_ranges(mt)
            )
            if key not in _ARROWS or event.state & _MODIFIERS or not lone:
                return None
            self._move(mt.selected.row, mt.selected.column, key)
            return "break"
        control = event.state & 0x4
        if key in ("Return", "KP_Enter", "Tab", "Escape"):
            return self.close("Return" if key == "KP_Enter" else key)
        if self._typed_over and key in _ARROWS:
            return self.close(key)
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

    def _next_cell(self, go_to_next_cell):
        """tksheet's move after Enter/Tab, with two changes. Tab from the last
        typed column goes on at the first column of the next row. And when the
        move leaves the screen, the next cell is scrolled to the top-left rather
        than the bottom-right edge: a clerk typing along a row pays for one full
        redraw per screenful, not one per cell past the edge."""
        mt = self._mt

        def call(r: int, c: int, key: str = "Return") -> None:
            see = mt.see

            def see_from_top_left(*see_args, **see_kwargs):
                return see(*see_args, **{**see_kwargs, "bottom_right_corner": False})

            mt.see = see_from_top_left
            try:
                lone = not _shaded_ranges(mt)
                last = self._columns() - 1 if self._columns else None
                if (
                    key == "Tab"
                    and lone
                    and c == last
                    and r + 2 < len(mt.row_positions)
                ):
                    mt.select_cell(r + 1, 0)
                    mt.see(r + 1, 0)
                else:
                    go_to_next_cell(r, c, key)
            finally:
                del mt.see

        return call

    def _store(self, r: int, c: int, value: str, key: str) -> None:
        mt = self._mt
        datarn, datacn = mt.datarn(r), mt.datacn(c)
        before = mt.get_cell_data(datarn, datacn)
        event = mt.new_single_edit_event(r, c, datarn, datacn, key, before, value)
        value, event = mt.single_edit_run_validation(datarn, datacn, event)
        edited = value is not None and mt.set_cell_data_undo(
            r=r, c=c, datarn=datarn, datacn=datacn, value=value, redraw=False
        )
        if mt.scrollregion != scrollregion(mt):  # the entry widened its column
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
            self._move(r, c, key)

    def _move(self, r: int, c: int, key: str) -> None:
        """Move on from (r, c) after Enter, Tab or an arrow, redrawing only the
        headings whose shading follows the selected cell."""
        mt = self._mt
        ranges = _shaded_ranges(mt)
        if key in _ARROWS:
            dr, dc = _ARROWS[key]
            to_r = min(max(r + dr, 0), len(mt.row_positions) - 2)
            to_c = min(max(c + dc, 0), len(mt.col_positions) - 2)
            mt.select_cell(to_r, to_c)
            if not mt.cell_completely_visible(to_r, to_c):
                mt.see(to_r, to_c, bottom_right_corner=False)
        else:
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


_ARROWS = {"Up": (-1, 0), "Down": (1, 0), "Left": (0, -1), "Right": (0, 1)}
_MODIFIERS = 0x1 | 0x4  # Shift, Control: tksheet's range and jump keys


def _shaded_ranges(mt) -> set:
    """Selected ranges that tksheet shades (a lone selected cell only has a border)."""
    return {
        (box.coords, box.type_)
        for box in mt.selection_boxes.values()
        if box.state == "normal"
    }
