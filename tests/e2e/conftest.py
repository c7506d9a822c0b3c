"""End-to-end fixtures: a real server process and real desktop stores beside it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from puantaj.app import Services, build_services
from puantaj.config import load_settings
from puantaj.core.ddl import PHYSICAL_MS
from puantaj.services.session import Session
from puantaj.store import changelog, clock
from puantaj.sync.engine import SyncEngine
from puantaj.sync.report import SyncReport
from tests import servers


@dataclass
class Desk:
    """One office PC: its own data folder, store, services and sync engine."""

    services: Services
    engine: SyncEngine
    session: Session

    def sync(self, verify: bool = False) -> SyncReport:
        return self.engine.run(verify=verify)

    def employees(self) -> dict[str, dict]:
        return self.rows("employees")

    def rows(self, table: str) -> dict[str, dict]:
        """Every row of `table` without its stamps, by id."""
        out = {}
        with self.services.store.connection() as conn:
            for r in conn.execute(f"SELECT * FROM {table}"):
                row = dict(r)
                del row["_hlc"]
                out[row["id"]] = row
        return out

    def pending(self) -> int:
        with self.services.store.connection() as conn:
            return changelog.pending_count(conn)

    def later_than(self, other: Desk) -> None:
        """Wait until this PC's clock reads past the newest stamp `other` has
        written or seen, so its next write is later by both clocks.

        Two PCs' clocks agree only to within the offset each measured (±1 ms
        on one machine); a test whose story says one edit came after another
        on a different PC must let that much real time pass."""
        with other.services.store.connection() as conn:
            mark = clock.local_stamp(conn).ms
        deadline = time.monotonic() + 5
        with self.services.store.connection() as conn:
            while (
                conn.execute(f"SELECT {PHYSICAL_MS} FROM _clock").fetchone()[0] <= mark
            ):
                assert time.monotonic() < deadline, "the clock does not advance"
                time.sleep(0.001)


def make_desk(
    home: Path, url: str, token: str, region: str, page_size: int = 500
) -> Desk:
    settings = load_settings(
        env={"PUANTAJ_SYNC_URL": url, "PUANTAJ_SYNC_TOKEN": token},
        flags={"home": str(home), "page_size": page_size},
    )
    services = build_services(settings)
    from puantaj.app import build_sync

    role = "admin" if region == "*" else "clerk"
    return Desk(services, build_sync(services), Session(f"{region}-user", role, region))


@pytest.fixture
def server_env(tmp_path):
    return servers.sqlite_env(tmp_path)


@pytest.fixture
def server(server_env):
    running = servers.start(server_env)
    yield running
    running.stop()


@pytest.fixture
def desks(tmp_path, server, server_env):
    """desks(region) → a new desktop for that region ('*' = admin install)."""
    tokens: dict[str, str] = {}
    made = []

    def make(region: str, **kw) -> Desk:
        if region not in tokens:
            tokens[region] = server_env.tokens([region])[region]
        desk = make_desk(
            tmp_path / f"desk-{len(made)}", server.url, tokens[region], region, **kw
        )
        made.append(desk)
        return desk

    make.tokens = tokens
    return make
