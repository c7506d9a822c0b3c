"""An import, and its undo, reach the other PCs through a real server like typed
data (issue 14)."""

from __future__ import annotations

from puantaj.services.import_files import read_table


def cells(desk) -> dict[tuple[str, str], str]:
    return {
        (r["employee_id"], r["work_date"]): r["code"]
        for r in desk.rows("timesheets").values()
        if not r["deleted"] and r["code"]
    }


def test_an_import_and_its_undo_reach_the_admins_pc(desks, tmp_path):
    ankara, hq = desks("Ankara"), desks("*")
    sheet = tmp_path / "ofis.csv"
    sheet.write_text(
        "Sicil;Adı Soyadı;İşe giriş;1;2;3\n"
        "0077;Şükrü Güneş;01.11.2026;X;X;R\n"
        "0078;Ayşe Öz;01.11.2026;X;;\n",
        encoding="utf-8-sig",
    )
    importer = ankara.services.importer
    plan = importer.plan(ankara.session, "Ankara", 2026, 11, read_table(sheet))
    assert [line.action for line in plan.lines] == ["create", "create"]
    result = importer.apply(ankara.session, plan)
    assert ankara.pending() > 0  # queued like typed rows
    assert ankara.sync().ok and hq.sync().ok
    names = {e["sicil_no"]: e for e in hq.employees().values()}
    assert set(names) == {"0077", "0078"} and names["0077"]["region"] == "Ankara"
    shukru = names["0077"]["id"]
    assert {day: code for (who, day), code in cells(hq).items() if who == shukru} == {
        "2026-11-01": "X",
        "2026-11-02": "X",
        "2026-11-03": "R",
    }
    importer.undo(ankara.session, result)
    assert ankara.sync().ok and hq.sync().ok
    assert all(e["deleted"] for e in hq.employees().values())
    assert cells(hq) == {}
