"""The puantaj cetveli xlsx read back with openpyxl: layout, values and types."""

from __future__ import annotations

import openpyxl
import pytest

from tests.puantaj.services.cetvel_data import TC, october


@pytest.fixture
def sheet(services, ankara, admin, tmp_path):
    exports = october(services, ankara, admin)
    path = exports.to_xlsx(admin, ["Ankara"], 2026, 10, tmp_path / "ekim.xlsx")
    return openpyxl.load_workbook(path)["Ankara"]


def _texts(ws) -> str:
    return " | ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_page_setup_is_a4_landscape_one_page_wide_with_headings_repeated(sheet):
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$4:$5"  # repeated on every page
    assert sheet.freeze_panes == "E6"


def test_header_names_company_region_month_in_words_status_and_print_time(sheet):
    line = sheet["A2"].value
    for part in ("Örnek Lojistik A.Ş.", "Ankara", "Ekim 2026", "Onaylandı"):
        assert part in line
    assert "02.12.2026 09:30" in line
    assert "KVKK" in sheet["A3"].value


def test_weekday_row_shades_rests_and_holidays_and_marks_the_eve(sheet):
    heads = [c.value for c in sheet[4]]
    days = [c.value for c in sheet[5]]
    col = {h: i for i, h in enumerate(heads)}
    assert days[col["1"]] == "Per"  # 1 October 2026 is a Thursday
    assert days[col["28"]] == "Çar ½"  # Cumhuriyet Bayramı arifesi
    fill = {
        d: sheet.cell(row=6, column=col[d] + 1).fill.fgColor.rgb
        for d in ["4", "29", "5"]
    }
    assert fill["4"].endswith("D9D9D9")  # Sunday: weekly rest
    assert fill["29"].endswith("F8CBAD")  # Cumhuriyet Bayramı
    assert fill["5"] in ("00000000", None)  # a workday is not shaded


def test_rows_hold_real_numbers_with_turkish_formats_and_ids_as_text(sheet):
    heads = [c.value for c in sheet[4]]
    col = {h: i for i, h in enumerate(heads)}
    rows = {r[2].value: r for r in sheet.iter_rows(min_row=6, max_row=7)}
    ismail = rows["İsmail Işıkoğlu"]
    assert ismail[col["TC kimlik no"]].value == TC
    assert ismail[col["TC kimlik no"]].data_type == "s"
    assert ismail[0].value == "0042"
    overtime = ismail[col["FM saat"]]
    assert overtime.value == 2.5 and overtime.number_format == "#,##0.0#"
    assert ismail[col["SGK gün"]].value == 30
    assert ismail[col["SGK gün"]].number_format == "#,##0"
    ayse = rows["Ayşe Yağmur Doğan"]
    assert ayse[col["Yıllık izin"]].value == 1 and ayse[col["Rapor"]].value == 1
    assert ayse[col["Eksik kodu"]].value == "01"
    for cell in sheet[6]:
        assert cell.border.left.style == "thin"


def test_a_totals_row_adds_the_columns_up(sheet):
    heads = [c.value for c in sheet[4]]
    total = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == "Toplam")
    assert total[heads.index("SGK gün")].value == 30 + 30  # 31 days - 1 sick day
    assert total[heads.index("FM saat")].value == 2.5
    assert total[2].value == "2 kişi"


def test_legend_and_signature_block_name_who_submitted_and_approved(sheet):
    text = _texts(sheet)
    assert "HT = Hafta tatili" in text or "HT = " in text
    assert "Cumhuriyet Bayramı" in text
    for role in ("Düzenleyen", "Kontrol eden", "Onaylayan"):
        assert role in text
    assert "Adı Soyadı: Gülşen Çağlar" in text
    assert "Adı Soyadı: Ömer Süzgün" in text
    assert "İmza: ____" in text
