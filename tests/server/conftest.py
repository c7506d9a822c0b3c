"""Fixtures: a real server process per backend (SQLite and PostgreSQL), and the
same app in this process behind Flask's test client for fast tests of one rule."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

import pytest

from tests import servers
from tests.conftest import require


def pg_url() -> str | None:
    return os.environ.get("PUANTAJ_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """A ServerEnv on each backend; PostgreSQL gets its own schema namespace."""
    if request.param == "sqlite":
        yield servers.sqlite_env(tmp_path)
        return
    url = pg_url()
    require(url is not None, "PUANTAJ_TEST_PG is not set (no PostgreSQL)")
    env = servers.pg_env(tmp_path, url)
    yield env
    servers.drop_schema(url, env.db_schema)


@pytest.fixture
def server(backend):
    running = servers.start(backend)
    yield running
    running.stop()


@dataclass
class Reply:
    """The parts of a requests.Response the server tests read."""

    status_code: int
    text: str

    def json(self) -> Any:
        return json.loads(self.text)

    @property
    def ok(self) -> bool:
        return self.status_code < 400

    def raise_for_status(self) -> None:
        if not self.ok:
            raise AssertionError(f"HTTP {self.status_code}: {self.text[:300]}")


class LocalServer:
    """create_app() in this process; same post/get faces as servers.RunningServer."""

    def __init__(self, env: servers.ServerEnv, now_ms=None) -> None:
        from server.app import create_app

        self.env = env
        self.app = create_app(
            {"database_url": env.database_url},
            env={**os.environ, **env.env()},
            now_ms=now_ms,
        )
        self.context = self.app.extensions["puantaj"]
        self.client = self.app.test_client()

    def token(self, scope: str) -> str:
        from server import auth

        with self.context.write() as conn:
            return auth.create_token(conn, self.context.tables, scope, "test")

    def post(self, path: str, body, token: str | None, **kw) -> Reply:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        reply = self.client.post(path, json=body, headers=headers, **kw)
        return Reply(reply.status_code, reply.get_data(as_text=True))

    def get(self, path: str, token: str | None) -> Reply:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        reply = self.client.get(path, headers=headers)
        return Reply(reply.status_code, reply.get_data(as_text=True))

    def close(self) -> None:
        self.context.engine.dispose()


NOW_MS = 1_780_000_000_000  # the fake physical time of `local` servers (2026-05-28)


@pytest.fixture
def local(backend):
    """The app in this process on each backend (fast; no HTTP socket), its
    physical clock standing still at NOW_MS."""
    made = LocalServer(backend, now_ms=lambda: NOW_MS)
    yield made
    made.close()
