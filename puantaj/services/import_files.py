"""Reads an office's puantaj sheet (xlsx or CSV) into headings and rows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from puantaj.core.import_map import is_heading_row, is_totals_row, is_weekday_row
from puantaj.errors import ValidationError

HEADING_SEARCH_ROWS = 15  # titles and notes above the table are skipped


@dataclass
class Table:
    """A sheet's table: its headings and the rows under them."""

    name: str
    headings: list[object]
    rows: list[list[object]]
    first_row: int  # the sheet's row number of rows[0] (1-based, as Excel shows)


def read_table(path: Path) -> Table:
    """The first table of `path` whose heading row names a sicil or TC column.

    Raises ValidationError (code import_format / import_headings)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        lines = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        lines = _csv_rows(path)
    else:
        raise ValidationError(
            f"{path.name}: only .xlsx and .csv can be imported",
            "file",
            code="import_format",
            name=path.name,
        )
    for i, cells in enumerate(lines[:HEADING_SEARCH_ROWS]):
        if is_heading_row(cells):
            return _table(path.name, cells, lines[i + 1 :], i + 2)
    raise ValidationError(
        f"{path.name}: no heading row with a Sicil or TC column",
        "file",
        code="import_headings",
        name=path.name,
    )


def _table(name: str, headings: list, lines: list[list], first_row: int) -> Table:
    """The rows under the headings, up to a `Toplam` row (a printed cetvel's
    legend and signatures follow it); a weekday row under the headings is
    dropped, its place kept so row numbers stay the sheet's."""
    rows = []
    for cells in lines:
        if is_totals_row(cells):
            break
        rows.append([] if is_weekday_row(cells) else cells)
    return Table(name, headings, rows, first_row)


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook  # ~15 MB: only when a sheet is read

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # an older Excel saves Turkish CSV as Windows-1254
        text = raw.decode("cp1254")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[_unwrap(c) for c in row] for row in rows]


def _unwrap(field: str) -> str:
    """`="0042"` (how our own CSV keeps an id text in Excel) → `0042`."""
    if field.startswith('="') and field.endswith('"'):
        return field[2:-1]
    return field
