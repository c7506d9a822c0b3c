"""Generated requests to every route, on SQLite and on PostgreSQL: never a 5xx
(issue 11 #4). 10,000 in this process through Flask's test client (the same app,
handlers and database as over HTTP), and a smaller run over HTTP through nginx to gunicorn."""

from __future__ import annotations

from collections import Counter

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import servers
from tests.conftest import require
from tests.server.conftest import NOW_MS, LocalServer, pg_url
from tests.server.fuzzing import Call, calls, rare_calls

PER_EXAMPLE = 10
rounds = st.tuples(
    st.lists(calls, min_size=PER_EXAMPLE, max_size=PER_EXAMPLE),
    # the download builds a SQLite file per call: about one call in 500
    st.integers(0, 49).flatmap(
        lambda n: rare_calls.map(lambda c: [c]) if n == 0 else st.just([])
    ),
).map(lambda parts: parts[0] + parts[1])
FUZZ = dict(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def _headers(call: Call, tokens: dict[str, str]) -> dict[str, str]:
    headers = dict(call.headers)
    if call.token in tokens:
        headers["Authorization"] = f"Bearer {tokens[call.token]}"
    elif call.token == "garbled":
        headers["Authorization"] = "Basic Zm9vOmJhcg=="
    return headers


def _tokens(make) -> dict[str, str]:
    return {"admin": make("*"), "region": make("Fuzz"), "wrong": "x" * 43}


def _check(
    status: int, content_type: str, call: Call, seen: list[int], proxied=False
) -> None:
    seen.append(status)
    assert status < 500, call
    if proxied and status == 400 and "%00" in call.path:
        return  # nginx refuses a NUL in the path itself, with its own page
    if call.method not in ("HEAD", "OPTIONS"):  # OPTIONS: Flask's automatic Allow
        assert content_type.startswith(("application/json", "application/vnd.sqlite3"))


@pytest.fixture
def both_backends(tmp_path):
    """The app in this process on SQLite and on PostgreSQL side by side, so each
    generated request is sent to both (generating them is half the cost)."""
    url = pg_url()
    require(url is not None, "PUANTAJ_TEST_PG is not set (no PostgreSQL)")
    envs = [servers.sqlite_env(tmp_path), servers.pg_env(tmp_path, url)]
    made = [LocalServer(env, now_ms=lambda: NOW_MS) for env in envs]
    yield made
    for local in made:
        local.close()
    servers.drop_schema(url, envs[1].db_schema)


def test_10000_generated_requests_in_process_never_get_5xx(both_backends):
    tokens = [_tokens(local.token) for local in both_backends]
    seen: list[list[int]] = [[] for _ in both_backends]

    @settings(max_examples=1000, **FUZZ)
    @given(batch=rounds)
    def run(batch: list[Call]) -> None:
        for call in batch:
            for local, its_tokens, its_seen in zip(
                both_backends, tokens, seen, strict=True
            ):
                reply = local.client.open(
                    call.path,
                    method=call.method,
                    data=call.body,
                    headers=_headers(call, its_tokens),
                )
                reply.close()  # a download streams an open file
                _check(reply.status_code, reply.content_type or "", call, its_seen)

    run()
    for name, statuses in zip(("sqlite", "postgresql"), seen, strict=True):
        print(f"{name}: {len(statuses)} requests, {sorted(Counter(statuses).items())}")
        assert len(statuses) >= 10_000


@pytest.fixture
def gunicorn(backend):
    """The production start command: nginx in front of gunicorn."""
    running = servers.start(backend, workers=2, proxy=True)
    yield running
    running.stop()


def test_generated_requests_over_http_never_get_5xx(gunicorn):
    tokens = _tokens(gunicorn.env.token)
    seen: list[int] = []
    http = requests.Session()

    @settings(max_examples=50, **FUZZ)
    @given(batch=rounds)
    def run(batch: list[Call]) -> None:
        for call in batch:
            try:
                reply = http.request(
                    call.method,
                    gunicorn.url + call.path,
                    data=call.body,
                    headers=_headers(call, tokens),
                    timeout=30,
                )
            except requests.RequestException as exc:
                raise AssertionError(f"{exc}: {''.join(gunicorn.log[-40:])}") from None
            content_type = reply.headers.get("Content-Type", "")
            _check(reply.status_code, content_type, call, seen, proxied=True)

    run()
    print(f"{len(seen)} over HTTP, statuses {sorted(Counter(seen).items())}")
    assert len(seen) >= 500
