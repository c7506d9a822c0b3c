"""Issue 16: a first sync bootstraps from the server's snapshot of the scope and
carries on with incremental pulls from the cursor the snapshot names, exact
while other PCs keep pushing. Real server over HTTP (embedded SQLite, and
gunicorn with 3 workers on PostgreSQL), real desktop files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from puantaj.core.tables import TABLES
from puantaj.store import changelog, snapshot
from puantaj.sync import bootstrap
from puantaj.sync.client import SyncClient
from tests import servers
from tests.e2e import test_sync_integrity as integrity

employee = integrity.employee
# both backends: the dev server on SQLite, gunicorn with 3 workers on PostgreSQL
server_env, server = integrity.server_env, integrity.server


class Pulling(SyncClient):
    """A client of a server without snapshots: the first sync pulls every row."""

    def snapshot(self, dest):
        return None


class Hooked(SyncClient):
    """A real client that runs `after_download` once the snapshot is on disk,
    before the desktop takes it in, and counts what it asked for."""

    def __init__(self, *args, after_download=None, layout=None, **kw) -> None:
        super().__init__(*args, **kw)
        self.after_download = after_download
        self.layout = layout
        self.snapshots = 0

    def snapshot(self, dest):
        got = super().snapshot(dest)
        self.snapshots += 1
        if got is not None and self.after_download is not None:
            self.after_download()
        if got is not None and self.layout is not None:
            with sqlite3.connect(dest) as conn:  # as a newer server would write it
                conn.execute(self.layout)
            conn.close()
        return got


def hook(desk, url: str, token: str, **kw) -> Hooked:
    made = Hooked(url, token, 60, **kw)
    desk.engine._client_factory = lambda: made
    return made


def cursor(desk) -> str:
    with desk.services.store.connection() as conn:
        return changelog.get_state(conn, "cursor")


def schema(desk) -> list[tuple]:
    with desk.services.store.connection() as conn:
        return conn.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()


def in_step(desk, url: str, token: str) -> str:
    from puantaj.sync import divergence

    client = SyncClient(url, token, 60)
    try:
        found, _ = divergence.check(desk.services.store, client)
    finally:
        client.close()
    return found.state


def test_first_sync_takes_the_snapshot_then_pulls_what_came_after(desks, server):
    writer = desks("Ankara")
    for n in range(30):
        employee(writer, str(n), f"Çalışan{n}")
    other = desks("İstanbul")
    employee(other, "1", "İstanbullu")
    assert writer.sync().ok and other.sync().ok

    fresh = desks("Ankara")
    late = []  # written after the snapshot was cut, before it is taken in
    client = hook(
        fresh,
        server.url,
        desks.tokens["Ankara"],
        after_download=lambda: (
            late.append(employee(writer, "99", "Geç")),
            writer.sync(),
        ),
    )
    report = fresh.sync()
    assert report.ok and client.snapshots == 1
    assert report.pulled == 31  # 30 from the file, the late one by pulling
    assert fresh.employees() == writer.employees()  # every row, not İstanbul's
    assert late[0] in fresh.employees()
    assert fresh.pending() == 0  # taken rows are not queued back
    assert cursor(fresh).startswith("v1:")
    assert any("GET /sync/snapshot" in line for line in server.log)
    assert in_step(fresh, server.url, desks.tokens["Ankara"]) == "in_step"

    # the tables were filled with their indexes and triggers set aside: they
    # are all back, so what is typed next is queued and checked
    assert schema(fresh) == schema(desks("Ankara"))
    employee(fresh, "500", "Burada")
    assert fresh.pending() == 1

    # later runs are incremental: no second snapshot
    employee(writer, "100", "Sonra")
    assert writer.sync().ok
    again = fresh.sync()
    assert again.ok and again.pulled == 1 and again.pushed == 1
    assert client.snapshots == 1


def test_snapshot_stays_exact_while_other_pcs_push(desks, server):
    """An admin bootstraps while two offices keep pushing: after one more run
    the admin's file holds exactly what the server holds."""
    ankara, izmir = desks("Ankara"), desks("İzmir")
    for n in range(40):
        employee(ankara, str(n), f"Ankara{n}")
        employee(izmir, str(n), f"İzmir{n}")
    assert ankara.sync().ok and izmir.sync().ok
    stop = threading.Event()
    errors: list[BaseException] = []

    def keep_pushing(desk, prefix: str) -> None:
        n = 0
        try:
            while not stop.is_set():
                employee(desk, f"{prefix}{n}", f"Yeni{n}")
                assert desk.sync().ok
                n += 1
        except BaseException as exc:  # seen by the test thread
            errors.append(exc)

    admin = desks("*")
    pushers = [
        threading.Thread(target=keep_pushing, args=(d, p))
        for d, p in ((ankara, "a"), (izmir, "i"))
    ]
    for t in pushers:
        t.start()
    try:
        client = hook(admin, server.url, desks.tokens["*"])
        first = admin.sync()
    finally:
        stop.set()
        for t in pushers:
            t.join()
    assert not errors, errors
    assert first.ok and client.snapshots == 1
    assert ankara.sync().ok and izmir.sync().ok and admin.sync().ok
    everyone = {**ankara.employees(), **izmir.employees()}
    assert admin.employees() == everyone
    assert in_step(admin, server.url, desks.tokens["*"]) == "in_step"


def stamps(desk) -> dict[tuple[str, str], dict]:
    """Every row's stamps, column by column, as the desktop keeps them."""
    out = {}
    with desk.services.store.connection() as conn:
        for name in TABLES:
            for row_id, hlc in conn.execute(f'SELECT id, _hlc FROM "{name}"'):
                out[name, row_id] = json.loads(hlc)
    return out


@pytest.mark.parametrize("scope", ["Ankara", "*"])
def test_the_snapshot_gives_the_stamps_a_pull_gives(desks, server, scope):
    """Rows written once travel as one stamp, rows edited since as their
    groups; either way the file holds what pulling every row would give, each
    column with its own stamp, and the clock is past the newest of them."""
    office = desks("Ankara")
    made = [employee(office, str(n), f"Kişi{n}", title="Şoför") for n in range(6)]
    assert office.sync().ok
    for emp in made[:3]:  # edited later: two stamps in the row
        office.services.records["employees"].update(
            office.session, emp, {"title": "Usta"}
        )
    assert office.sync().ok
    taken, pulled = desks(scope), desks(scope)
    client = hook(taken, server.url, desks.tokens[scope])
    pulled.engine._client_factory = lambda: Pulling(server.url, desks.tokens[scope], 60)
    assert taken.sync().ok and client.snapshots == 1
    assert pulled.sync().ok
    assert stamps(taken) == stamps(pulled)
    edited = stamps(taken)["employees", made[0]]
    assert edited["title"] > edited["first_name"]  # the edit's stamp is newer
    assert taken.employees() == pulled.employees() == office.employees()
    with taken.services.store.connection() as conn:
        clock = conn.execute("SELECT printf('%013d:%05d', ms, counter) FROM _clock")
        assert clock.fetchone()[0] >= edited["title"][:19]


def test_rows_typed_before_the_first_sync_keep_their_newer_values(desks, server):
    office, newcomer = desks("Ankara"), desks("Ankara")
    emp = employee(office, "7", "Ali", title="Şoför")
    assert office.sync().ok
    # a new PC types the same person (same sicil, same row) before it ever syncs
    assert employee(newcomer, "7", "Alı", title="Çırak") == emp
    # then the office corrects the title, and the new PC the name
    office.later_than(newcomer)
    office.services.records["employees"].update(office.session, emp, {"title": "Usta"})
    assert office.sync().ok
    newcomer.later_than(office)
    newcomer.services.records["employees"].update(
        newcomer.session, emp, {"first_name": "Ali Rıza"}
    )
    client = hook(newcomer, server.url, desks.tokens["Ankara"])
    assert newcomer.sync().ok and client.snapshots == 1
    row = newcomer.employees()[emp]
    assert (row["first_name"], row["title"]) == ("Ali Rıza", "Usta")
    assert newcomer.pending() == 0
    assert office.sync().ok
    assert office.employees()[emp]["first_name"] == "Ali Rıza"
    assert office.employees() == newcomer.employees()


@pytest.mark.parametrize(
    "layout",
    [
        f"UPDATE _snapshot SET value = '{int(snapshot.FORMAT) + 1}' WHERE key = 'format'",
        "ALTER TABLE employees ADD COLUMN shoe_size INTEGER",
        # rows the desktop could not take (a damaged or foreign file): pulling
        # judges each change instead, as for any pull
        "UPDATE employees SET last_name = NULL WHERE rowid = 2",
        "UPDATE employees SET id = 'not-a-uuid' WHERE rowid = 2",
        "UPDATE employees SET region = '' WHERE rowid = 2",
        "UPDATE employees SET _stamp = 'yarın' WHERE rowid = 2",
        "UPDATE employees SET _stamp = substr(_stamp, 1, 20) || 'bir site' WHERE rowid = 2",
        'UPDATE employees SET _stamp = NULL, _hlc = \'{"1": ["first_name"]}\''
        " WHERE rowid = 2",
        "UPDATE employees SET _stamp = NULL, _hlc = '[]' WHERE rowid = 2",
        "UPDATE employees SET _hlc = json_object(_stamp, json_array('shoe')),"
        " _stamp = NULL WHERE rowid = 2",
    ],
)
def test_a_snapshot_this_version_cannot_read_is_pulled_instead(desks, server, layout):
    office = desks("Ankara")
    for n in range(5):
        employee(office, str(n), f"Kişi{n}")
    assert office.sync().ok
    fresh = desks("Ankara")
    client = hook(fresh, server.url, desks.tokens["Ankara"], layout=layout)
    report = fresh.sync()
    assert report.ok and client.snapshots == 1 and report.pulled == 5
    assert fresh.employees() == office.employees()
    leftovers = list(fresh.services.store.path.parent.glob(".snapshot-*"))
    assert leftovers == []  # the downloaded file never stays behind


# the desktop CLI's sync, killed (SIGKILL, no clean-up) inside the snapshot's
# transaction once its first table with rows is written and not yet committed
KILLED_IN_THE_TAKE = """
import os, signal, sys
from puantaj.store import snapshot
real = snapshot._take_table
def take(conn, name, columns):
    written = real(conn, name, columns)
    if written:
        os.kill(os.getpid(), signal.SIGKILL)
    return written
snapshot._take_table = take
from puantaj.__main__ import main
sys.exit(main(["sync", "--once"]))
"""


def test_a_take_killed_half_way_leaves_the_file_as_it_was(desks, server):
    """The PC dies while the snapshot goes in: the file has none of it (not
    half the rows, not a cursor, not its tables without indexes or
    triggers), no downloaded file is left behind, and the next run takes the
    snapshot again and ends in step with the server."""
    office = desks("Ankara")
    for n in range(20):
        employee(office, str(n), f"Kişi{n}")
    assert office.sync().ok
    fresh = desks("Ankara")
    before = schema(fresh)
    env = {
        **os.environ,
        "PUANTAJ_HOME": str(fresh.services.settings.home),
        "PUANTAJ_SYNC_URL": server.url,
        "PUANTAJ_SYNC_TOKEN": desks.tokens["Ankara"],
        "PYTHONPATH": str(servers.ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", KILLED_IN_THE_TAKE],
        env=env,
        cwd=servers.ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert fresh.employees() == {} and cursor(fresh) == ""
    assert schema(fresh) == before  # indexes and triggers as they were
    assert fresh.pending() == 0
    folder = fresh.services.store.path.parent
    (left,) = folder.glob(".snapshot-*")  # killed: nothing could remove it
    client = hook(fresh, server.url, desks.tokens["Ankara"])
    report = fresh.sync()
    assert report.ok and client.snapshots == 1 and report.pulled == 20
    assert fresh.employees() == office.employees()
    assert in_step(fresh, server.url, desks.tokens["Ankara"]) == "in_step"
    employee(fresh, "99", "Yeni")  # the triggers are back: a write is queued
    assert fresh.pending() == 1
    # another process's download may still be running: kept while fresh, and
    # removed by the next snapshot once untouched for an hour (its process died)
    assert left.exists()
    stale = time.time() - bootstrap.STALE_S - 60
    os.utime(left, (stale, stale))
    fresh.engine.resync()  # a new site: its next sync starts from a snapshot
    assert fresh.sync().ok and client.snapshots == 2
    assert list(folder.glob(".snapshot-*")) == []


def test_a_rejected_token_stops_at_the_snapshot(desks, server):
    fresh = desks("Ankara")
    hook(fresh, server.url, "not-a-token")
    report = fresh.sync()
    assert report.state == "token_rejected"
    assert cursor(fresh) == ""
