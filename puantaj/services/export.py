"""Exports of the puantaj cetveli: Excel (legend, totals, a sheet per region) and CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from puantaj.core.codes import cell_text
from puantaj.core.numbers import format_number
from puantaj.services.month_grid import MonthGrid
from puantaj.services.session import Session
from puantaj.services.summary import HEADERS_TR, KEYS, summary
from puantaj.services.timesheets import TimesheetService
from puantaj.store import files

TOTAL_HEADERS = tuple(HEADERS_TR.get(k, k) for k in KEYS)


def totals_values(ts: TimesheetService, grid: MonthGrid, employee: dict) -> list:
    """The totals columns as numbers (Excel shows them in the reader's notation)."""
    values = summary(ts, grid, employee)
    return ["" if values[k] is None else values[k] for k in KEYS]


def totals_text(ts: TimesheetService, grid: MonthGrid, employee: dict) -> list[str]:
    """The totals columns as Turkish text: 2,5 not 2.5 (the CSV)."""
    values = summary(ts, grid, employee)
    return [
        v if isinstance(v, str) else format_number(v) for v in (values[k] for k in KEYS)
    ]


# exports carry full TC numbers: they say so, and only their owner may read them
PERSONAL_DATA_NOTE = "Kişisel veri içerir (KVKK): yalnızca bordro için"


class ExportService:
    """Writes a month of one or more regions to .xlsx or .csv."""

    def __init__(self, timesheets: TimesheetService) -> None:
        self._timesheets = timesheets

    def grids(
        self, session: Session, regions: list[str], year: int, month: int
    ) -> list[MonthGrid]:
        return [self._timesheets.load_month(session, r, year, month) for r in regions]

    def to_xlsx(
        self, session: Session, regions: list[str], year: int, month: int, path: Path
    ) -> Path:
        book = Workbook()
        book.remove(book.active)
        for grid in self.grids(session, regions, year, month):
            self._sheet(book, grid)
        self._legend(book)
        book.save(path)
        return files.private_file(Path(path))  # it holds TC numbers (KVKK)

    def _sheet(self, book: Workbook, grid: MonthGrid) -> None:
        sheet = book.create_sheet(grid.region[:31])
        sheet.append(
            [
                f"Puantaj cetveli — {grid.region} — {grid.month:02d}.{grid.year}",
                "",
                "",
                f"Durum: {grid.status.status}",
                PERSONAL_DATA_NOTE,
            ]
        )
        sheet["A1"].font = Font(bold=True, size=12)
        header = [
            "Sicil",
            "TC",
            "Ad Soyad",
            *(d.day for d in grid.days),
            *TOTAL_HEADERS,
        ]
        sheet.append(header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        fills = {
            c.code: PatternFill("solid", fgColor=c.color.lstrip("#"))
            for c in self._timesheets.codes.codes.values()
        }
        for employee in grid.employees:
            cells = [grid.cell(employee["id"], d) for d in grid.days]
            codes = [cell_text(c.code, c.overtime_hours) if c else "" for c in cells]
            sheet.append(
                [
                    employee["sicil_no"],
                    employee["tc_no"] or "",
                    f"{employee['first_name']} {employee['last_name']}",
                    *codes,
                    *totals_values(self._timesheets, grid, employee),
                ]
            )
            row = sheet.max_row
            for offset, cell in enumerate(cells):
                if cell and cell.code in fills:
                    sheet.cell(row=row, column=4 + offset).fill = fills[cell.code]
        sheet.append([])
        sheet.append(["Düzenleyen:", "", "", "", "", "", "", "", "", "", "Onaylayan:"])
        sheet.column_dimensions["C"].width = 24
        sheet.freeze_panes = "D3"

    def _legend(self, book: Workbook) -> None:
        sheet = book.create_sheet("Kodlar")
        sheet.append(
            ["Kod", "Anlamı", "Çalışılan gün", "Ücretli", "SGK günü", "Eksik gün"]
        )
        for code in self._timesheets.codes.codes.values():
            sheet.append(
                [
                    code.code,
                    code.label_tr,
                    code.worked,
                    code.paid,
                    "evet" if code.sgk else "hayır",
                    code.eksik,
                ]
            )

    def to_csv(
        self, session: Session, regions: list[str], year: int, month: int, path: Path
    ) -> Path:
        """Payroll CSV: one line per employee keyed by sicil and TC."""
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(
                [
                    "Bölge",
                    "Sicil",
                    "TC (kişisel veri)",
                    "Ad Soyad",
                    "Ay",
                    *TOTAL_HEADERS,
                ]
            )
            for grid in self.grids(session, regions, year, month):
                for employee in grid.employees:
                    writer.writerow(
                        [
                            grid.region,
                            employee["sicil_no"],
                            employee["tc_no"] or "",
                            f"{employee['first_name']} {employee['last_name']}",
                            f"{grid.year}-{grid.month:02d}",
                            *totals_text(self._timesheets, grid, employee),
                        ]
                    )
        return files.private_file(Path(path))  # it holds TC numbers (KVKK)
