"""The local store: where the file is, how to connect, bringing it up to date."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from puantaj.errors import StoreError
from puantaj.store import engine, migrations


class Store:
    """Factory of connections to one desktop database file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def connect(self) -> sqlite3.Connection:
        """A new connection for the calling thread."""
        return engine.connect(self.path)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection closed when the block ends."""
        conn = self.connect()
        try:
            yield conn
        finally:
            conn.close()

    def open(self, region: str | None = None) -> list[str]:
        """Create or migrate the database; return what the migration did."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {self.path.parent}: {exc}") from exc
        conn = self.connect()
        try:
            return migrations.upgrade(conn, region)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc
        finally:
            conn.close()
