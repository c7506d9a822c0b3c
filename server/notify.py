"""Carry each Change to every server process: PostgreSQL LISTEN/NOTIFY, or the hub
itself on the embedded SQLite server (one process).

`announce` runs after a request's COMMIT, never inside its transaction (a
NOTIFY would queue behind the writers' lock), and only hands the change to a
sender thread: the changes of SEND_EVERY_S go out in one NOTIFY, so a sync
pays no round trip for it. The sender holds a connection of its own while
changes keep coming and closes it after IDLE_S without any. A process that
serves /events holds one LISTEN connection, opened on its first subscriber and
kept until the process ends; every NOTIFY, its own included, reaches its hub
through it. After that connection is lost and found again, every stream is
told "rows" and "sites", since changes in between were not heard.
"""

from __future__ import annotations

import json
import logging
import random
import threading

from sqlalchemy import Engine, make_url

from puantaj.core.tables import ALL_REGIONS
from server.errors import DatabaseDown
from server.hub import ROWS, SITES, Change, Hub, Subscription

log = logging.getLogger(__name__)
LISTEN_READY_S = 10.0  # how long a first subscriber waits for LISTEN to hold
POLL_S = 5.0  # the listener wakes this often to see whether it should stop
SEND_EVERY_S = 0.05  # changes announced this close together share one NOTIFY
IDLE_S = 2.0  # the sender closes its connection and ends after this long idle
MAX_PAYLOAD = 7000  # PostgreSQL takes up to 8000 bytes


def channel_name(db_schema: str | None) -> str:
    """The NOTIFY channel: channels are database-wide, so the schema names it."""
    return f"puantaj_events:{db_schema or 'public'}"[:63]


def encode(changes: set[Change]) -> str:
    """One NOTIFY payload for `changes`; folded into one change, with every region
    told, when they would not fit."""
    payload = json.dumps(
        [[sorted(c.kinds), sorted(c.regions), c.origin] for c in changes],
        ensure_ascii=False,
    )
    if len(payload.encode()) <= MAX_PAYLOAD:
        return payload
    kinds = sorted(set().union(*(c.kinds for c in changes)))
    return json.dumps([[kinds, [ALL_REGIONS], ""]])


def decode(payload: str) -> list[Change]:
    return [
        Change(frozenset(kinds), frozenset(regions), str(origin))
        for kinds, regions, origin in json.loads(payload)
    ]


class Events:
    """The process's hub and how changes reach it."""

    def __init__(self, engine: Engine, db_schema: str | None) -> None:
        self.hub = Hub()
        self._engine = engine
        self._is_pg = engine.dialect.name == "postgresql"
        self._channel = channel_name(db_schema)
        self._lock = threading.Lock()
        self._listening = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._outbox: set[Change] = set()
        self._wake = threading.Event()
        self._sender: threading.Thread | None = None

    def announce(self, change: Change) -> None:
        """Tell every process's streams about a committed change (any thread;
        does not wait on the database)."""
        if not change.kinds:
            return
        if not self._is_pg:
            self.hub.publish(change)
            return
        with self._lock:
            self._outbox.add(change)
            if self._sender is None:
                self._sender = threading.Thread(
                    target=self._send_loop, name="pg-notify", daemon=True
                )
                self._sender.start()
        self._wake.set()

    def subscribe(self, scope: str) -> Subscription:
        """A new stream's subscription; on PostgreSQL returns once LISTEN holds,
        so a stream that said hello hears every later commit (DatabaseDown if
        it cannot)."""
        if self._is_pg:
            self._start_listener()
            if not self._listening.wait(LISTEN_READY_S):
                raise DatabaseDown("event channel not ready; retry later")
        return self.hub.subscribe(scope)

    def close(self) -> None:
        """Stop the listener (it ends within POLL_S; not waited for)."""
        self._stopping.set()

    def _send_loop(self) -> None:
        """NOTIFY what was announced, SEND_EVERY_S at a time, until idle. A
        database error loses only news (the rows are stored, and desktops
        still sync on their schedule); the next announce starts again."""
        import psycopg

        try:
            with psycopg.connect(self._dsn(), autocommit=True) as conn:
                while not self._stopping.is_set():
                    if not self._wake.wait(IDLE_S):
                        with self._lock:
                            if not self._outbox:
                                self._sender = None
                                return
                        continue
                    self._stopping.wait(SEND_EVERY_S)  # what the next moments bring
                    self._wake.clear()
                    with self._lock:
                        batch, self._outbox = self._outbox, set()
                    if batch:
                        conn.execute(
                            "SELECT pg_notify(%s, %s)", (self._channel, encode(batch))
                        )
        except psycopg.Error as exc:
            log.warning("events not announced: %s", type(exc).__name__)
        with self._lock:
            self._sender = None

    def _dsn(self) -> str:
        url = make_url(self._engine.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def _start_listener(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._listen, name="pg-listen", daemon=True
                )
                self._thread.start()

    def _listen(self) -> None:
        import psycopg
        from psycopg import sql

        dsn = self._dsn()
        heard_before = False
        failures = 0
        while not self._stopping.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(
                        sql.SQL("LISTEN {}").format(sql.Identifier(self._channel))
                    )
                    self._listening.set()
                    failures = 0
                    if heard_before:  # changes while deaf: everyone looks again
                        self.hub.publish(
                            Change(frozenset({ROWS, SITES}), frozenset({ALL_REGIONS}))
                        )
                    heard_before = True
                    while not self._stopping.is_set():
                        for note in conn.notifies(timeout=POLL_S):
                            self._deliver(note.payload)
            except psycopg.Error as exc:
                self._listening.clear()
                failures += 1
                delay = min(30.0, 0.5 * 2**failures) * random.uniform(0.5, 1.0)
                log.warning(
                    "LISTEN lost (%s); again in %.1f s", type(exc).__name__, delay
                )
                self._stopping.wait(delay)

    def _deliver(self, payload: str) -> None:
        try:
            changes = decode(payload)
        except (ValueError, TypeError):
            log.warning("ignoring a malformed event payload")
            return
        for change in changes:
            self.hub.publish(change)
