"""`puantaj export` and `puantaj import --dry-run` on a real data folder."""

from __future__ import annotations

import openpyxl

from puantaj.__main__ import main
from puantaj.config import save_settings
from tests.conftest import make_services
from tests.puantaj.services.cetvel_data import october


def test_export_writes_every_format_with_a_sensible_name(
    tmp_path, ankara, admin, capsys
):
    services = make_services(tmp_path / "desk")
    october(services, ankara, admin)
    services.store.close()
    home = str(tmp_path / "desk")
    for fmt, name in (
        ("xlsx", "Puantaj_Ankara_2026-10.xlsx"),
        ("pdf", "Puantaj_Ankara_2026-10.pdf"),
        ("csv", "Puantaj_Ankara_2026-10.csv"),
        ("payroll", "Bordro_Ankara_2026-10.xlsx"),
    ):
        argv = ["--home", home, "export", "--month", "2026-10", "--format", fmt]
        assert main([*argv, "--out", str(tmp_path)]) == 0
        assert (tmp_path / name).stat().st_size > 0
    assert "KVKK" in capsys.readouterr().out


def test_export_and_import_speak_the_chosen_language(tmp_path, ankara, admin, capsys):
    services = make_services(tmp_path / "desk")
    october(services, ankara, admin)
    services.store.close()
    argv = ["--home", str(tmp_path / "desk")]
    month = ["--month", "2026-10", "--out", str(tmp_path), "--all"]
    assert main([*argv, "export", *month]) == 0
    said = capsys.readouterr()
    assert "yazıldı:" in said.out and "KVKK" in said.out and "bölge" in said.err
    assert main([*argv, "--lang", "en", "export", *month]) == 0
    said = capsys.readouterr()
    assert "written:" in said.out and "personal data" in said.out
    assert "regions" in said.err and "bölge" not in said.err
    book = tmp_path / "ofis.xlsx"
    openpyxl.Workbook().save(book)
    given = [*argv, "--lang", "en", "import", str(book), "--month", "2026-10"]
    assert main([*given, "--region", "*"]) == 2
    assert capsys.readouterr().err.strip() == "a region is needed: give --region"


def test_import_dry_run_prints_the_report_and_writes_nothing(tmp_path, ankara, capsys):
    services = make_services(tmp_path / "desk")
    services.records["employees"].create(
        ankara,
        {
            "sicil_no": "1",
            "first_name": "Ali",
            "last_name": "Kaya",
            "hire_date": "01.01.2025",
        },
    )
    services.store.close()
    book = openpyxl.Workbook()
    book.active.append(["Sicil", "Ad Soyad", 1, 2])
    book.active.append(["1", "Ali Kaya", "HT", "X"])
    book.active.append(["2", "Veli Şahin", "X", "Z9"])
    book.save(tmp_path / "ofis.xlsx")
    argv = ["--home", str(tmp_path / "desk"), "import", str(tmp_path / "ofis.xlsx")]
    assert main([*argv, "--month", "2026-11", "--region", "Ankara", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "deneme, hiçbir şey yazılmadı" in out
    assert "Özet: 0 eklenecek, 1 değişecek, 0 aynı, 1 reddedildi." in out
    print(out)


def test_export_goes_to_the_exports_folder_of_the_settings(tmp_path, ankara, admin):
    services = make_services(tmp_path / "desk")
    october(services, ankara, admin)
    save_settings(
        services.settings, company="Örnek A.Ş.", exports_dir=str(tmp_path / "out")
    )
    services.store.close()
    argv = ["--home", str(tmp_path / "desk"), "export", "--month", "2026-10"]
    assert main([*argv, "--region", "Ankara"]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out" / "Puantaj_Ankara_2026-10.xlsx")
    assert "Firma: Örnek A.Ş." in sheet["Ankara"]["A2"].value


def test_import_columns_are_corrected_with_column_options(tmp_path, capsys):
    services = make_services(tmp_path / "desk")
    services.store.close()
    book = openpyxl.Workbook()
    book.active.append(["Sicil", "Çalışan", "Giriş", 1, 2])
    book.active.append(["0077", "Şükrü Güneş", "01.11.2026", "X", "R"])
    book.save(tmp_path / "ofis.xlsx")
    argv = ["--home", str(tmp_path / "desk"), "import", str(tmp_path / "ofis.xlsx")]
    argv += ["--month", "2026-11", "--region", "Ankara"]
    assert main([*argv, "--column", "B=name", "--column", "c=hire"]) == 0
    out = capsys.readouterr().out
    assert "Sütunlar: A=sicil, B=name, C=hire, D=day:1, E=day:2" in out
    assert "eklenecek: yeni personel, giriş 01.11.2026; 2 gün yazılacak" in out
    assert main([*argv, "--column", "B=name", "--column", "E=day:1"]) == 0
    assert "D=day:1" not in capsys.readouterr().out  # day 1 moved to E
    assert main([*argv, "--column", "B=maaş"]) == 2
    assert "--column B=maaş" in capsys.readouterr().err
