"""Concurrent edits, deletes racing edits, a client killed mid-sync, skewed PC clocks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from puantaj.core.hlc import Stamp
from puantaj.store import changelog, clock
from tests import servers
from tests.conftest import employee_stamps
from tests.e2e.conftest import Desk


def shared_employee(a: Desk, b: Desk) -> str:
    emp = a.services.records["employees"].create(
        a.session,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.01.2026",
        },
    )
    assert a.sync().ok and b.sync().ok
    assert emp in b.employees()
    return emp


def conflicts(server, desks) -> list[dict]:
    return server.get("/conflicts", desks.tokens["*"]).json()["conflicts"]


def title_stamp(desk: Desk) -> Stamp:
    with desk.services.store.connection() as conn:
        stamps = employee_stamps(
            conn.execute("SELECT _hlc FROM employees").fetchone()[0]
        )
    return Stamp.parse(stamps["title"])


def test_different_fields_both_kept_same_field_newer_wins(desks, server):
    a, b = desks("Ankara"), desks("Ankara")
    desks("*")
    emp = shared_employee(a, b)
    ra, rb = a.services.records["employees"], b.services.records["employees"]
    ra.update(a.session, emp, {"title": "Usta"})
    rb.update(b.session, emp, {"tc_no": "10000000146"})
    assert a.sync().ok and b.sync().ok and a.sync().ok
    for desk in (a, b):
        row = desk.employees()[emp]
        assert (row["title"], row["tc_no"]) == ("Usta", "10000000146")
    rb.update(b.session, emp, {"title": "Kalfa"})
    ra.update(a.session, emp, {"title": "Şef"})
    # two PCs a few ms apart: the newer stamp (as the triple) must win everywhere
    stamps = {"Kalfa": title_stamp(b), "Şef": title_stamp(a)}
    newer = max(stamps, key=stamps.get)
    older = min(stamps, key=stamps.get)
    assert b.sync().ok and a.sync().ok and b.sync().ok
    assert a.employees()[emp]["title"] == b.employees()[emp]["title"] == newer
    kept = [c for c in conflicts(server, desks) if c["column_name"] == "title"]
    assert any(c["value"] == older for c in kept)


def test_a_delete_racing_an_edit(desks):
    a, b = desks("Ankara"), desks("Ankara")
    emp = shared_employee(a, b)
    a.services.records["employees"].set_deleted(a.session, emp)
    b.services.records["employees"].update(b.session, emp, {"title": "Usta"})
    assert a.sync().ok and b.sync().ok and a.sync().ok
    for desk in (a, b):
        row = desk.employees()[emp]
        # the edit is kept but does not bring the row back
        assert (row["deleted"], row["title"]) == (1, "Usta")
    b.services.records["employees"].set_deleted(b.session, emp, deleted=False)
    assert b.sync().ok and a.sync().ok
    assert a.employees()[emp]["deleted"] == 0


def test_a_client_killed_mid_sync_resumes_without_loss_or_duplicates(
    desks, server, tmp_path
):
    a = desks("Ankara", page_size=200)
    emp = a.services.records["employees"]
    with a.services.store.connection() as conn:
        conn.execute("BEGIN")
        for i in range(20000):
            conn.execute(
                "INSERT INTO drivers (id, region, full_name) VALUES (?, 'Ankara', ?)",
                (f"00000000-0000-4000-8000-{i:012d}", f"Sürücü {i}"),
            )
        conn.execute("COMMIT")
    emp.create(
        a.session,
        {
            "sicil_no": "1",
            "first_name": "A",
            "last_name": "B",
            "hire_date": "01.01.2026",
        },
    )
    env = {
        **os.environ,
        "PUANTAJ_HOME": str(a.services.settings.home),
        "PUANTAJ_SYNC_URL": server.url,
        "PUANTAJ_SYNC_TOKEN": desks.tokens["Ankara"],
        "PUANTAJ_SYNC_PAGE_SIZE": "200",
        "PUANTAJ_LANG": "en",  # it reads the English progress line
        "PYTHONPATH": str(servers.ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "puantaj", "sync", "--once"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        cwd=servers.ROOT,
    )
    # page size 200 of 20001 rows (100 pages, so the kill lands mid-way even on a
    # loaded machine): kill it once it reports its first pages
    for line in proc.stdout:
        if (
            "pushed" in line
            and "/20001" in line
            and not line.strip().startswith("pushed 0/")
        ):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    left = a.pending()
    assert 0 < left < 20001
    report = a.sync()
    assert report.ok and a.pending() == 0
    admin = desks("*")
    assert admin.sync().ok
    assert len(admin.rows("drivers")) == 20000
    assert len(admin.employees()) == 1
    with a.services.store.connection() as conn:
        assert conn.execute("SELECT count(*) FROM _rejected").fetchone()[0] == 0
        assert changelog.get_state(conn, "cursor")


def server_ms(server) -> int:
    return Stamp.parse(server.get("/health", None).json()["server_time"]).ms


def test_pc_clocks_a_day_ahead_and_a_day_behind_neither_win_nor_lose(desks, server):
    day_ms = 86_400_000
    ahead, behind = desks("Ankara"), desks("Ankara")
    desks("*")
    for desk, skew in ((ahead, day_ms), (behind, -day_ms)):
        # a PC clock a day off: the store's physical time is system time + offset
        with desk.services.store.connection() as conn:
            clock.set_clock_offset(conn, skew)
    emp = ahead.services.records["employees"].create(
        ahead.session,
        {
            "sicil_no": "1",
            "first_name": "Ayşe",
            "last_name": "Yılmaz",
            "hire_date": "01.01.2026",
        },
    )
    # typed before the first sync with a clock a day ahead: not refused, re-stamped
    first = ahead.sync()
    assert first.ok and first.refused == 0
    assert ahead.sync().ok and ahead.pending() == 0
    assert behind.sync().ok and emp in behind.employees()
    for desk in (ahead, behind):
        with desk.services.store.connection() as conn:
            assert abs(clock.clock_offset(conn)) < 5_000  # corrected
    # concurrent edits: both stamped at the server's time, so neither side wins by
    # its clock; the two converge and the losing value is kept
    before = server_ms(server)
    ahead.services.records["employees"].update(ahead.session, emp, {"title": "Önce"})
    behind.services.records["employees"].update(behind.session, emp, {"title": "Sonra"})
    after = server_ms(server)
    for desk in (ahead, behind):
        assert before - 5_000 <= title_stamp(desk).ms <= after + 5_000
    assert ahead.sync().ok and behind.sync().ok and ahead.sync().ok
    final = ahead.employees()[emp]["title"]
    assert behind.employees()[emp]["title"] == final and final in ("Önce", "Sonra")
    kept = {c["value"] for c in conflicts(server, desks) if c["column_name"] == "title"}
    assert ({"Önce", "Sonra"} - {final}) <= kept
    # an edit made after seeing the other's wins, whichever clock was wrong
    for first_desk, second_desk, value in (
        (ahead, behind, "Üç"),
        (behind, ahead, "Dört"),
    ):
        second_desk.services.records["employees"].update(
            second_desk.session, emp, {"title": value}
        )
        assert second_desk.sync().ok and first_desk.sync().ok
        assert first_desk.employees()[emp]["title"] == value
