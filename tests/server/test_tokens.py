"""Tokens on a running server: API_KEY registered once however many workers start
together, rotated by changing it, and a revocation that every worker obeys at
once (issue 11 #5, #6)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field

import pytest
import requests

from tests import servers
from tests.server.helpers import body


@dataclass
class KeyedEnv(servers.ServerEnv):
    """A server env whose API_KEY can be set (ServerEnv drops it)."""

    api_key: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        env = {**super().env(), **self.extra}
        if self.api_key:
            env["API_KEY"] = self.api_key
        return env


def _keyed(env: servers.ServerEnv, api_key: str | None) -> KeyedEnv:
    return KeyedEnv(env.home, env.database_url, env.db_schema, api_key)


def _status(url: str, token: str) -> int:
    # a new connection each time: gunicorn hands them to different workers
    return requests.get(
        url + "/status", headers={"Authorization": f"Bearer {token}"}, timeout=30
    ).status_code


def test_workers_starting_together_on_a_fresh_database_register_api_key_once(
    backend, tmp_path
):
    key = secrets.token_urlsafe(32)
    # the race was PostgreSQL's; SQLite's file lock gets one round
    for round_ in range(3 if backend.db_schema else 1):
        if backend.db_schema:  # a fresh PostgreSQL schema each round
            fresh = servers.pg_env(tmp_path / str(round_), backend.database_url)
            fresh.db_schema = f"{backend.db_schema}_{round_}"
        else:
            fresh = servers.sqlite_env(tmp_path / str(round_))
        env = _keyed(fresh, key)
        try:
            running = servers.start(env, workers=4)
            try:
                log = "".join(running.log)
                assert "Traceback" not in log, log
                assert {_status(running.url, key) for _ in range(12)} == {200}
            finally:
                running.stop()
            listed = env.cli("list-tokens").stdout
            assert listed.count("API_KEY") == 1, listed
        finally:
            if fresh.db_schema:
                servers.drop_schema(backend.database_url, fresh.db_schema)


def test_a_revoked_token_is_refused_at_once_by_every_worker(backend):
    running = servers.start(backend, workers=3)
    try:
        token = backend.token("Ankara")
        assert {_status(running.url, token) for _ in range(20)} == {200}
        (line,) = [
            ln
            for ln in backend.cli("list-tokens").stdout.splitlines()
            if "Ankara" in ln
        ]
        backend.cli("revoke-token", line.split()[0])
        assert {_status(running.url, token) for _ in range(20)} == {401}
    finally:
        running.stop()


def test_changing_or_removing_api_key_revokes_the_token_it_registered(backend):
    first, second = secrets.token_urlsafe(32), secrets.token_urlsafe(32)

    def run(api_key: str | None) -> dict[str, int]:
        running = servers.start(_keyed(backend, api_key))
        try:
            return {k[:4]: _status(running.url, k) for k in (first, second)}
        finally:
            running.stop()

    assert run(first) == {first[:4]: 200, second[:4]: 401}
    assert run(second) == {first[:4]: 401, second[:4]: 200}
    assert run(None) == {first[:4]: 401, second[:4]: 401}
    # a key once retired stays retired: going back to it needs a new key
    assert run(first) == {first[:4]: 401, second[:4]: 401}


def test_a_short_api_key_stops_the_server_with_a_message(backend):
    with pytest.raises(RuntimeError, match="API_KEY"):
        servers.start(_keyed(backend, "short-" + uuid.uuid4().hex[:6]))


def test_a_region_token_still_syncs_after_api_key_changes(backend):
    running = servers.start(_keyed(backend, secrets.token_urlsafe(32)))
    try:
        token = backend.token("Ankara")
        assert running.post("/sync", body([]), token).status_code == 200
    finally:
        running.stop()
    running = servers.start(_keyed(backend, secrets.token_urlsafe(32)))
    try:
        assert running.post("/sync", body([]), token).status_code == 200
    finally:
        running.stop()


def test_a_new_token_can_follow_token_on_a_command_line():
    """A token starting with "-" was taken for an option by `puantaj sync
    --token …` (seen failing CI once: "argument --token: expected one argument")."""
    from server.auth import new_token

    made = [new_token() for _ in range(2000)]
    assert not [t for t in made if t.startswith("-")]
    assert len(set(made)) == len(made) and all(len(t) >= 43 for t in made)
