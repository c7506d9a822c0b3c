"""Fixtures: a real server process per backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import os

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
