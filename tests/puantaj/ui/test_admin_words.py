"""The admin screens' presenters in both languages (pure: no Tk, no server)."""

from __future__ import annotations

import datetime as dt

from puantaj.core.datetext import moment_text
from puantaj.ui.i18n import Strings
from puantaj.ui.presenters import conflicts, overview

TR, EN = Strings("tr"), Strings("en")
AT = "2026-11-03T09:05:00+00:00"
SHOWN_AT = moment_text(AT)


def _item(**over) -> dict:
    item = {
        "id": 9,
        "region": "Ankara",
        "tbl": "timesheets",
        "row_id": "r1",
        "column_name": "code",
        "kind": "overwritten",
        "value": "D",
        "winner": "YG",
        "value_by": "mehmet",
        "value_at": AT,
        "value_site": {"region": "Ankara", "label": "ankara-pc2"},
        "winner_by": "ayse",
        "winner_at": AT,
        "winner_site": {"region": "Ankara", "label": "Ankara"},
        "restored_at": None,
        "restored_by": None,
    }
    return {**item, **over}


SUBJECT = {"name": "Ayşe Yılmaz", "sicil_no": "7", "day": "2026-11-03"}


def test_a_timesheet_conflict_in_turkish_and_in_english():
    line = conflicts.conflict_line(_item(), SUBJECT, TR)
    assert line.cells() == (
        "Ankara",
        "Ayşe Yılmaz (sicil 7)",
        "03.11.2026",
        "Kod",
        "Üzerine yazılan",
        "D",
        f"mehmet · {SHOWN_AT} · ankara-pc2",  # the region is the line's
        "YG",
        f"ayse · {SHOWN_AT} · Ankara",  # a label that is the region says it once
        "",
    )
    assert line.detail == (
        "Ayşe Yılmaz (sicil 7) — 03.11.2026 — Kod\n"
        f"Kaybeden: D — mehmet · {SHOWN_AT} · Ankara / ankara-pc2\n"
        f"Kazanan: YG — ayse · {SHOWN_AT} · Ankara"
    )
    english = conflicts.conflict_line(_item(), SUBJECT, EN)
    assert english.record == "Ayşe Yılmaz (sicil no 7)"
    assert (english.field, english.kind) == ("Code", "Overwritten")
    assert conflicts.confirm_text(english, EN).startswith(
        "Restore D to Code of Ayşe Yılmaz (sicil no 7), 03.11.2026?"
    )


def test_values_read_as_their_screens_show_them():
    def shown(table, column, value, t=TR):
        return conflicts.value_text(table, column, value, t)

    assert shown("timesheets", "overtime_hours", 2.5) == "2,5"
    assert shown("vehicles", "km", 125000) == "125.000"
    assert shown("employees", "hire_date", "2026-02-01") == "01.02.2026"
    assert shown("employees", "tc_no", "10000000146") == "*******0146"
    assert shown("vehicles", "vehicle_type", "private") == "Hususi"
    assert shown("vehicles", "vehicle_type", "private", EN) == "Private car"
    assert shown("timesheets", "deleted", 1) == "Evet"
    assert shown("employees", "title", None) == "(boş)"
    assert shown("employees", "title", "Usta") == "Usta"  # no JSON quotes


def test_a_row_this_pc_does_not_hold_and_a_pc_no_one_knows():
    item = _item(tbl="employees", column_name="title", value="Usta", winner="Şef")
    item["value_site"] = {}
    line = conflicts.conflict_line(item, None, TR)
    assert line.record == "bu bilgisayarda olmayan kayıt" and line.day == ""
    assert line.field == "Unvan"
    assert line.lost_by == f"mehmet · {SHOWN_AT} · bilinmeyen bilgisayar"
    assert conflicts.confirm_text(line, TR) == (
        "bu bilgisayarda olmayan kayıt — Unvan: Usta geri yüklensin mi?\n\n"
        "Yalnızca bu alan değişir; şimdiki değer (Şef) geçmişte saklanır."
    )


def test_bookkeeping_columns_are_not_listed():
    items = [_item(), _item(id=10, column_name="updated_by")]
    assert [i["id"] for i in conflicts.shown(items)] == [9]


def test_regions_at_a_glance_with_their_pcs():
    status = {
        "regions": {
            "Ankara": {
                "sites": [
                    {
                        "site_id": "a" * 36,
                        "label": "ankara-pc1",
                        "last_sync_at": AT,
                        "pending": 1250,
                        "refused_total": 1,
                        "divergence": {"state": "in_step"},
                    },
                    {
                        "site_id": "b" * 36,
                        "label": "",
                        "last_sync_at": None,
                        "pending": None,
                        "refused_total": 0,
                        "divergence": None,
                    },
                ],
                "rejected": 1,
                "months": {
                    "2026-12": "draft",
                    "2026-11": "locked",
                    "2026-10": "approved",
                },
            }
        }
    }
    (line,) = overview.region_lines(status, TR, dt.date(2026, 12, 2))
    assert line.name == "Ankara — 2 bilgisayar"
    assert line.cells == (
        SHOWN_AT,
        "1.250",  # numbers the Turkish way
        "1",
        "Aralık 2026: Taslak",
        "Eşit ✓",
        "Kasım 2026: Kilitli, Ekim 2026: Onaylandı",
    )
    first, second = line.pcs
    assert (first.name, first.cells[:3]) == ("ankara-pc1", (SHOWN_AT, "1.250", "1"))
    assert (second.name, second.cells[0]) == ("bbbbbbbb", "hiç eşitlenmedi")
    assert second.cells[4] == "Henüz karşılaştırılmadı"
    (english,) = overview.region_lines(status, EN, dt.date(2027, 1, 5))
    assert english.name == "Ankara — 2 PCs"
    assert english.cells[3] == "January 2027: not started"
    assert english.cells[4] == "In step ✓"
