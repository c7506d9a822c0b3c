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
from server.config import ServerSettings
from server.merge import Merger
from server.queries import Queries

TOKEN_CACHE_S = 10.0


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
    _tokens: dict[str, tuple[float, auth.Caller]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that may write (BEGIN IMMEDIATE on SQLite)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read transaction that sees one instant (REPEATABLE READ on PostgreSQL)."""
        with self.engine.connect() as conn:
            if not self.settings.is_sqlite:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def caller(self, header: str | None) -> auth.Caller:
        """Authenticate, with a short per-process cache of good tokens."""
        key = auth.hash_token(header or "")
        now = time.monotonic()
        with self._lock:
            hit = self._tokens.get(key)
        if hit and now - hit[0] < TOKEN_CACHE_S:
            return hit[1]
        with self.engine.connect() as conn:
            caller = auth.authenticate(conn, self.tables, header)
            conn.commit()
        with self._lock:
            self._tokens[key] = (now, caller)
        return caller

    def forget_tokens(self) -> None:
        with self._lock:
            self._tokens.clear()


def ctx() -> ServerContext:
    return current_app.extensions["puantaj"]
