"""Hypothesis state machine on the real stack: 2–4 desktop stores and a real server
process. Random edits, deletes and timesheet cells, interleaved with syncs whose
replies are lost or repeated or during which the clerk types, month locks and
unlocks, admin restores of kept values, clock jumps of minutes and days, backups
restored, files copied to another PC, a newer server's unknown columns, and
server restarts. After a final sync round every column of every table at every
store equals the server in its scope, and the digests agree."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from puantaj.app import build_services
from puantaj.config import load_settings
from puantaj.core.tables import TABLES, natural_id
from puantaj.errors import PuantajError, SyncUnavailable
from puantaj.services.session import Session
from puantaj.services.timesheets import Edit
from puantaj.sync.client import SyncClient
from puantaj.sync.engine import SyncEngine
from tests import servers
from tests.conftest import require
from tests.server.helpers import pull_all

names = (
    st.text(alphabet="aeıioöuüçşğAEIİ ", min_size=1, max_size=8)
    .map(str.strip)
    .filter(bool)
)
MONTHS = ("2026-03", "2026-04")
DAYS = (dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 4, 1))
JUMPS = (-2 * 86_400_000, -300_000, 180_000, 86_400_000)


class FlakyClient(SyncClient):
    """A real client whose reply can be lost, whose request is sent twice, during
    whose second exchange the clerk types, or whose server is a version newer
    (its pulled changes carry a column this version does not know)."""

    mode = "normal"
    typing = None  # called on the second exchange in "typing" mode
    calls = 0

    def sync(self, body, packed=None):
        if self.mode == "repeat":
            super().sync(body, packed)
            return super().sync(body, packed)
        reply = super().sync(body, packed)
        self.calls += 1
        if self.mode == "typing" and self.calls == 2 and self.typing:
            self.typing()
        if self.mode == "newer":
            for change in reply.data.get("changes") or []:
                change["row"]["future_column"] = 1
        if self.mode == "drop":
            raise SyncUnavailable("the reply was lost on the way back")
        return reply


class SyncMachine(RuleBasedStateMachine):
    holder: dict = {}

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="machine-"))
        tag = uuid.uuid4().hex[:6]
        self.regions = [f"A{tag}", f"B{tag}"]
        self.tokens = self.env.tokens([*self.regions, "*"])
        self.desks: list[tuple] = []
        self.backups: list[tuple[int, Path]] = []
        self.locked: set[tuple[str, str]] = set()

    @property
    def env(self):
        return self.holder["env"]

    @property
    def server(self):
        return self.holder["server"]

    def _open(self, home: Path, region: str) -> None:
        services = build_services(load_settings(env={}, flags={"home": str(home)}))
        number = len(self.desks)
        self.desks.append((services, region, Session(f"u{number}", "clerk", region)))

    @initialize(count=st.integers(2, 4))
    def make_desks(self, count: int) -> None:
        for i in range(count):
            self._open(self.folder / f"d{i}", self.regions[i % 2])

    def _engine(self, index: int, mode: str, typing=None) -> SyncEngine:
        services, region, _ = self.desks[index]

        def factory() -> SyncClient:
            client = FlakyClient(self.server.url, self.tokens[region], 30)
            client.mode, client.typing = mode, typing
            return client

        return SyncEngine(services.store, factory, page_size=3)

    def _pick(self, data) -> int:
        return data.draw(st.integers(0, len(self.desks) - 1))

    def _edit(self, index: int, sicil: int, field: str, value: str) -> None:
        services, region, session = self.desks[index]
        records = services.records["employees"]
        row_id = natural_id("employees", region, str(sicil))
        with services.store.connection() as conn:
            exists = records.repo.get(conn, row_id) is not None
        if exists:
            records.update(session, row_id, {field: value})
        else:
            records.create(
                session,
                {
                    "sicil_no": str(sicil),
                    "first_name": "Ad",
                    "last_name": "Soyad",
                    "hire_date": "01.01.2026",
                    field: value,
                },
            )

    @precondition(lambda self: self.desks)
    @rule(
        data=st.data(),
        sicil=st.integers(0, 3),
        field=st.sampled_from(["title", "first_name", "last_name"]),
        value=names,
    )
    def edit(self, data, sicil, field, value) -> None:
        self._edit(self._pick(data), sicil, field, value)

    @precondition(lambda self: self.desks)
    @rule(data=st.data(), sicil=st.integers(0, 3), deleted=st.booleans())
    def delete(self, data, sicil, deleted) -> None:
        services, region, session = self.desks[self._pick(data)]
        row_id = natural_id("employees", region, str(sicil))
        with services.store.connection() as conn:
            if services.records["employees"].repo.get(conn, row_id) is None:
                return
        services.records["employees"].set_deleted(session, row_id, deleted)

    @precondition(lambda self: self.desks)
    @rule(
        data=st.data(),
        sicil=st.integers(0, 3),
        day=st.sampled_from(DAYS),
        code=st.sampled_from(["X", "Y", "R", "HT", ""]),
    )
    def cell(self, data, sicil, day, code) -> None:
        services, region, session = self.desks[self._pick(data)]
        row_id = natural_id("employees", region, str(sicil))
        with services.store.connection() as conn:
            employee = services.records["employees"].repo.get(conn, row_id)
        if employee is None or employee["deleted"]:
            return
        with contextlib.suppress(PuantajError):  # locked here: the clerk is told
            services.timesheets.write(session, [Edit(row_id, day, code)])

    @precondition(lambda self: self.desks)
    @rule(
        data=st.data(),
        mode=st.sampled_from(["normal", "normal", "drop", "repeat", "typing", "newer"]),
        value=names,
    )
    def sync(self, data, mode, value) -> None:
        index = self._pick(data)
        report = self._engine(
            index, mode, lambda: self._edit(index, 9, "title", value)
        ).run()
        assert report.state == ("offline" if mode == "drop" else "ok"), report.message

    @precondition(lambda self: self.desks)
    @rule(region=st.integers(0, 1), month=st.sampled_from(MONTHS), lock=st.booleans())
    def lock(self, region, month, lock) -> None:
        key = (self.regions[region], month)
        body = {
            "region": key[0],
            "month": month,
            "action": "lock" if lock else "unlock",
        }
        if not lock:
            body["reason"] = "düzeltme"
        reply = self.server.post("/locks", body, self.tokens["*"])
        assert reply.status_code == 200, reply.text
        (self.locked.add if lock else self.locked.discard)(key)

    @precondition(lambda self: self.desks)
    @rule(pick=st.integers(0, 1000))
    def admin_restores_a_kept_value(self, pick) -> None:
        kept = self.server.get("/conflicts", self.tokens["*"]).json()["conflicts"]
        kept = [c for c in kept if not c["restored_at"] and c["tbl"] == "employees"]
        if kept:
            chosen = kept[pick % len(kept)]
            reply = self.server.post(
                f"/conflicts/{chosen['id']}/restore", {"by": "admin"}, self.tokens["*"]
            )
            assert reply.status_code == 200, reply.text

    @precondition(lambda self: self.desks)
    @rule(data=st.data(), jump=st.sampled_from(JUMPS))
    def clock_jumps(self, data, jump) -> None:
        services, _, _ = self.desks[self._pick(data)]
        with services.store.connection() as conn:
            conn.execute("UPDATE _clock SET offset_ms = offset_ms + ?", (jump,))

    @precondition(lambda self: self.desks)
    @rule(data=st.data())
    def back_up(self, data) -> None:
        index = self._pick(data)
        self.backups.append((index, self.desks[index][0].backups.backup().path))

    @precondition(lambda self: self.backups)
    @rule(data=st.data())
    def restore_an_old_backup(self, data) -> None:
        index, path = data.draw(st.sampled_from(self.backups))
        self.desks[index][0].backups.restore(path)

    @precondition(lambda self: self.desks and len(self.desks) < 6)
    @rule(data=st.data())
    def copy_to_another_pc(self, data) -> None:
        services, region, _ = self.desks[self._pick(data)]
        home = self.folder / f"copy{len(self.desks)}"
        home.mkdir()
        copy = services.backups.backup().path
        shutil.copy(copy, home / "puantaj.db")
        self._open(home, region)

    @precondition(lambda self: self.desks)
    @rule()
    def restart_server(self) -> None:
        port = int(self.server.url.rsplit(":", 1)[1])
        self.server.stop()
        self.holder["server"] = servers.start(
            self.env, workers=self.holder["workers"], port=port
        )

    def teardown(self) -> None:
        if not self.desks:
            return
        for region, month in sorted(self.locked):
            body = {"region": region, "month": month, "action": "unlock"}
            reply = self.server.post(
                "/locks", {**body, "reason": "son"}, self.tokens["*"]
            )
            assert reply.status_code == 200, reply.text
        for _ in range(2):
            for index in range(len(self.desks)):
                assert self._engine(index, "normal").run().ok
        truth = {
            region: pull_all(self.server, self.tokens[region])
            for region in self.regions
        }
        for services, region, _ in self.desks:
            with services.store.connection() as conn:
                refused = conn.execute("SELECT * FROM _rejected").fetchall()
                assert not refused, [dict(r) for r in refused]
                for table in TABLES:
                    self._same(conn, table, truth[region])
        for index in range(len(self.desks)):
            report = self._engine(index, "normal").run(verify=True)
            assert report.divergence == "in step with the server", report
        for services, _, _ in self.desks:
            services.store.close()

    @staticmethod
    def _same(conn, table: str, truth: dict) -> None:
        expected = {key[1]: row for key, row in truth.items() if key[0] == table}
        local = {r["id"]: dict(r) for r in conn.execute(f"SELECT * FROM {table}")}
        assert set(local) == set(expected), table
        for row_id, row in expected.items():
            assert {c: local[row_id][c] for c in row} == row, (table, row_id)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def machine_server(request, tmp_path_factory):
    """The dev server on embedded SQLite, and gunicorn with 3 workers on
    PostgreSQL; returns how many examples to run against it."""
    folder = tmp_path_factory.mktemp("machine")
    if request.param == "sqlite":
        env, workers, examples = servers.sqlite_env(folder), 0, 14
    else:
        url = os.environ.get("PUANTAJ_TEST_PG")
        require(url is not None, "PUANTAJ_TEST_PG is not set (no PostgreSQL)")
        env, workers, examples = servers.pg_env(folder, url), 3, 6
    SyncMachine.holder.update(env=env, workers=workers)
    SyncMachine.holder["server"] = servers.start(env, workers=workers)
    yield examples
    SyncMachine.holder["server"].stop()
    if env.db_schema:
        servers.drop_schema(url, env.db_schema)


@pytest.mark.timeout(1200)  # a few dozen real runs; a hang still fails
def test_stores_converge_with_the_server(machine_server):
    runner = SyncMachine.TestCase
    runner.settings = settings(
        max_examples=machine_server,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    runner().runTest()
