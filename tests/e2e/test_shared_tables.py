"""The admin's code and holiday tables reach every office through the real
server, the offices' totals use them, and a region cannot write them (issue 13)."""

from __future__ import annotations

import datetime as dt

from puantaj.core.tables import ALL_REGIONS, natural_id
from puantaj.services.timesheets import Edit
from tests.e2e.conftest import Desk


def refused(desk: Desk) -> list[tuple[str, str]]:
    with desk.services.store.connection() as conn:
        return [tuple(r) for r in conn.execute("SELECT tbl, reason FROM _rejected")]


def test_tables_edited_at_hq_reach_an_office_and_its_totals(desks):
    hq, ankara = desks("*"), desks("Ankara")
    tables = hq.services.calendar_admin
    tables.remove_holiday(hq.session, "23.04.2026")  # no holiday after all
    tables.save_code(
        hq.session,
        {
            "code": "KI",
            "label_tr": "Kısa çalışma",
            "kind": "unpaid",
            "sgk": False,
            "eksik": "18",
        },
    )
    assert hq.sync().ok
    emp = ankara.services.records["employees"].create(
        ankara.session,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Y",
            "hire_date": "01.01.2026",
        },
    )
    report = ankara.sync()
    assert report.ok and report.pulled >= 2
    rows = ankara.rows("holiday_days")
    assert [(r["region"], r["holiday_date"], r["fraction"]) for r in rows.values()] == [
        (ALL_REGIONS, "2026-04-23", 0.0)
    ]
    ts = ankara.services.timesheets
    ts.fill_month(ankara.session, ts.load_month(ankara.session, "Ankara", 2026, 4))
    ts.write(ankara.session, [Edit(emp, dt.date(2026, 4, 6), "kı")])
    april = ts.load_month(ankara.session, "Ankara", 2026, 4)
    assert april.cell(emp, dt.date(2026, 4, 23)).code == "X"  # a workday there now
    # KI on Monday 6 April: 1 unpaid day, and the HT of Sunday 12 April (md.46)
    assert (april.totals[emp].sgk_days, april.totals[emp].eksik_code) == (28, "18")
    assert ankara.sync().ok
    # the office's copy is the server's: the daily comparison finds no difference
    assert ankara.sync(verify=True).divergence == "in step with the server"


def test_a_regions_write_to_a_shared_table_is_refused(desks):
    ankara = desks("Ankara")
    with ankara.services.store.connection() as conn:  # raw SQL: past the service
        conn.execute(
            "INSERT INTO holiday_days (id, region, holiday_date, name_tr, fraction)"
            " VALUES (?, ?, '2026-06-01', 'Sahte tatil', 1.0)",
            (natural_id("holiday_days", "2026-06-01"), ALL_REGIONS),
        )
    report = ankara.sync()
    assert report.ok and report.refused == 1
    assert refused(ankara) == [("holiday_days", "region_forbidden")]
    hq = desks("*")
    assert hq.sync().ok and hq.rows("holiday_days") == {}
