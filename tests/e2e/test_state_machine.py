"""Hypothesis state machine: 2–5 desktop stores and one server; random edits, deletes,
syncs, dropped responses and repeated requests; after a final sync round every store
equals the server in its scope."""

from __future__ import annotations

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
from puantaj.errors import SyncUnavailable
from puantaj.services.session import Session
from puantaj.sync.client import SyncClient
from puantaj.sync.engine import SyncEngine
from tests import servers
from tests.server.helpers import pull_all

COLUMNS = TABLES["employees"].data_columns
names = (
    st.text(alphabet="aeıioöuüçşğAEIİ ", min_size=1, max_size=8)
    .map(str.strip)
    .filter(bool)
)


class FlakyClient(SyncClient):
    """A real client whose reply can be lost, or whose request is sent twice."""

    mode = "normal"

    def sync(self, body):
        if self.mode == "repeat":
            super().sync(body)
            return super().sync(body)
        reply = super().sync(body)
        if self.mode == "drop":
            raise SyncUnavailable("the reply was lost on the way back")
        return reply


class SyncMachine(RuleBasedStateMachine):
    server = None
    env = None

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="machine-"))
        tag = uuid.uuid4().hex[:6]
        self.regions = [f"A{tag}", f"B{tag}"]
        self.tokens = self.env.tokens(self.regions)
        self.desks: list[tuple] = []

    @initialize(count=st.integers(2, 5))
    def make_desks(self, count: int) -> None:
        for i in range(count):
            region = self.regions[i % 2]
            services = build_services(
                load_settings(env={}, flags={"home": str(self.folder / f"d{i}")})
            )
            self.desks.append((services, region, Session(f"u{i}", "clerk", region)))

    def _engine(self, index: int, mode: str) -> SyncEngine:
        services, region, _ = self.desks[index]

        def factory() -> SyncClient:
            client = FlakyClient(self.server.url, self.tokens[region], 30)
            client.mode = mode
            return client

        return SyncEngine(services.store, factory, page_size=3)

    @precondition(lambda self: self.desks)
    @rule(
        data=st.data(),
        sicil=st.integers(0, 3),
        field=st.sampled_from(["title", "first_name", "last_name"]),
        value=names,
    )
    def edit(self, data, sicil, field, value) -> None:
        index = data.draw(st.integers(0, len(self.desks) - 1))
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
    @rule(data=st.data(), sicil=st.integers(0, 3), deleted=st.booleans())
    def delete(self, data, sicil, deleted) -> None:
        index = data.draw(st.integers(0, len(self.desks) - 1))
        services, region, session = self.desks[index]
        row_id = natural_id("employees", region, str(sicil))
        with services.store.connection() as conn:
            if services.records["employees"].repo.get(conn, row_id) is None:
                return
        services.records["employees"].set_deleted(session, row_id, deleted)

    @precondition(lambda self: self.desks)
    @rule(data=st.data(), mode=st.sampled_from(["normal", "normal", "drop", "repeat"]))
    def sync(self, data, mode) -> None:
        index = data.draw(st.integers(0, len(self.desks) - 1))
        report = self._engine(index, mode).run()
        assert report.state == ("offline" if mode == "drop" else "ok"), report.message

    def teardown(self) -> None:
        if not self.desks:
            return
        for _ in range(2):
            for index in range(len(self.desks)):
                assert self._engine(index, "normal").run().ok
        truth = {
            region: pull_all(self.server, self.tokens[region])
            for region in self.regions
        }
        for services, region, _ in self.desks:
            expected = {
                key[1]: row
                for key, row in truth[region].items()
                if key[0] == "employees"
            }
            with services.store.connection() as conn:
                local = {
                    r["id"]: dict(r) for r in conn.execute("SELECT * FROM employees")
                }
                assert conn.execute("SELECT count(*) FROM _rejected").fetchone()[0] == 0
            assert set(local) == set(expected)
            for row_id, row in expected.items():
                assert {c: local[row_id][c] for c in row} == row


@pytest.fixture(scope="module")
def machine_server(tmp_path_factory):
    env = servers.sqlite_env(tmp_path_factory.mktemp("machine"))
    server = servers.start(env)
    yield env, server
    server.stop()


def test_stores_converge_with_the_server(machine_server):
    SyncMachine.env, SyncMachine.server = machine_server
    runner = SyncMachine.TestCase
    runner.settings = settings(
        max_examples=20,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    runner().runTest()
