"""The grid's headings: totals columns wide enough to wrap between words, and
the tips that show a heading's meaning or a name the index column cuts off."""

from __future__ import annotations

import tkinter as tk
from bisect import bisect_right
from collections.abc import Callable
from tkinter import font as tkfont

from tksheet import Sheet

from puantaj.ui.header_fit import PAD_PX, fitting_width
from puantaj.ui.tooltip import HoverTip


class SheetHeadings:
    """Fits and explains a tksheet's headings; `names()` gives the index texts."""

    def __init__(self, root: tk.Misc, sheet: Sheet, names: Callable[[], list]) -> None:
        self._root, self._sheet, self._names = root, sheet, names
        self._headers: list = []
        self._fitted: dict[tuple, int] = {}  # (heading, least width, font) → width
        self._fonts: dict = {}
        self.header_tip = HoverTip(sheet.CH, self._header_tip)
        self.name_tip = HoverTip(sheet.RI, self._name_tip)

    def fit(self, headers: list, first: int, has_rows: bool) -> None:
        """Columns from `first` on wide enough that their headings wrap between
        words ("Çalışılan", not "Çalışıla n"), at the font and scaling in use."""
        self._headers = headers
        if not has_rows:  # no rows: no columns
            return
        font = self._sheet.ops.header_font
        for c in range(first, len(headers)):
            least = self._sheet.column_width(column=c)
            key = (headers[c].text, least, font)
            width = self._fitted.get(key)
            if width is None:  # measuring costs a Tk call a word: once a heading
                width = fitting_width(headers[c].text, least, self.measure(font))
                self._fitted[key] = width
            if width != least:
                self._sheet.column_width(column=c, width=width, redraw=False)

    def measure(self, font) -> Callable[[str], int]:
        """The pixel width of a text in `font` (a Font kept for each font)."""
        if font not in self._fonts:
            self._fonts[font] = tkfont.Font(root=self._root, font=font)
        return self._fonts[font].measure

    def _header_tip(self, event) -> str | None:
        mt = self._sheet.MT
        c = bisect_right(mt.col_positions, self._sheet.CH.canvasx(event.x)) - 1
        return self._headers[c].tip if 0 <= c < len(self._headers) else None

    def _name_tip(self, event) -> str | None:
        """The row's whole index text when the index column cuts it off."""
        mt, ri = self._sheet.MT, self._sheet.RI
        r = bisect_right(mt.row_positions, ri.canvasy(event.y)) - 1
        names = self._names()
        if not 0 <= r < len(names):
            return None
        measure = self.measure(self._sheet.ops.index_font)
        return names[r] if measure(names[r]) + PAD_PX > ri.winfo_width() else None
