"""Payroll CSV and transfer layout read back with csv and openpyxl."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from puantaj.errors import PuantajError
from puantaj.services.payroll import TRANSFER_COLUMNS
from tests.puantaj.services.cetvel_data import TC, october


def test_the_transfer_layout_keys_rows_by_sicil_and_tc_with_typed_cells(
    services, ankara, admin, tmp_path
):
    exports = october(services, ankara, admin)
    path = exports.to_payroll(admin, ["Ankara"], 2026, 10, tmp_path / "b.xlsx")
    ws = openpyxl.load_workbook(path).active
    heads = [c.value for c in ws[1]]
    assert heads == [h for h, _ in TRANSFER_COLUMNS]
    rows = {
        r[0].value: {h: c for h, c in zip(heads, r, strict=True)}
        for r in ws.iter_rows(min_row=2)
    }
    assert set(rows) == {"0042", "0007"}
    ismail, ayse = rows["0042"], rows["0007"]
    assert (
        ismail["TC Kimlik No"].value == TC and ismail["TC Kimlik No"].data_type == "s"
    )
    assert ismail["Dönem"].value == "2026/10"
    assert ismail["Prim Gün Sayısı"].value == 30
    assert ismail["Fazla Mesai Saati"].value == 2.5
    assert ismail["Fazla Mesai Saati"].number_format == "#,##0.0#"
    assert ismail["Genel Tatil"].value == 1  # 29 October
    assert ayse["Eksik Gün Nedeni"].value == "01"
    assert ayse["Eksik Gün Nedeni"].data_type == "s"
    assert ayse["Eksik Gün Sayısı"].value == 1
    assert ayse["Raporlu Gün"].value == 1 and ayse["Yıllık İzin"].value == 1
    assert ayse["İşe Giriş Tarihi"].value == "01.01.2025"


def test_the_csv_is_for_turkish_excel(services, ankara, admin, tmp_path):
    exports = october(services, ankara, admin)
    path = exports.to_csv(admin, ["Ankara"], 2026, 10, tmp_path / "p.csv")
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(text.decode("utf-8-sig").splitlines(), delimiter=";"))
    row = {
        h: v for h, v in zip(rows[0], rows[2], strict=True)
    }  # sorted by surname: Doğan first
    assert row["Ad Soyad"] == "İsmail Işıkoğlu"
    assert row["Sicil"] == '="0042"' and row["TC kimlik no"] == f'="{TC}"'
    assert row["FM saat"] == "2,5" and row["SGK gün"] == "30"
    assert dict(zip(rows[0], rows[1], strict=True))["Eksik kodu"] == '="01"'


def test_default_names_say_region_and_month(services, admin):
    from puantaj.services.export import ExportService

    exports = ExportService(services.timesheets)
    assert (
        exports.default_name(["Ankara"], 2026, 12, "xlsx")
        == "Puantaj_Ankara_2026-12.xlsx"
    )
    assert (
        exports.default_name(["A", "B"], 2026, 12, "pdf")
        == "Puantaj_Tum_bolgeler_2026-12.pdf"
    )
    assert (
        exports.default_name(["İzmir"], 2026, 1, "payroll")
        == "Bordro_İzmir_2026-01.xlsx"
    )


def test_the_transfer_runs_for_every_region_for_the_admin_only(
    services, ankara, istanbul, admin, tmp_path
):
    exports = october(services, ankara, admin)
    services.records["employees"].create(
        istanbul,
        {
            "sicil_no": "0001",
            "first_name": "Şule",
            "last_name": "Güneş",
            "hire_date": "01.01.2025",
        },
    )
    both = ["Ankara", "İstanbul"]
    assert exports.default_name(both, 2026, 10, "payroll") == (
        "Bordro_Tum_bolgeler_2026-10.xlsx"
    )
    path = exports.to_payroll(admin, both, 2026, 10, tmp_path / "hepsi.xlsx")
    ws = openpyxl.load_workbook(path).active
    heads = [c.value for c in ws[1]]
    regions = {
        r[0]: r[heads.index("Bölge")] for r in ws.iter_rows(min_row=2, values_only=True)
    }
    assert regions == {"0042": "Ankara", "0007": "Ankara", "0001": "İstanbul"}
    with pytest.raises(PuantajError):  # a clerk: their own region only
        exports.to_payroll(ankara, both, 2026, 10, tmp_path / "yok.xlsx")
    assert not (tmp_path / "yok.xlsx").exists()  # no empty file left behind
    with pytest.raises(PuantajError):
        exports.export(ankara, "csv", both, 2026, 10, tmp_path / "yok.csv")
    assert not (tmp_path / "yok.csv").exists()
