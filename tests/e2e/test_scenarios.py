"""The seed's four scenarios end to end: real server process, real desktop stores."""

from __future__ import annotations

import datetime as dt
import queue
import threading

from puantaj.services.timesheets import Edit
from puantaj.sync.scheduler import SyncScheduler
from tests import servers
from tests.e2e.conftest import Desk


def add_staff(desk: Desk, n: int, prefix: str = "") -> list[str]:
    emp = desk.services.records["employees"]
    return [
        emp.create(
            desk.session,
            {
                "sicil_no": f"{prefix}{i}",
                "first_name": f"Ad{i}",
                "last_name": "Soyad",
                "hire_date": "01.01.2026",
            },
        )
        for i in range(n)
    ]


def fill_days(desk: Desk, ids: list[str], days: int = 5) -> None:
    desk.services.timesheets.write(
        desk.session,
        [Edit(e, dt.date(2026, 3, d), "X") for e in ids for d in range(2, 2 + days)],
    )


def server_rows(desks, table: str = "employees") -> dict[str, dict]:
    admin = desks("*")
    assert admin.sync().ok
    return admin.rows(table)


def test_1_single_pc_enters_data_and_the_server_has_it(desks):
    ankara = desks("Ankara")
    ids = add_staff(ankara, 3)
    fill_days(ankara, ids)
    report = ankara.sync()
    assert report.ok and report.pushed >= 18 and report.pending == 0
    on_server = server_rows(desks)
    assert set(on_server) == set(ids)
    assert len(server_rows(desks, "timesheets")) == 15


def test_2_two_pcs_at_once_each_in_its_region(desks):
    ankara, istanbul = desks("Ankara"), desks("İstanbul")
    done = []

    def work(desk: Desk, prefix: str) -> None:
        ids = add_staff(desk, 5, prefix)
        fill_days(desk, ids, 3)
        done.append(desk.sync())

    threads = [
        threading.Thread(target=work, args=(d, p))
        for d, p in ((ankara, "A"), (istanbul, "I"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.ok for r in done)
    assert ankara.sync().ok and istanbul.sync().ok
    assert {r["region"] for r in ankara.employees().values()} == {"Ankara"}
    assert {r["region"] for r in istanbul.employees().values()} == {"İstanbul"}
    union = server_rows(desks)
    assert len(union) == 10
    assert set(union) == set(ankara.employees()) | set(istanbul.employees())


def test_3_offline_entries_keep_going_and_arrive_once(desks, server, server_env):
    ankara = desks("Ankara")
    add_staff(ankara, 2, "on")
    assert ankara.sync().ok
    server.stop()
    offline_ids = add_staff(ankara, 3, "off")
    fill_days(ankara, offline_ids)
    events: queue.Queue = queue.Queue()
    scheduler = SyncScheduler(
        ankara.engine, interval_min=0.02, post=events.put, backoff_base_s=0.2
    )
    scheduler.start(first_run_in_s=0)
    back = None
    try:
        finished = []
        while len(finished) < 2:  # two scheduled runs, both offline
            event = events.get(timeout=30)
            if event.kind == "finished":
                finished.append(event.report)
        assert [r.state for r in finished] == ["offline", "offline"]
        assert "refused" in finished[0].message or "reach" in finished[0].message
        assert ankara.pending() == 3 + 15
        back = servers.start(server_env, port=int(server.url.rsplit(":", 1)[1]))
        while True:  # the next scheduled run delivers everything
            event = events.get(timeout=60)
            if event.kind == "finished" and event.report.ok:
                break
        scheduler.stop(wait=True)  # no scheduled run beside the ones below
        assert ankara.pending() == 0
        on_server = server_rows(desks)
        assert len(on_server) == 5
        assert len(server_rows(desks, "timesheets")) == 15
        assert ankara.sync().ok and ankara.sync().pushed == 0  # nothing sent twice
    finally:
        scheduler.stop()
        if back is not None:
            back.stop()


def test_4_admin_install_pulls_every_region(desks):
    regions = ["Ankara", "İstanbul", "Bursa"]
    union: dict[str, dict] = {}
    for region in regions:
        desk = desks(region)
        fill_days(desk, add_staff(desk, 4, region[:2]), 2)
        assert desk.sync().ok
        union.update(desk.employees())
    admin = desks("*")
    report = admin.sync()
    assert report.ok and report.scope == "*"
    assert admin.employees() == union
    assert {r["region"] for r in admin.employees().values()} == set(regions)
    assert len(admin.rows("timesheets")) == 3 * 4 * 2
