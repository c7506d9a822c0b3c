"""Bad tokens are limited per client address, in state every worker and instance
shares, and never stop a valid token (issue 11 #2)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import requests

from tests import servers
from tests.redis_server import running_redis
from tests.server.conftest import NOW_MS, LocalServer
from tests.server.helpers import body

LIMIT = 20  # the default: failures per address and minute


def test_a_valid_token_passes_after_many_wrong_ones_from_its_address(local, caplog):
    token = local.token("Ankara")
    logging.getLogger("server").addHandler(caplog.handler)
    try:
        codes = [
            local.post("/sync", body([]), f"wrong-{i}").status_code for i in range(40)
        ]
    finally:
        logging.getLogger("server").removeHandler(caplog.handler)
    assert codes[0] == 401 and codes[-1] == 429
    assert codes.count(401) == LIMIT
    # the operator is told once that the address reached the limit, not per 429
    assert sum("reached the limit" in r.getMessage() for r in caplog.records) == 1
    assert local.post("/sync", body([]), token).status_code == 200
    assert local.post("/sync", body([]), "wrong-again").status_code == 429


def test_the_window_passes_and_wrong_tokens_are_401_again(backend):
    now = [NOW_MS]
    local = LocalServer(backend, now_ms=lambda: now[0])
    try:
        for i in range(LIMIT):
            local.post("/sync", body([]), f"wrong-{i}")
        assert local.post("/sync", body([]), "wrong").status_code == 429
        now[0] += 61_000
        assert local.post("/sync", body([]), "wrong").status_code == 401
    finally:
        local.close()


def _wrong(url: str, n: int, forwarded: str | None = None) -> list[int]:
    headers = {"Authorization": "Bearer nope", "Content-Type": "application/json"}
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    return [
        # a new connection each: gunicorn hands them to different workers
        requests.post(
            url + "/sync", data=b"{}", headers=headers, timeout=30
        ).status_code
        for _ in range(n)
    ]


@dataclass
class EnvWith(servers.ServerEnv):
    """A server env with extra variables."""

    extra: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return {**super().env(), **self.extra}


def _start(env: servers.ServerEnv, extra: dict[str, str], workers: int = 0):
    with_extra = EnvWith(env.home, env.database_url, env.db_schema, extra)
    return servers.start(with_extra, workers=workers)


def test_every_worker_and_instance_shares_the_count(backend):
    _shares_the_count(backend, {})


def test_with_redis_url_every_worker_and_instance_shares_the_count(tmp_path):
    # Redis holds the counts whatever the database: SQLite is enough here
    import redis

    with running_redis(tmp_path) as url:
        _shares_the_count(servers.sqlite_env(tmp_path), {"REDIS_URL": url})
        with redis.Redis.from_url(url) as client:
            assert client.keys("puantaj:bad-token:127.0.0.1:*")


def _shares_the_count(env: servers.ServerEnv, extra: dict[str, str]) -> None:
    first = _start(env, extra, workers=3)
    second = _start(env, extra)  # another instance on the same database
    try:
        token = env.token("Ankara")
        codes = _wrong(first.url, LIMIT // 2) + _wrong(second.url, LIMIT // 2)
        assert 429 not in codes, codes
        assert _wrong(first.url, 3) == [429] * 3
        assert _wrong(second.url, 3) == [429] * 3
        for running in (first, second):
            assert running.post("/sync", body([]), token).status_code == 200
    finally:
        first.stop()
        second.stop()


def test_x_forwarded_for_counts_only_from_trusted_proxies(backend):
    trusted = _start(backend, {"PUANTAJ_TRUSTED_PROXIES": "1"})
    try:
        assert _wrong(trusted.url, LIMIT + 1, "203.0.113.7")[-1] == 429
        # another office behind the same proxy is not limited
        assert _wrong(trusted.url, 1, "198.51.100.9") == [401]
        # a forged entry before the proxy's own is not believed
        assert _wrong(trusted.url, 1, "198.51.100.9, 203.0.113.7") == [429]
    finally:
        trusted.stop()
    untrusted = _start(backend, {})
    try:
        codes = _wrong(untrusted.url, LIMIT, "203.0.113.7")
        # X-Forwarded-For is ignored: the peer address (127.0.0.1) is limited
        assert _wrong(untrusted.url, 1, "198.51.100.10") == [429], codes
    finally:
        untrusted.stop()
