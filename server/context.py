"""What every request handler needs: engine, tables, clock, merger, limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import Connection, Engine, Table

from puantaj.core.hlc import HybridClock
from server import auth, limiter
from server.checkpoint import Checkpointer
from server.config import ServerSettings
from server.merge import Merger
from server.notify import Events
from server.queries import Queries

TOUCH_EVERY_S = 60.0  # last_used_at is written at most this often per token


@dataclass
class ServerContext:
    settings: ServerSettings
    engine: Engine
    tables: dict[str, Table]
    queries: Queries
    clock: HybridClock
    merger: Merger
    limiter: limiter.BadTokenLimiter
    schema_revision: str
    events: Events
    checkpointer: Checkpointer | None = None  # embedded SQLite only
    _touched: dict[int, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that may write (BEGIN IMMEDIATE on SQLite)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn
        if self.checkpointer is not None:
            self.checkpointer.poke()

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read transaction that sees one instant (REPEATABLE READ on PostgreSQL)."""
        with self.engine.connect() as conn:
            if not self.settings.is_sqlite:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def caller(self, header: str | None) -> auth.Caller:
        """Authenticate against the tokens table on every request, so a revocation
        holds at once in every worker and instance (no cache)."""
        with self.engine.connect() as conn:
            if not self.settings.is_sqlite:
                # one round trip, no BEGIN/COMMIT around a single read
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            caller = auth.authenticate(conn, self.tables, header)
            conn.commit()
        now = time.monotonic()
        with self._lock:
            due = now - self._touched.get(caller.token_id, -TOUCH_EVERY_S)
            if due >= TOUCH_EVERY_S:
                self._touched[caller.token_id] = now
        if due >= TOUCH_EVERY_S:
            with self.write() as conn:
                auth.touch(conn, self.tables, caller.token_id)
        return caller


def ctx() -> ServerContext:
    return current_app.extensions["puantaj"]
