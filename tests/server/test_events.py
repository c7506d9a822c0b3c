"""GET /events: fan-out across server processes, scope, tokens (issue 16).

Waits are on a stream's queue with a timeout, never on sleeps; nothing here
measures time (bench/events_bench.py does).
"""

from __future__ import annotations

import json
import os
import queue
import threading

import pytest
import requests

from server import auth
from tests import servers
from tests.conftest import require
from tests.server.conftest import pg_url
from tests.server.helpers import body, employee

WAIT_S = 30  # a bound for a broken build, never a measure


class Stream:
    """GET /events over real HTTP, read on a thread into a queue of (event, data)."""

    def __init__(self, url: str, token: str) -> None:
        self.items: queue.Queue = queue.Queue()
        self.response = requests.get(
            url + "/events",
            headers={"Authorization": f"Bearer {token}"},
            stream=True,
            timeout=(10, 60),
        )
        assert self.response.status_code == 200, self.response.text
        assert self.response.headers["Content-Type"].startswith("text/event-stream")
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        kind, data = self.next()
        assert kind == "hello", (kind, data)
        self.hello = data

    def _read(self) -> None:
        kind = ""
        try:
            for line in self.response.iter_lines(chunk_size=None, decode_unicode=True):
                if line.startswith("event: "):
                    kind = line[len("event: ") :]
                elif line.startswith("data: "):
                    self.items.put((kind, json.loads(line[len("data: ") :])))
        except requests.RequestException:
            pass  # closed by the test
        self.items.put(None)

    def next(self) -> tuple[str, dict]:
        item = self.items.get(timeout=WAIT_S)
        assert item is not None, "the stream ended"
        return item

    def next_rows(self) -> dict:
        """The next `rows` event's data (admins also hear `sites` events)."""
        while True:
            kind, data = self.next()
            if kind == "rows":
                return data

    def close(self) -> None:
        self.response.raw.shutdown()
        self.response.close()
        self._thread.join(WAIT_S)


@pytest.fixture
def pg_env(tmp_path):
    url = pg_url()
    require(url is not None, "PUANTAJ_TEST_PG is not set (no PostgreSQL)")
    env = servers.pg_env(tmp_path, url)
    env.cli("migrate")
    yield env
    servers.drop_schema(url, env.db_schema)


def test_a_push_to_one_process_reaches_listeners_on_another(pg_env):
    """Two servers on one PostgreSQL: LISTEN/NOTIFY carries the news from the
    embedded server to the production one (nginx, which must not buffer the
    stream, in front of serve's gevent process)."""
    tokens = pg_env.tokens(["Ankara", "İzmir", "*"])
    first, second = servers.start(pg_env), servers.start(pg_env, proxy=True)
    streams: list[Stream] = []
    try:
        ankara, izmir, admin = (
            Stream(second.url, tokens[s]) for s in ("Ankara", "İzmir", "*")
        )
        streams += [ankara, izmir, admin]
        assert ankara.hello["scope"] == "Ankara"
        reply = first.post(
            "/sync", body([employee("Ankara", "1", "ank-1")], "ank-1"), tokens["Ankara"]
        )
        assert reply.json()["accepted"] == 1
        assert ankara.next() == ("rows", {"origin": "ank-1"})
        assert admin.next_rows() == {"origin": "ank-1"}
        # İzmir heard nothing of Ankara: its first event is its own region's
        reply = first.post(
            "/sync", body([employee("İzmir", "1", "izm-1")], "izm-1"), tokens["İzmir"]
        )
        assert reply.json()["accepted"] == 1
        assert izmir.next() == ("rows", {"origin": "izm-1"})
    finally:
        for stream in streams:
            stream.close()
        first.stop()
        second.stop()


def test_an_admin_hears_a_site_sync_that_changed_no_rows(tmp_path):
    """The embedded SQLite server fans out in its own process; a bare sync
    (a PC that only pulled) is news for the admin overview, not for the region."""
    env = servers.sqlite_env(tmp_path)
    env.cli("migrate")
    tokens = env.tokens(["Ankara", "*"])
    server = servers.start(env)
    streams: list[Stream] = []
    try:
        admin, ankara = (
            Stream(server.url, tokens["*"]),
            Stream(server.url, tokens["Ankara"]),
        )
        streams += [admin, ankara]
        server.post("/sync", body([], "ank-2"), tokens["Ankara"]).raise_for_status()
        assert admin.next() == ("sites", {"origin": "ank-2"})
        server.post(
            "/sync", body([employee("Ankara", "2", "ank-2")], "ank-2"), tokens["Ankara"]
        ).raise_for_status()
        assert ankara.next() == ("rows", {"origin": "ank-2"})  # not the bare sync
    finally:
        for stream in streams:
            stream.close()
        server.stop()


@pytest.fixture
def events_app(backend):
    """The app in this process with /events on, a heartbeat and token re-check
    at every turn of the stream."""
    from server.app import create_app

    app = create_app(
        {
            "database_url": backend.database_url,
            "events": True,
            "events_heartbeat_s": 0.05,
            "events_recheck_s": 0,
            "events_gap_s": 0,
        },
        env={**os.environ, **backend.env()},
    )
    yield app
    context = app.extensions["puantaj"]
    context.events.close()
    context.engine.dispose()


def _token(app, scope: str) -> str:
    context = app.extensions["puantaj"]
    with context.write() as conn:
        return auth.create_token(conn, context.tables, scope, "test")


def _revoke(app, token: str) -> None:
    context = app.extensions["puantaj"]
    tokens = context.tables["tokens"]
    with context.write() as conn:
        conn.execute(
            tokens.update()
            .where(tokens.c.token_hash == auth.hash_token(token))
            .values(revoked_at=auth.now_text())
        )


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic abc", "Bearer "])
def test_a_bad_token_is_refused(events_app, header):
    headers = {"Authorization": header} if header else {}
    reply = events_app.test_client().get("/events", headers=headers)
    assert reply.status_code == 401
    assert reply.get_json()["error"] == "unauthorized"


def test_a_revoked_token_is_refused_and_its_open_stream_ends(events_app):
    token = _token(events_app, "Ankara")
    client = events_app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    reply = client.get("/events", headers=headers, buffered=False)
    chunks = iter(reply.response)
    assert b"event: hello" in next(chunks)
    _revoke(events_app, token)
    rest = b"".join(chunks)  # the stream ends at its next token check
    assert b"event: bye" in rest and b"token_rejected" in rest
    reply.close()
    assert client.get("/events", headers=headers).status_code == 401


def test_events_are_a_404_where_the_server_does_not_offer_them(local):
    """gthread workers (plain gunicorn) would pin a thread per stream: there the
    route does not exist, and desktops keep to their schedule."""
    token = local.token("Ankara")
    assert local.get("/events", token).status_code == 404
