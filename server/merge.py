"""Applying a pushed batch on the server: the protocol's push over the SQL store.

The rules (per-column last-write-wins, refusals, history) are in
puantaj/syncproto; server/store.py reads and writes for them inside the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from puantaj.core.hlc import HybridClock
from puantaj.syncproto import push
from puantaj.syncproto.batch import PushResult
from puantaj.syncproto.errors import BatchReusedError
from server.auth import Caller
from server.errors import BatchReused
from server.queries import Queries
from server.store import SqlStore

__all__ = ["Merger", "PushResult"]


class Merger:
    """Applies batches to the synced tables."""

    def __init__(
        self, queries: Queries, clock: HybridClock, clock_ahead_ms: int
    ) -> None:
        self.queries = queries
        self.tables = queries.tables
        self.clock = clock
        self.clock_ahead_ms = clock_ahead_ms

    def push(
        self,
        conn: Connection,
        caller: Caller,
        site_id: str,
        batch_id: str,
        changes: list[Any],
        before_numbering: Callable[[PushResult], None] = lambda result: None,
        trusted: bool = False,
    ) -> PushResult:
        """Apply a batch inside the caller's transaction (syncproto.push.push);
        the same batch again is a no-op, a reused id with other content raises
        BatchReused."""
        try:
            return push.push(
                SqlStore(conn, self.queries, caller),
                caller,
                self.clock,
                site_id,
                batch_id,
                changes,
                before_numbering,
                trusted,
                self.clock_ahead_ms,
            )
        except BatchReusedError as exc:
            raise BatchReused(str(exc)) from None
