"""The xlsx and CSV exports read back with openpyxl and csv: totals as the grid's."""

from __future__ import annotations

import datetime as dt

import openpyxl

from puantaj.services.export import ExportService
from puantaj.services.timesheets import Edit


def _employee(services, session, sicil: str, hire: str = "01.01.2025") -> str:
    return services.records["employees"].create(
        session,
        {"sicil_no": sicil, "first_name": "Ad", "last_name": sicil, "hire_date": hire},
    )


def _rows(path) -> tuple[list, dict]:
    sheet = openpyxl.load_workbook(path)["Ankara"]
    header = [c.value for c in sheet[4]]  # title, header line, KVKK note above
    rows = {
        r[0].value: [c.value for c in r]
        for r in sheet.iter_rows(min_row=6)
        if r[0].value
    }
    return header, rows


def test_a_month_without_codes_exports_no_sgk_days(services, ankara, tmp_path):
    _employee(services, ankara, "1")
    path = ExportService(services.timesheets).to_xlsx(
        ankara, ["Ankara"], 2026, 1, tmp_path / "jan.xlsx"
    )
    header, rows = _rows(path)
    assert rows["1"][header.index("SGK gün")] == 0  # was 30


def test_overtime_is_written_as_the_grid_shows_it(services, ankara, tmp_path):
    emp = _employee(services, ankara, "1")
    services.timesheets.write(ankara, [Edit(emp, dt.date(2026, 3, 2), "X+2,5")])
    path = ExportService(services.timesheets).to_xlsx(
        ankara, ["Ankara"], 2026, 3, tmp_path / "mar.xlsx"
    )
    header, rows = _rows(path)
    assert rows["1"][header.index("2")] == "X+2,5"  # 2 March; was "X+2.5"
