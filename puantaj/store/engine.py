"""Opening the local SQLite file: WAL, foreign keys, busy timeout, row factory."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from puantaj.errors import StoreError

BUSY_TIMEOUT_MS = 10_000


class Connection(sqlite3.Connection):
    """sqlite3's connection, weak-referenceable (the store tracks them weakly)."""


def connect(path: Path | str, wal: bool = False) -> sqlite3.Connection:
    """Open one connection; each thread opens its own (STYLE.md §3).

    WAL is a property of the file: `wal=True` (the store's open) sets it once.
    """
    try:
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            # used by one thread; only Store.close() may reach across threads
            check_same_thread=False,
            factory=Connection,
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # 32 MiB of page cache (SQLite's default is 2 MiB): applying a pull inserts
        # into several indexes at random places, 2-3× faster when they stay cached
        conn.execute("PRAGMA cache_size = -32768")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    return conn


@contextmanager
def transaction(
    conn: sqlite3.Connection, immediate: bool = True
) -> Iterator[sqlite3.Connection]:
    """BEGIN (IMMEDIATE) … COMMIT, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
