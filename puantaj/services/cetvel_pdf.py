"""Draws a Cetvel as a PDF: A4 landscape, one page wide, DejaVu Sans embedded.

The font ships inside the package (puantaj/fonts, free to redistribute), so
ğ, ş, İ and ı print on any PC, Windows included; without it the export fails
with a clear error rather than printing boxes.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from puantaj.core import numbers, sheet
from puantaj.errors import PuantajError
from puantaj.services.cetvel import ID_HEADERS, Cetvel

FONT, BOLD = "PuantajSans", "PuantajSans-Bold"
SHADES = {
    "rest": colors.HexColor("#D9D9D9"),
    "holiday": colors.HexColor("#F8CBAD"),
    "eve": colors.HexColor("#FCE4D6"),
    "out": colors.HexColor("#EDEDED"),
}
MARGIN = 8 * mm


def register_fonts() -> None:
    """Register the bundled DejaVu Sans (regular and bold) once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("puantaj") / "fonts"
    try:
        for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
            with resources.as_file(folder / file) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD
        )
    except OSError as exc:  # a broken install: say which file is missing
        raise PuantajError(f"PDF font missing: {exc}", code="pdf_font") from exc


def write(cetvels: list[Cetvel], path: Path) -> Path:
    """One cetvel per region, each starting on a new page."""
    register_fonts()
    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=cetvels[0].title if cetvels else "Puantaj",
        author="Puantaj",
        # no Helvetica: every font in the file is the embedded one
        initialFontName=FONT,
        initialFontSize=6,
    )
    story: list = []
    for i, cetvel in enumerate(cetvels):
        if i:
            story.append(PageBreak())
        story += _story(cetvel, doc.width)
    doc.build(
        story,
        onFirstPage=_page_number,
        onLaterPages=_page_number,
    )
    return path


def _style(size: float, bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        "p", fontName=BOLD if bold else FONT, fontSize=size, leading=size * 1.2
    )


def _text(value) -> str:
    """A cell as printed: numbers in Turkish notation (2,5; 1.250)."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return numbers.format_number(value)
    return str(value)


def _story(cetvel: Cetvel, width: float) -> list:
    head = _style(4.6, bold=True)
    columns = [Paragraph(c, head) for c in cetvel.columns]
    data = [columns, cetvel.weekday_row]
    data += [[_text(v) for v in row] for row in cetvel.rows]
    if cetvel.totals_row:  # (an employee's own sheet has none)
        data.append([_text(v) for v in cetvel.totals_row])
    n_days, n_totals = (
        len(cetvel.days),
        len(cetvel.columns) - len(ID_HEADERS) - len(cetvel.days),
    )
    fixed = [26, 42, 66, 34]
    day_w = 12.5
    total_w = max((width - sum(fixed) - n_days * day_w) / n_totals, 14)
    widths = [*fixed, *([day_w] * n_days), *([total_w] * n_totals)]
    scale = min(1.0, width / sum(widths))  # fit to one page wide
    table = Table(data, colWidths=[w * scale for w in widths], repeatRows=2)
    table.setStyle(TableStyle(_table_style(cetvel, len(data))))
    return [
        Paragraph(cetvel.title, _style(11, bold=True)),
        Paragraph("  ·  ".join(cetvel.header), _style(7.5, bold=True)),
        Paragraph(cetvel.note, _style(6)),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 2 * mm),
        *_legend(cetvel),
        Spacer(1, 4 * mm),
        _signatures(cetvel, width),
    ]


def _table_style(cetvel: Cetvel, n_rows: int) -> list:
    first = len(ID_HEADERS)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 5.2),
        ("FONT", (0, 1), (-1, 1), FONT, 4.2),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.black),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (2, 2), (3, -1), "LEFT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    if cetvel.totals_row:
        style.append(("FONT", (0, n_rows - 1), (-1, n_rows - 1), BOLD, 5.2))
    for d, mark in enumerate(cetvel.day_marks):
        if mark in SHADES:
            style.append(("BACKGROUND", (first + d, 0), (first + d, 1), SHADES[mark]))
    for r, row in enumerate(cetvel.rows, start=2):
        for d, code in enumerate(row[first : first + len(cetvel.days)]):
            if len(str(code)) > 3:  # X+2,5 fits its narrow day column
                style.append(("FONT", (first + d, r), (first + d, r), FONT, 3.8))
    for r, marks in enumerate(cetvel.cell_marks, start=2):
        for d, mark in enumerate(marks):
            if mark in SHADES:
                style.append(
                    ("BACKGROUND", (first + d, r), (first + d, r), SHADES[mark])
                )
    return style


def _legend(cetvel: Cetvel) -> list:
    small = _style(6)
    lines = []
    if cetvel.holidays:
        lines.append("Tatiller: " + "; ".join(cetvel.holidays))
    lines.append(
        "Gölgeli: gri hafta tatili, turuncu resmi tatil, açık turuncu arife "
        f"({sheet.EVE_MARK} gün); soluk gri: işte olmadığı günler"
    )
    lines.append("Kodlar: " + " · ".join(f"{c} = {t}" for c, t in cetvel.legend))
    return [Paragraph(_escape(line), small) for line in lines]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _signatures(cetvel: Cetvel, width: float) -> Table:
    cells = [
        [
            Paragraph(
                "<br/>".join(
                    [
                        f"<b>{_escape(s.role)}</b>",
                        f"Adı Soyadı: {_escape(s.name)}",
                        f"Unvanı: {_escape(s.title)}",
                        f"Tarih: {_escape(s.date)}",
                        "<br/>İmza: ______________________",
                    ]
                ),
                ParagraphStyle("s", fontName=FONT, fontSize=7.5, leading=10),
            )
            for s in cetvel.signers
        ]
    ]
    third = width / max(len(cetvel.signers), 1)
    table = Table(cells, colWidths=[third] * len(cetvel.signers))
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FONT)]
        )
    )
    return table


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 6)
    canvas.drawRightString(doc.pagesize[0] - MARGIN, MARGIN / 2, f"Sayfa {doc.page}")
    canvas.restoreState()
