"""The PDF cetvel rendered by poppler: A4 landscape, Turkish letters as text."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import require
from tests.puantaj.services.cetvel_data import october


@pytest.fixture
def pdf(services, ankara, admin, tmp_path):
    require(shutil.which("pdftoppm") is not None, "poppler-utils not installed")
    exports = october(services, ankara, admin)
    return exports.to_pdf(admin, ["Ankara"], 2026, 10, tmp_path / "ekim.pdf")


def test_the_pdf_renders_as_one_a4_landscape_page(pdf, tmp_path):
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    assert "841.89 x 595.276 pts (A4)" in info  # landscape: wider than high
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("p*.png")).read_bytes()
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert width == 351 and abs(height - 248) <= 1  # 297 x 210 mm at 30 dpi


def test_the_fonts_are_embedded_and_hold_every_turkish_letter(pdf):
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(" yes " in line for line in rows)  # emb column
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for words in (
        "İsmail Işıkoğlu",
        "Ayşe Yağmur Doğan",
        "Gülşen Çağlar",
        "Ömer Süzgün",
    ):
        assert words in text
    for words in (
        "PUANTAJ CETVELİ",
        "Ekim 2026",
        "Onaylandı",
        "Düzenleyen",
        "Kontrol eden",
    ):
        assert words in text
    assert "2,5" in text  # the overtime in Turkish notation


def test_the_signing_pdf_has_a_page_per_employee_with_their_signature(
    services, ankara, admin, tmp_path
):
    require(shutil.which("pdftotext") is not None, "poppler-utils not installed")
    exports = october(services, ankara, admin)
    assert exports.default_name(["Ankara"], 2026, 10, "signing") == (
        "Imza_Ankara_2026-10.pdf"
    )
    path = exports.export(admin, "signing", ["Ankara"], 2026, 10, tmp_path / "imza.pdf")
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           2" in info and "(A4)" in info

    def page(n: int) -> str:
        return subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    first, second = page(1), page(2)  # in the grid's (Turkish) order
    assert "Ayşe Yağmur Doğan" in first and "İsmail Işıkoğlu" not in first
    assert "İsmail Işıkoğlu" in second and "Ayşe Yağmur Doğan" not in second
    for text in (first, second):
        assert "Çalışan" in text and "Onaylayan" in text and "Ömer Süzgün" in text
        assert "kişi" not in text  # no totals row on an employee's own sheet
    assert "Unvanı: Usta" in first  # the employee's title by their signature


def test_a_long_cetvel_repeats_its_heading_rows_on_every_page(
    services, ankara, admin, tmp_path
):
    require(shutil.which("pdftotext") is not None, "poppler-utils not installed")
    exports = october(services, ankara, admin)
    for n in range(80):
        services.records["employees"].create(
            ankara,
            {
                "sicil_no": f"1{n:03d}",
                "first_name": "Şeyma",
                "last_name": f"Uğur{n:02d}",
                "hire_date": "01.01.2025",
            },
        )
    path = exports.to_pdf(admin, ["Ankara"], 2026, 10, tmp_path / "uzun.pdf")
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
    assert pages > 1
    for n in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Ad Soyad" in text and "Görevi" in text  # the heading row
        assert "Cum" in text and "Paz" in text  # the weekday row
