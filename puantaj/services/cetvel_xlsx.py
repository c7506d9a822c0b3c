"""Draws a Cetvel on an openpyxl sheet: A4 landscape, one page wide, borders."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from puantaj.core import sheet
from puantaj.services.cetvel import ID_HEADERS, Cetvel

SHADES = {"rest": "D9D9D9", "holiday": "F8CBAD", "eve": "FCE4D6", "out": "EDEDED"}
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_ROW = 4  # the column headings; the weekday row is under it
FIRST_DAY_COLUMN = len(ID_HEADERS) + 1


def draw(ws: Worksheet, cetvel: Cetvel) -> None:
    """Fill `ws` with the cetvel and set it up for printing."""
    ws["A1"] = cetvel.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "   ".join(cetvel.header)
    ws["A2"].font = Font(bold=True)
    ws["A3"] = cetvel.note
    ws["A3"].font = Font(italic=True, size=8)
    _row(ws, HEAD_ROW, cetvel.columns, bold=True)
    _row(ws, HEAD_ROW + 1, cetvel.weekday_row, bold=False)
    for offset, mark in enumerate(cetvel.day_marks):
        for r in (HEAD_ROW, HEAD_ROW + 1):
            _shade(ws.cell(row=r, column=FIRST_DAY_COLUMN + offset), mark)
    row = HEAD_ROW + 2
    for values, marks in zip(cetvel.rows, cetvel.cell_marks, strict=True):
        _row(ws, row, values)
        for offset, mark in enumerate(marks):
            _shade(ws.cell(row=row, column=FIRST_DAY_COLUMN + offset), mark)
        row += 1
    _row(ws, row, cetvel.totals_row, bold=True)
    _foot(ws, row + 2, cetvel)
    _page_setup(ws, len(cetvel.days), len(cetvel.columns))


def _row(ws: Worksheet, r: int, values: list, bold: bool = False) -> None:
    for c, value in enumerate(values, start=1):
        cell = ws.cell(row=r, column=c, value=sheet.neutralise(value))
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="left" if c in (3, 4) else "center")
        if bold:
            cell.font = Font(bold=True)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text
            cell.number_format = sheet.TEXT_FORMAT
        elif isinstance(value, int | float):
            cell.number_format = sheet.number_format(value)


def _shade(cell, mark: str) -> None:
    if mark in SHADES:
        cell.fill = PatternFill("solid", fgColor=SHADES[mark])


def _foot(ws: Worksheet, r: int, cetvel: Cetvel) -> None:
    """Holidays of the month, the codes legend and the signature block."""
    lines = []
    if cetvel.holidays:
        lines.append("Tatiller: " + "; ".join(cetvel.holidays))
    lines.append(
        "Gölgeli: gri hafta tatili, turuncu resmi tatil, açık turuncu "
        f"arife ({sheet.EVE_MARK} gün); soluk gri: işte olmadığı günler"
    )
    codes = [f"{code} = {label}" for code, label in cetvel.legend]
    lines += [
        "Kodlar: " + " · ".join(codes[i : i + 7]) for i in range(0, len(codes), 7)
    ]
    for text in lines:
        ws.cell(row=r, column=1, value=sheet.neutralise(text)).font = Font(size=8)
        r += 1
    r += 1
    for i, signer in enumerate(cetvel.signers):
        col = 1 + i * 14
        block = [
            signer.role,
            f"Adı Soyadı: {signer.name}",
            f"Unvanı: {signer.title}",
            f"Tarih: {signer.date}",
            "İmza: ______________________",
        ]
        for k, text in enumerate(block):
            cell = ws.cell(row=r + k, column=col, value=sheet.neutralise(text))
            cell.data_type = "s"
            cell.font = Font(bold=k == 0)


def _page_setup(ws: Worksheet, n_days: int, n_columns: int) -> None:
    widths = {1: 8, 2: 13, 3: 24, 4: 14}
    last_day = FIRST_DAY_COLUMN + n_days - 1
    for c in range(1, n_columns + 1):
        width = widths.get(c, 4.2 if c <= last_day else 8)
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=HEAD_ROW + 2, column=FIRST_DAY_COLUMN)
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the staff needs
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "Sayfa &P / &N"
