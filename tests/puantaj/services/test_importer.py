"""Import from real xlsx and CSV files in the offices' formats, bad rows included."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from puantaj.errors import PeriodLocked
from puantaj.services.import_files import read_table
from puantaj.services.importer import ImportService
from puantaj.services.timesheets import Edit
from tests.puantaj.services.cetvel_data import october

GOOD_TC, BAD_TC, OTHER_TC = "10000000146", "10000000147", "10000000214"


def said(line, index: int = 0) -> list[str]:
    """A plan line's reasons in Turkish (0) or English (1)."""
    return [reason.text(index) for reason in line.reasons]


@pytest.fixture
def importer(services):
    return ImportService(
        services.store,
        services.timesheets,
        services.records["employees"],
        services.reports,
    )


@pytest.fixture
def known(services, ankara) -> str:
    return add_known(services, ankara)


def add_known(services, ankara) -> str:
    """0042 İsmail Işıkoğlu, hired 2025, with an X on 2 November 2026."""
    emp = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "0042",
            "tc_no": GOOD_TC,
            "first_name": "İsmail",
            "last_name": "Işıkoğlu",
            "hire_date": "01.01.2025",
        },
    )
    services.timesheets.write(ankara, [Edit(emp, dt.date(2026, 11, 2), "X")])
    return emp


def _office_xlsx(path):
    """An office's sheet: a title, then Sicil/TC/Adı Soyadı and days 1..30."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["ANKARA ŞUBESİ KASIM 2026 PUANTAJI"])
    ws.append(
        ["Sicil No", "T.C. Kimlik No", "Adı Soyadı", "İşe Giriş Tarihi", *range(1, 31)]
    )
    ws.append(["0042", GOOD_TC, "İsmail Işıkoğlu", None, "HT", "x", "Ç+2,5"])
    ws.append(
        [
            "0099",
            None,
            "Ayşe Yağmur Doğan",
            dt.datetime(2026, 11, 3),
            None,
            None,
            "1",
            "Yİ",
            "R",
        ]
    )
    ws.append(["0100", BAD_TC, "Kötü Tc", "01.01.2020", "X"])
    ws.append(["0101", None, "Bilinmeyen Kod", "01.01.2020", "Q"])
    ws.append(["0102", None, "Erken Gün", "10.11.2026", "X"])
    for row in ws.iter_rows(min_row=3, max_col=1):
        row[0].number_format = "@"
    book.save(path)
    return path


def test_the_dry_run_says_row_by_row_what_would_happen_and_writes_nothing(
    services, ankara, importer, known, tmp_path
):
    table = read_table(_office_xlsx(tmp_path / "ofis.xlsx"))
    plan = importer.plan(ankara, "Ankara", 2026, 11, table)
    by_sicil = {line.sicil: line for line in plan.lines}
    assert by_sicil["0042"].action == "change"
    assert [e.text for e in by_sicil["0042"].edits] == ["HT", "X+2,5"]  # day 2 same
    assert by_sicil["0099"].action == "create"
    assert [e.text for e in by_sicil["0099"].edits] == ["X", "Yİ", "R"]
    assert said(by_sicil["0100"]) == [f"TC kimlik no hatalı: {BAD_TC}"]
    assert said(by_sicil["0101"]) == ["1. gün: bilinmeyen kod 'Q'"]
    assert said(by_sicil["0102"]) == ["1. gün: çalışma tarihleri dışında"]
    assert said(by_sicil["0102"], 1) == ["day 1: outside the employment dates"]
    report = plan.render()
    assert "Özet: 1 eklenecek, 1 değişecek, 0 aynı, 3 reddedildi." in report
    assert "Satır   6" in report  # the sheet's row number, as Excel shows it
    assert "Sütunlar: A=sicil, B=tc, C=name, D=hire, E..AH=day:1..30\n" in report
    grid = services.timesheets.load_month(ankara, "Ankara", 2026, 11)
    assert [e["sicil_no"] for e in grid.employees] == ["0042"]  # nothing written


def test_applying_writes_accepted_rows_and_undo_takes_it_back(
    services, ankara, importer, known, tmp_path
):
    table = read_table(_office_xlsx(tmp_path / "ofis.xlsx"))
    result = importer.apply(ankara, importer.plan(ankara, "Ankara", 2026, 11, table))
    grid = services.timesheets.load_month(ankara, "Ankara", 2026, 11)
    assert sorted(e["sicil_no"] for e in grid.employees) == ["0042", "0099"]
    assert grid.cell(known, dt.date(2026, 11, 3)).overtime_hours == 2.5
    with services.store.connection() as conn:
        sources = {r[0] for r in conn.execute("SELECT source FROM audit_log")}
    assert "import" in sources
    importer.undo(ankara, result)
    grid = services.timesheets.load_month(ankara, "Ankara", 2026, 11)
    assert [e["sicil_no"] for e in grid.employees] == ["0042"]
    assert grid.cell(known, dt.date(2026, 11, 3)).code is None


def test_a_turkish_excel_csv_with_english_headings_is_read(
    services, ankara, importer, known, tmp_path
):
    path = tmp_path / "office.csv"
    path.write_bytes(
        "Employee No;National ID;First name;Surname;1;2\r\n"
        '="0042";10000000146;İsmail;Işıkoğlu;HT;X\r\n'
        "0042x;;Yeni;Kişi;X;X\r\n".encode("cp1254")
    )
    plan = importer.plan(ankara, "Ankara", 2026, 11, read_table(path))
    assert [line.action for line in plan.lines] == ["change", "refused"]
    assert said(plan.lines[1]) == ["yeni personel: işe giriş tarihi gerekli"]


def test_a_locked_month_refuses_every_row(
    services, ankara, admin, importer, known, tmp_path
):
    services.reports.move(admin, "Ankara", "2026-11", "lock")
    plan = importer.plan(
        ankara, "Ankara", 2026, 11, read_table(_office_xlsx(tmp_path / "o.xlsx"))
    )
    assert {line.action for line in plan.lines} == {"refused"}
    assert all(
        "ay kapalı" in said(line)[0] for line in plan.lines if line.sicil == "0042"
    )
    assert said(plan.lines[0]) == [
        "ay kapalı: Ankara Kasım 2026 kilitli (admin kilitledi)"
    ]
    assert said(plan.lines[0], 1) == [
        "month closed: Ankara November 2026 is locked (by admin)"
    ]


def test_a_sicil_given_twice_is_refused_on_its_second_row(
    services, ankara, importer, known, tmp_path
):
    path = tmp_path / "iki.csv"
    path.write_text(
        "Sicil;Ad Soyad;İşe giriş;1\n"
        "0077;Şükrü Güneş;01.11.2026;X\n"
        "0077;Şükrü Güneş;01.11.2026;R\n"
        "0042;İsmail Işıkoğlu;;HT\n"
        "0042;İsmail Işıkoğlu;;X\n",
        encoding="utf-8-sig",
    )
    plan = importer.plan(ankara, "Ankara", 2026, 11, read_table(path))
    assert [line.action for line in plan.lines] == [
        "create",
        "refused",
        "change",
        "refused",
    ]
    assert said(plan.lines[1]) == ["sicil 0077 2. satırda da var"]
    importer.apply(ankara, plan)  # before: the second create failed half-way
    grid = services.timesheets.load_month(ankara, "Ankara", 2026, 11)
    assert sorted(e["sicil_no"] for e in grid.employees) == ["0042", "0077"]
    assert grid.cell(known, dt.date(2026, 11, 1)).code == "HT"


def test_an_import_that_fails_while_writing_leaves_nothing_behind(
    services, ankara, admin, importer, known, tmp_path
):
    table = read_table(_office_xlsx(tmp_path / "ofis.xlsx"))
    plan = importer.plan(ankara, "Ankara", 2026, 11, table)
    services.reports.move(admin, "Ankara", "2026-11", "lock")  # e.g. by a sync
    with pytest.raises(PeriodLocked):
        importer.apply(ankara, plan)
    grid = services.timesheets.load_month(ankara, "Ankara", 2026, 11)
    assert [e["sicil_no"] for e in grid.employees] == ["0042"]


def test_a_new_employee_takes_the_exit_date_and_no_day_after_it(
    services, ankara, importer, tmp_path
):
    path = tmp_path / "cikis.csv"
    path.write_text(
        "Sicil;Adı;Soyadı;İşe giriş;İşten çıkış;1;2;3\n"
        "0050;Gül;Şen;01.01.2026;02.11.2026;X;X;\n"
        "0051;Işık;Öz;01.01.2026;02.11.2026;X;X;X\n",
        encoding="utf-8-sig",
    )
    plan = importer.plan(ankara, "Ankara", 2026, 11, read_table(path))
    assert [line.action for line in plan.lines] == ["create", "refused"]
    assert said(plan.lines[1]) == ["3. gün: çalışma tarihleri dışında"]
    importer.apply(ankara, plan)
    with services.store.connection() as conn:
        row = conn.execute("SELECT exit_date FROM employees WHERE sicil_no = '0050'")
        assert row.fetchone()[0] == "2026-11-02"


def test_undo_leaves_a_cell_changed_since_the_import_as_it_is(
    services, ankara, importer, known, tmp_path
):
    table = read_table(_office_xlsx(tmp_path / "ofis.xlsx"))
    result = importer.apply(ankara, importer.plan(ankara, "Ankara", 2026, 11, table))
    services.timesheets.write(ankara, [Edit(known, dt.date(2026, 11, 1), "Yİ")])
    assert importer.undo(ankara, result) == 1
    grid = services.timesheets.load_month(ankara, "Ankara", 2026, 11)
    assert grid.cell(known, dt.date(2026, 11, 1)).code == "Yİ"  # typed after
    assert grid.cell(known, dt.date(2026, 11, 3)).code is None  # imported: undone


def test_a_sicil_whose_leading_zeros_excel_dropped_is_still_found(
    services, ankara, importer, known, tmp_path
):
    book = openpyxl.Workbook()
    book.active.append(["Sicil", "Ad Soyad", 1])
    book.active.append([42, "İsmail Işıkoğlu", "HT"])  # typed as a number: 0042
    book.save(tmp_path / "sayi.xlsx")
    plan = importer.plan(ankara, "Ankara", 2026, 11, read_table(tmp_path / "sayi.xlsx"))
    assert [(line.sicil, line.action) for line in plan.lines] == [("0042", "change")]
    assert plan.lines[0].edits[0].employee_id == known


def test_a_known_employee_takes_the_sheets_title_and_a_missing_tc_undoably(
    services, ankara, importer, known, tmp_path
):
    other = services.records["employees"].create(
        ankara,
        {
            "sicil_no": "0043",
            "first_name": "Gülşen",
            "last_name": "Çağlar",
            "hire_date": "01.01.2025",
        },
    )
    path = tmp_path / "liste.csv"  # an employee list: no day columns
    path.write_text(
        "Sicil;Ad Soyad;TC Kimlik No;Görevi\n"
        f"0042;İsmail Işıkoğlu;{GOOD_TC};Şoför\n"
        f"0043;Gülşen Çağlar;{OTHER_TC};\n"
        f"0044;Yeni Kişi;{GOOD_TC};\n",  # İsmail's TC no on someone else
        encoding="utf-8-sig",
    )
    plan = importer.plan(ankara, "Ankara", 2026, 11, read_table(path))
    assert [line.action for line in plan.lines] == ["change", "change", "refused"]
    assert said(plan.lines[2]) == [
        "yeni personel: işe giriş tarihi gerekli",
        "bu TC kimlik no 0042 sicilli personelde kayıtlı",
    ]
    assert [n.text() for n in plan.lines[0].notes] == ["görev: Şoför"]
    assert [n.text(1) for n in plan.lines[1].notes] == ["TC no added"]
    result = importer.apply(ankara, plan)

    def employee(row_id):
        with services.store.connection() as conn:
            return conn.execute(
                "SELECT title, tc_no FROM employees WHERE id = ?", (row_id,)
            ).fetchone()

    assert tuple(employee(known)) == ("Şoför", GOOD_TC)
    assert tuple(employee(other)) == (None, OTHER_TC)
    importer.undo(ankara, result)
    assert tuple(employee(known)) == (None, GOOD_TC)
    assert tuple(employee(other)) == (None, None)


def test_overtime_the_grid_refuses_is_refused_with_the_grids_words(
    services, ankara, importer, known, tmp_path
):
    path = tmp_path / "mesai.csv"
    path.write_text("Sicil;1;2\n0042;x+20;HT+2\n", encoding="utf-8-sig")
    plan = importer.plan(ankara, "Ankara", 2026, 11, read_table(path))
    assert said(plan.lines[0]) == [
        "1. gün: x+20: bir günde 16 saatten fazla fazla mesai yazılamaz",
        "2. gün: HT+2: HT çalışılmayan bir gün; fazla mesai yalnızca çalışılan"
        " günlere yazılır",
    ]
    assert said(plan.lines[0], 1)[0] == (
        "day 1: x+20: more than 16 hours of overtime in one day"
    )


def test_our_own_printed_cetvel_comes_back_in_with_its_edits_only(
    services, ankara, admin, importer, tmp_path
):
    exports = october(services, ankara, admin)
    services.reports.move(admin, "Ankara", "2026-10", "send_back", "düzeltme")
    path = exports.to_xlsx(admin, ["Ankara"], 2026, 10, tmp_path / "ekim.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Ankara"]
    heads = [c.value for c in sheet[4]]
    row = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == "0042")
    row[heads.index("6")].value = "R"  # the office corrects one day by hand
    book.save(path)
    plan = importer.plan(ankara, "Ankara", 2026, 10, read_table(path))
    # the weekday row, the totals row, the legend and signatures are not people
    assert [(line.sicil, line.action) for line in plan.lines] == [
        ("0007", "same"),
        ("0042", "change"),
    ]
    assert [(e.day.day, e.text) for e in plan.lines[1].edits] == [(6, "R")]


def test_day_headings_written_as_dates_are_recognised(
    services, ankara, importer, known, tmp_path
):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Sicil", "Ad Soyad", *(dt.datetime(2026, 11, d) for d in (1, 2, 3))])
    for cell in ws[1][2:]:
        cell.number_format = "d ddd"  # shown as "1 Paz"
    ws.append(["0042", "İsmail Işıkoğlu", "HT", "X", "X"])
    book.save(tmp_path / "tarihli.xlsx")
    table = read_table(tmp_path / "tarihli.xlsx")
    plan = importer.plan(ankara, "Ankara", 2026, 11, table)
    assert plan.mapping == {0: "sicil", 1: "name", 2: "day:1", 3: "day:2", 4: "day:3"}
    assert [(e.day.day, e.text) for e in plan.lines[0].edits] == [(1, "HT"), (3, "X")]
