"""Issue 10: the ways a write could vanish or sites could stay different, each
replayed against a real server over HTTP."""

from __future__ import annotations

import json
import os

import pytest

from puantaj.errors import SyncUnavailable
from puantaj.sync.client import SyncClient
from tests import servers
from tests.conftest import employee_stamps, require
from tests.e2e.conftest import Desk


@pytest.fixture(params=["sqlite", "postgresql"])
def server_env(request, tmp_path):
    """The dev server on embedded SQLite, and gunicorn with 3 workers on
    PostgreSQL (each test in its own schema)."""
    if request.param == "sqlite":
        yield servers.sqlite_env(tmp_path)
        return
    url = os.environ.get("PUANTAJ_TEST_PG")
    require(url is not None, "PUANTAJ_TEST_PG is not set (no PostgreSQL)")
    env = servers.pg_env(tmp_path, url)
    yield env
    servers.drop_schema(url, env.db_schema)


def start(env, port: int | None = None):
    return servers.start(env, workers=3 if env.db_schema else 0, port=port)


@pytest.fixture
def server(server_env):
    running = start(server_env)
    yield running
    running.stop()


@pytest.fixture
def sqlite_env(tmp_path):
    return servers.sqlite_env(tmp_path)


class ScriptedClient(SyncClient):
    """A real client that can lose a reply or run a step between exchanges.

    Its steps are about pull pages, so a first sync pulls as from a server
    without snapshots unless `snapshots` is set."""

    def __init__(self, *args, steps=None, snapshots=False, **kw) -> None:
        super().__init__(*args, **kw)
        self.steps = steps or {}  # exchange number → callable(reply) (may raise)
        self.calls = 0
        self.packed = 0  # pages sent packed ahead, before the last reply was stored
        self.snapshots = snapshots

    def snapshot(self, dest):
        return super().snapshot(dest) if self.snapshots else None

    def sync(self, body, packed=None):
        reply = super().sync(body, packed)
        self.calls += 1
        self.packed += packed is not None
        step = self.steps.get(self.calls)
        if step is not None:
            step(reply)
        return reply


def script(desk: Desk, url: str, token: str, steps: dict) -> ScriptedClient:
    """Make the desk's next run use a ScriptedClient; returns it."""
    made = ScriptedClient(url, token, 30, steps=steps)
    desk.engine._client_factory = lambda: made
    return made


def lose(reply) -> None:
    raise SyncUnavailable("the reply was lost on the way back")


def employee(desk: Desk, sicil: str, first: str, **extra) -> str:
    return desk.services.records["employees"].create(
        desk.session,
        {
            "sicil_no": sicil,
            "first_name": first,
            "last_name": "Yılmaz",
            "hire_date": "01.01.2026",
            **extra,
        },
    )


def site(conn) -> str:
    return conn.execute("SELECT site_id FROM _clock").fetchone()[0]


def refused(desk: Desk) -> list[tuple[str, str]]:
    """The refusals a desk keeps, as (table, reason)."""
    with desk.services.store.connection() as conn:
        return [tuple(r) for r in conn.execute("SELECT tbl, reason FROM _rejected")]


def same_rows(a: Desk, b: Desk, table: str = "employees") -> None:
    assert a.rows(table) == b.rows(table)


def test_lost_reply_then_page_boundary_still_delivers_the_row(desks, server):
    """#11: A's write merged over B's version of a row; the reply that carried B's
    version is lost, and a page boundary moves A's cursor past that version."""
    a = desks("Ankara", page_size=3)
    b = desks("Ankara")
    admin = desks("*")
    emp = employee(a, "7", "Ali")  # A creates it first, offline
    b.later_than(a)
    assert employee(b, "7", "Veli") == emp  # the same natural key, newer
    assert b.sync().ok
    for n in range(3):
        employee(b, str(100 + n), f"Kişi{n}")
    assert b.sync().ok
    a.services.records["employees"].update(a.session, emp, {"title": "Usta"})
    script(a, server.url, desks.tokens["Ankara"], {1: lose})
    assert a.sync().state == "offline"
    script(a, server.url, desks.tokens["Ankara"], {})
    assert a.sync().ok and b.sync().ok and admin.sync().ok
    row = a.employees()[emp]
    assert (row["first_name"], row["title"]) == ("Veli", "Usta")
    same_rows(a, b)
    same_rows(a, admin)


def test_write_typed_between_pull_pages_is_sent(desks, server):
    """#1: the outbox drains, pages of pulling go on, and the clerk types a cell;
    the pull-only checkpoints must not acknowledge it."""
    a = desks("Ankara", page_size=3)
    b = desks("Ankara")
    for n in range(12):
        employee(b, str(200 + n), f"Kişi{n}")
    assert b.sync().ok
    for n in range(4):
        employee(a, str(300 + n), f"Yerel{n}")
    typed = []
    steps = {3: lambda reply: typed.append(employee(a, "999", "Sırada"))}
    script(a, server.url, desks.tokens["Ankara"], steps)
    assert a.sync().ok and typed
    script(a, server.url, desks.tokens["Ankara"], {})
    assert a.sync().ok and a.pending() == 0 and b.sync().ok
    assert typed[0] in b.employees(), "the row typed during the sync reached nobody"
    same_rows(a, b)


def test_restored_backup_gets_back_what_it_wrote_since(desks, server):
    """#4: after a restore the file is a new site, so the server no longer leaves
    out the rows its old self wrote after the backup."""
    a = desks("Ankara")
    emp = employee(a, "7", "Ali")
    assert a.sync().ok
    saved = a.services.backups.backup(label="test")
    a.services.records["employees"].update(a.session, emp, {"title": "Usta"})
    assert a.sync().ok
    a.services.backups.restore(saved.path)
    assert a.employees()[emp]["title"] is None  # last week's file
    assert a.sync().ok
    assert a.employees()[emp]["title"] == "Usta"


def test_file_put_back_by_hand_or_copied_becomes_a_new_site(desks, server, tmp_path):
    """#4: a database file copied over the live one (or to another PC) is found
    out by its site marker when the app opens it."""
    import shutil

    from tests.e2e.conftest import make_desk

    a = desks("Ankara")
    emp = employee(a, "7", "Ali")
    assert a.sync().ok
    path = a.services.store.path
    a.services.store.close()
    shutil.copy(path, tmp_path / "old.db")
    a = make_desk(path.parent, server.url, desks.tokens["Ankara"], "Ankara")
    a.services.records["employees"].update(a.session, emp, {"title": "Usta"})
    assert a.sync().ok
    a.services.store.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copy(tmp_path / "old.db", path)  # put back by hand
    a = make_desk(path.parent, server.url, desks.tokens["Ankara"], "Ankara")
    assert a.sync().ok and a.employees()[emp]["title"] == "Usta"
    # the same file opened in another PC's folder is another site again
    other = tmp_path / "other-pc"
    other.mkdir()
    a.services.store.close()
    shutil.copy(path, other / "puantaj.db")
    b = make_desk(other, server.url, desks.tokens["Ankara"], "Ankara")
    with a.services.store.connection() as ca, b.services.store.connection() as cb:
        assert site(ca) != site(cb)
    assert b.sync().ok
    same_rows(a, b)


def test_refused_in_a_locked_month_is_sent_again_after_unlock(desks, server):
    """#7: a cell typed offline into a month that got locked is refused, kept and
    listed; once the month is unlocked it is sent again and the list clears."""
    import datetime as dt

    from puantaj.services.timesheets import Edit

    a = desks("Ankara")
    admin_token = desks.tokens.get("*") or desks("*") and desks.tokens["*"]
    emp = employee(a, "7", "Ali")
    assert a.sync().ok
    a.services.timesheets.write(a.session, [Edit(emp, dt.date(2026, 3, 2), "X")])
    lock = {"region": "Ankara", "month": "2026-03", "action": "lock"}
    assert server.post("/locks", lock, admin_token).status_code == 200
    report = a.sync()
    assert report.ok and report.refused == 1
    assert refused(a) == [("timesheets", "period_locked")]
    assert a.sync().ok and a.sync().refused == 0  # not sent again while locked
    unlock = {**lock, "action": "unlock", "reason": "düzeltme"}
    assert server.post("/locks", unlock, admin_token).status_code == 200
    assert a.sync().ok and refused(a) == []
    assert a.services.check().ok
    admin = desks("*")
    assert admin.sync().ok
    cells = [r for r in admin.rows("timesheets").values() if r["employee_id"] == emp]
    assert [c["code"] for c in cells] == ["X"]


def newer_server(extra: dict):
    """A reply step that makes every pulled change carry what a newer server
    version would send: columns (or tables) this version does not know."""

    def step(reply) -> None:
        for change in reply.data.get("changes") or []:
            change["row"].update(extra)

    return step


def test_pages_sent_ahead_lose_nothing_typed_while_they_go(desks, server):
    """Issue 16: while a page is on the wire the next is read and packed, and
    sent as soon as a reply that changes nothing here comes, before that reply
    is stored. The clerk types in between: every row reaches the server."""
    a = desks("Ankara", page_size=20)
    made = [employee(a, str(n), f"Kişi{n}") for n in range(100)]
    client = script(
        a,
        server.url,
        desks.tokens["Ankara"],
        {
            n: lambda reply, n=n: made.append(employee(a, f"50{n}", "Araya"))
            for n in (2, 3)
        },
    )
    first = a.sync()
    assert first.ok and client.packed >= 3
    assert a.sync().ok and a.pending() == 0
    admin = desks("*")
    assert admin.sync().ok
    assert sorted(admin.employees()) == sorted(made) and len(made) == 102


def test_older_desktop_keeps_newer_columns_for_after_the_upgrade(desks, server):
    """#8: a pulled change with a column this version does not know: the known
    columns are applied, the whole change is kept, and nothing is skipped."""
    a, b = desks("Ankara"), desks("Ankara")
    emp = employee(b, "7", "Ali")
    assert b.sync().ok
    script(a, server.url, desks.tokens["Ankara"], {1: newer_server({"shoe": 42})})
    assert a.sync().ok
    assert a.employees()[emp]["first_name"] == "Ali"
    with a.services.store.connection() as conn:
        (kept,) = conn.execute("SELECT change, reason FROM _deferred").fetchall()
        assert '"shoe": 42' in kept["change"] and "shoe" in kept["reason"]
        # after an upgrade the column is known here (and never stamped yet), so
        # the same change is whole: it is taken and leaves
        (held,) = conn.execute("SELECT _hlc FROM employees").fetchone()
        unstamped = employee_stamps(held)
        del unstamped["title"]
        conn.execute("UPDATE employees SET _hlc = ?", (json.dumps(unstamped),))
        conn.execute(
            "UPDATE _deferred SET change = replace(change, '\"shoe\": 42', "
            '\'"title": "Usta"\')'
        )
    assert a.sync().ok and a.employees()[emp]["title"] == "Usta"
    with a.services.store.connection() as conn:
        assert conn.execute("SELECT count(*) FROM _deferred").fetchone()[0] == 0
    assert refused(a) == []


def test_refusal_naming_an_unknown_table_does_not_break_the_run(desks, server):
    """#12: a reply refusing a table this version does not know (or a row that
    was not sent) is logged, never raised as a raw sqlite3 error."""
    a = desks("Ankara")
    employee(a, "7", "Ali")

    def odd(reply) -> None:
        reply.data["rejected"] = [
            {"table": "fuel", "id": "x", "reason": "clock_ahead", "detail": ""},
            {"table": "fuel", "id": "y", "reason": "period_locked", "detail": ""},
        ]

    script(a, server.url, desks.tokens["Ankara"], {1: odd})
    report = a.sync()
    assert report.ok and report.refused == 0


def test_a_server_that_keeps_refusing_stamps_as_ahead_stops_the_run(desks, server):
    """#12: a persistent clock_ahead refusal ends the run with a clear message
    instead of looping through 100,000 exchanges."""
    a = desks("Ankara")
    employee(a, "7", "Ali")
    client = None

    def ahead(reply) -> None:
        reply.data["accepted"] = 0
        reply.data["rejected"] = [
            {"table": "employees", "id": i, "reason": "clock_ahead", "detail": ""}
            for i in a.employees()
        ]

    client = script(
        a, server.url, desks.tokens["Ankara"], dict.fromkeys(range(1, 50), ahead)
    )
    report = a.sync()
    assert report.state == "error" and "clock" in report.message
    assert client.calls == 2
    assert a.pending() == 1  # still queued for a later run


def title_stamp(desk: Desk, emp: str):

    from puantaj.core.hlc import Stamp

    with desk.services.store.connection() as conn:
        row = conn.execute("SELECT _hlc FROM employees WHERE id = ?", (emp,))
        return Stamp.parse(employee_stamps(row.fetchone()[0])["title"])


def test_server_restart_never_pulls_a_clock_below_its_own_stamps(
    desks, server, server_env
):
    """#3: a PC four minutes fast drags the server's hybrid clock ahead; the
    desktops measure their offset against the server's physical time, so a
    server restart never brings a desktop's next stamp below one it wrote."""
    fast, d = desks("Ankara"), desks("Ankara")
    emp = employee(d, "7", "Ali")
    assert d.sync().ok and fast.sync().ok
    with fast.services.store.connection() as conn:
        # accepted by the server: under 5 minutes ahead
        conn.execute("UPDATE _clock SET offset_ms = ?", (4 * 60_000,))
    fast.services.records["employees"].update(fast.session, emp, {"title": "F"})
    assert fast.sync().ok and d.sync().ok
    with d.services.store.connection() as conn:
        (offset,) = conn.execute("SELECT offset_ms FROM _clock").fetchone()
        assert abs(offset) < 5_000, "offset measured against a hybrid stamp"
    d.services.records["employees"].update(d.session, emp, {"title": "D1"})
    assert d.sync().ok
    first = title_stamp(d, emp)
    port = int(server.url.rsplit(":", 1)[1])
    server.stop()
    restarted = start(server_env, port=port)
    try:
        assert d.sync().ok
        d.services.records["employees"].update(d.session, emp, {"title": "D2"})
        assert title_stamp(d, emp) > first
        assert d.sync().ok and fast.sync().ok and d.sync().ok
        assert d.employees()[emp]["title"] == fast.employees()[emp]["title"] == "D2"
    finally:
        restarted.stop()


def test_downloaded_database_opens_as_a_site_with_its_clock_past_its_rows(
    desks, server, tmp_path
):
    """#10: the server's download starts with its clock at its newest stamp, not
    0, and opens as the new site it already is (nothing queued again)."""

    from puantaj.core.hlc import Stamp
    from tests.e2e.conftest import make_desk

    b = desks("Ankara")
    emp = employee(b, "7", "Ali")
    assert b.sync().ok
    reply = server.get("/sync/download", desks.tokens["Ankara"])
    assert reply.status_code == 200
    folder = tmp_path / "downloaded"
    folder.mkdir()
    (folder / "puantaj.db").write_bytes(reply.content)
    d = make_desk(folder, server.url, desks.tokens["Ankara"], "Ankara")
    with d.services.store.connection() as conn:
        stamps = employee_stamps(
            conn.execute("SELECT _hlc FROM employees WHERE id = ?", (emp,)).fetchone()[
                0
            ]
        )
        newest = max(Stamp.parse(s) for s in stamps.values())
        local = tuple(conn.execute("SELECT ms, counter FROM _clock").fetchone())
        assert local >= (newest.ms, newest.counter)
    assert d.pending() == 0
    d.services.records["employees"].update(d.session, emp, {"title": "Usta"})
    assert d.sync().ok and b.sync().ok
    assert b.employees()[emp]["title"] == "Usta"


def test_pushed_rows_are_counted_over_every_page(desks, server):
    a = desks("Ankara", page_size=3)
    for n in range(7):
        employee(a, str(n), f"Kişi{n}")
    report = a.sync()
    assert report.ok and (report.pushed, report.pending) == (7, 0)


def test_a_pc_a_day_ahead_is_brought_back_and_its_write_stamped_when_typed(
    desks, server
):
    """A write typed on a PC whose clock is a day ahead is refused as clock_ahead,
    then sent again stamped with the real moment it was typed; the clock is
    brought back (a clock that stayed ahead would win every conflict)."""
    import time

    from puantaj.core.hlc import Stamp

    a = desks("Ankara")
    with a.services.store.connection() as conn:
        conn.execute("UPDATE _clock SET offset_ms = 86400000")
    typed_at = time.time() * 1000
    emp = employee(a, "7", "Ali")
    report = a.sync()
    assert report.ok and report.refused == 0 and a.pending() == 0
    with a.services.store.connection() as conn:
        (ms,) = conn.execute("SELECT ms FROM _clock").fetchone()
        stamps = employee_stamps(
            conn.execute("SELECT _hlc FROM employees WHERE id = ?", (emp,)).fetchone()[
                0
            ]
        )
    assert abs(ms - time.time() * 1000) < 60_000
    assert all(abs(Stamp.parse(s).ms - typed_at) < 60_000 for s in stamps.values())


def test_divergence_is_found_counted_and_repaired(desks, server, server_env):
    """A row the server holds otherwise than this file (as a lost write would
    leave it) is found by the digests, counted, and repaired by taking the scope
    afresh; a file in step says so."""
    a = desks("Ankara")
    b = desks("Ankara")
    emps = [employee(a, str(n), f"Kişi{n}") for n in range(5)]
    assert a.sync(verify=True).divergence == "in step with the server"
    assert b.sync().ok
    with a.services.store.connection() as conn:  # drift that sync cannot see
        conn.execute("UPDATE _clock SET applying = 1")
        conn.execute("UPDATE employees SET title = 'Kayıp' WHERE id = ?", (emps[0],))
        conn.execute(
            "DELETE FROM employees WHERE id = ? AND 0", (emps[1],)
        )  # no-op: rows are never removed
        conn.execute("UPDATE _clock SET applying = 0")
    report = a.sync(verify=True)
    assert report.ok
    assert report.divergence.startswith("repaired (1 rows differ in Ankara/employees)")
    assert a.employees()[emps[0]]["title"] is None
    same_rows(a, b)
    assert a.sync(verify=True).divergence == "in step with the server"


def test_a_server_restored_from_last_weeks_backup_is_healed_by_the_offices(
    tmp_path, sqlite_env
):
    """The server's database put back to an older copy: the office's digests
    differ, the repair sends back what the server lost."""
    import shutil

    from tests.e2e.conftest import make_desk

    server_env = sqlite_env  # the server's file is put back: embedded SQLite
    running = [servers.start(server_env)]
    try:
        url = running[0].url
        tokens = server_env.tokens(["Ankara", "*"])
        a = make_desk(tmp_path / "a", url, tokens["Ankara"], "Ankara")
        first = employee(a, "1", "Ali")
        assert a.sync().ok
        db = server_env.home / "server.db"
        port = int(url.rsplit(":", 1)[1])
        running.pop().stop()
        files = [db.with_name(db.name + suffix) for suffix in ("", "-wal", "-shm")]
        for f in files:  # last week's backup: the file as the server left it
            if f.exists():
                shutil.copy(f, server_env.home / ("old-" + f.name))
        running.append(servers.start(server_env, port=port))
        second = employee(a, "2", "Veli")
        a.services.records["employees"].update(a.session, first, {"title": "Usta"})
        assert a.sync().ok
        running.pop().stop()
        for f in files:
            f.unlink(missing_ok=True)
            old = server_env.home / ("old-" + f.name)
            if old.exists():
                shutil.copy(old, f)
        running.append(servers.start(server_env, port=port))
        report = a.sync(verify=True)
        assert report.divergence.startswith("repaired (2 rows differ"), report
        admin = make_desk(tmp_path / "hq", url, tokens["*"], "*")
        assert admin.sync().ok
        assert admin.employees()[first]["title"] == "Usta"
        assert second in admin.employees()
    finally:
        for server in running:
            server.stop()


def test_status_says_which_sites_are_in_step_and_which_rows_differ(desks, server):
    a, b = desks("Ankara"), desks("Ankara")
    admin = desks("*")
    emp = employee(a, "1", "Ali")
    assert a.sync(verify=True).ok and b.sync(verify=True).ok
    with b.services.store.connection() as conn:  # drift sync cannot see
        conn.execute("UPDATE _clock SET applying = 1")
        conn.execute("UPDATE employees SET title = 'Kayıp' WHERE id = ?", (emp,))
        conn.execute("UPDATE _clock SET applying = 0")
    with b.services.store.connection() as conn:
        b_site = site(conn)
    # b finds it (and repairs it); the report reaches /status at its next sync
    assert b.sync(verify=True).divergence.startswith("repaired")
    assert a.sync().ok and b.sync().ok
    sites = {
        s["site_id"]: s["divergence"]
        for s in server.get("/status", desks.tokens["*"]).json()["regions"]["Ankara"][
            "sites"
        ]
    }
    assert sites[b_site]["state"] == "repaired"
    assert sites[b_site]["differences"] == [
        {"region": "Ankara", "table": "employees", "rows": 1}
    ]
    assert {s["state"] for k, s in sites.items() if k != b_site} == {"in_step"}
    bad = {"site_id": "x-1", "cursor": "", "changes": [], "divergence": {"state": "?"}}
    reply = server.post("/sync", {"protocol": 1, **bad}, desks.tokens["Ankara"])
    assert reply.status_code == 400 and "divergence" in reply.json()["detail"]
    assert admin.sync().ok


def test_sync_verify_and_check_say_in_step_from_the_command_line(
    desks, server, tmp_path
):
    import os
    import subprocess
    import sys

    a = desks("Ankara")
    employee(a, "1", "Ali")
    a.services.store.close()
    env = {
        **os.environ,
        "PUANTAJ_HOME": str(a.services.settings.home),
        "PUANTAJ_SYNC_URL": server.url,
        "PUANTAJ_SYNC_TOKEN": desks.tokens["Ankara"],
        "PYTHONPATH": str(servers.ROOT),
    }

    def puantaj(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "puantaj", *args],
            env=env,
            capture_output=True,
            text=True,
            cwd=servers.ROOT,
            timeout=120,
        )

    synced = puantaj("sync", "--verify")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "sunucuyla karşılaştırma: sunucuyla aynı" in synced.stdout
    env["PUANTAJ_LANG"] = "en"
    again = puantaj("sync", "--verify")
    assert "comparison with the server: in step with the server" in again.stdout
    checked = puantaj("check")
    assert checked.returncode == 0, checked.stdout
    assert "Comparison with the server: in step with the server" in checked.stdout


def test_a_cell_sent_before_its_new_employee_is_sent_again_in_the_same_run(
    desks, server
):
    """The employee was edited after its cell was typed, so the outbox holds the
    cell first; the server refuses it as an orphan, the employee follows in the
    next page, and the cell goes again before the run ends."""
    import datetime as dt

    from puantaj.services.timesheets import Edit

    a = desks("Ankara", page_size=1)
    b = desks("Ankara")
    emp = employee(a, "7", "Ali")
    a.services.timesheets.write(a.session, [Edit(emp, dt.date(2026, 3, 2), "X")])
    a.services.records["employees"].update(a.session, emp, {"title": "Usta"})
    report = a.sync()
    assert report.ok and refused(a) == [] and a.pending() == 0
    assert b.sync().ok
    assert [r["code"] for r in b.rows("timesheets").values()] == ["X"]
