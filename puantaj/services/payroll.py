"""Payroll files: the CSV for Turkish Excel and the payroll transfer layout.

The CSV is what an office opens in Excel: `;` between fields, decimal comma,
UTF-8 with a BOM, identifiers written `="0042"` so Excel keeps them text. The
transfer layout is an .xlsx a payroll program imports (Excel puantaj aktarımı):
one row per employee and month keyed by sicil and TC no, identifiers as text
cells, numbers as numbers; README.md lists its columns.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from puantaj.core import sheet
from puantaj.core.numbers import format_number
from puantaj.core.validators import format_date
from puantaj.services.cetvel import ID_HEADERS, TOTAL_HEADERS
from puantaj.services.month_grid import MonthGrid
from puantaj.services.summary import KEYS, summary
from puantaj.services.timesheets import TimesheetService

# (heading as payroll programs name it, what it holds); see README.md
TRANSFER_COLUMNS = (
    ("Sicil No", "sicil"),
    ("TC Kimlik No", "tc"),
    ("Adı", "first"),
    ("Soyadı", "last"),
    ("Bölge", "region"),
    ("Dönem", "period"),
    ("İşe Giriş Tarihi", "hire"),
    ("İşten Çıkış Tarihi", "exit"),
    ("Prim Gün Sayısı", "sgk"),
    ("Eksik Gün Sayısı", "eksik_days"),
    ("Eksik Gün Nedeni", "eksik"),
    ("Ücretli Gün", "paid"),
    ("Çalışılan Gün", "worked"),
    ("Hafta Tatili", "HT"),
    ("Genel Tatil", "GT"),
    ("Genel Tatil Çalışması", "holiday_work"),
    ("Fazla Mesai Saati", "overtime"),
    ("Yıllık İzin", "Yİ"),
    ("Mazeret İzni", "Mİ"),
    ("Raporlu Gün", "R"),
    ("Ücretsiz İzin", "Üİ"),
    ("Devamsızlık", "D"),
)
TEXT_KEYS = {
    "sicil",
    "tc",
    "first",
    "last",
    "region",
    "period",
    "hire",
    "exit",
    "eksik",
}
CSV_TEXT_IDS = {"Sicil", "TC kimlik no", "Eksik kodu"}

Progress = Callable[[int, int], None]  # (done, of)


def transfer_row(ts: TimesheetService, grid: MonthGrid, employee: dict) -> dict:
    """One employee's month in the transfer layout's keys."""
    t = grid.totals[employee["id"]]
    return {
        "sicil": employee["sicil_no"],
        "tc": employee["tc_no"] or "",
        "first": employee["first_name"],
        "last": employee["last_name"],
        "region": grid.region,
        "period": f"{grid.year:04d}/{grid.month:02d}",
        "hire": format_date(employee["hire_date"]),
        "exit": format_date(employee["exit_date"]),
        "sgk": t.sgk_days,
        "eksik_days": t.unpaid_days,
        "eksik": t.eksik_code,
        "paid": t.paid_days,
        "worked": t.worked_days,
        "holiday_work": t.holiday_work_days,
        "overtime": t.overtime_hours,
        **{c: t.by_code.get(c, 0) for c in ("HT", "GT", "Yİ", "Mİ", "R", "Üİ", "D")},
    }


def write_csv(
    ts: TimesheetService,
    grids: Iterable[MonthGrid],
    path: Path,
    progress: Progress | None = None,
) -> Path:
    """The cetvel's totals per employee, for Turkish Excel."""
    grids = list(grids)
    header = ["Bölge", "Ay", *ID_HEADERS, *TOTAL_HEADERS]
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for i, grid in enumerate(grids):
            for employee in grid.employees:
                values = summary(ts, grid, employee)
                row = [
                    grid.region,
                    f"{grid.year}-{grid.month:02d}",
                    employee["sicil_no"],
                    employee["tc_no"] or "",
                    f"{employee['first_name']} {employee['last_name']}",
                    employee.get("title") or "",
                    *(values[k] for k in KEYS),
                ]
                writer.writerow(
                    [_csv_field(h, v) for h, v in zip(header, row, strict=True)]
                )
            if progress:
                progress(i + 1, len(grids))
    return path


def _csv_field(heading: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    if heading in CSV_TEXT_IDS:
        return sheet.csv_text(str(value))
    return str(sheet.neutralise(str(value)))


def write_transfer(
    ts: TimesheetService,
    grids: Iterable[MonthGrid],
    path: Path,
    progress: Progress | None = None,
) -> Path:
    """The payroll transfer .xlsx: one sheet, one row per employee and month."""
    grids = list(grids)
    from openpyxl import Workbook  # ~15 MB: only when a file is written
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = "Puantaj aktarım"
    ws.append([h for h, _ in TRANSFER_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, grid in enumerate(grids):
        for employee in grid.employees:
            values = transfer_row(ts, grid, employee)
            ws.append([_xlsx_value(values[k], k) for _, k in TRANSFER_COLUMNS])
            for cell, (_, key) in zip(ws[ws.max_row], TRANSFER_COLUMNS, strict=True):
                if key in TEXT_KEYS:
                    cell.data_type = "s"
                    cell.number_format = sheet.TEXT_FORMAT
                else:
                    cell.number_format = sheet.number_format(cell.value)
        if progress:
            progress(i + 1, len(grids))
    ws.freeze_panes = "C2"
    book.save(path)
    return path


def _xlsx_value(value, key: str):
    if key in TEXT_KEYS:
        return sheet.neutralise(str(value or ""))
    return value or 0
