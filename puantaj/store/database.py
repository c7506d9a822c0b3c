"""The local store: where the file is, how to connect, bringing it up to date."""

from __future__ import annotations

import contextlib
import ctypes
import sqlite3
import sys
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from puantaj.errors import StoreError
from puantaj.store import engine, files, identity, migrations

UI_CACHE_KIB = -8192  # negative: KiB (the workers keep engine.connect's 32 MiB)


class Store:
    """Connections to one desktop database file, one kept open per thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        # weak: a thread that ends drops its connection, which then closes
        self._open: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self._lock = threading.Lock()

    def connect(self) -> sqlite3.Connection:
        """A new connection for the calling thread (the caller closes it)."""
        return engine.connect(self.path)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """The calling thread's connection (opening one costs ms on every keystroke).

        A transaction left open by the block is rolled back when it ends.
        """
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.connect()
            if threading.current_thread() is threading.main_thread():
                # the Tk thread never copies the WAL back (that can take a long
                # time); workers do it — see checkpoint()
                conn.execute("PRAGMA wal_autocheckpoint = 0")
                # it reads a month at a time through indexes: a small cache
                # keeps an admin's PC holding a million rows light
                conn.execute(f"PRAGMA cache_size = {UI_CACHE_KIB}")
            with self._lock:
                self._open.add(conn)
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()

    def change_mark(self) -> tuple[int, int]:
        """A value that moves whenever the file is written: by the calling
        thread's connection (its total_changes) or by any other connection, other
        threads' and processes' (PRAGMA data_version). Costs one PRAGMA."""
        with self.connection() as conn:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            return conn.total_changes, version

    def checkpoint(self) -> None:
        """Copy the WAL back into the database without blocking anyone."""
        with self.connection() as conn:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def release_memory(self) -> None:
        """Give back what a big run left behind: this thread's page cache, and
        the heap pages the C allocator keeps for itself (glibc; elsewhere only
        the cache). The next statement fills the cache again as needed."""
        with self.connection() as conn:
            conn.execute("PRAGMA shrink_memory")
        trim_heap()

    def close(self) -> None:
        """Close every thread's connection (at exit; tests call it too)."""
        with self._lock:
            for conn in list(self._open):
                conn.close()
            self._open.clear()
        self._local = threading.local()

    def open(self, region: str | None = None) -> list[str]:
        """Create or migrate the database; return what the migration did."""
        try:
            files.private_folder(self.path.parent)
        except OSError as exc:
            raise StoreError(f"cannot create {self.path.parent}: {exc}") from exc
        conn = engine.connect(self.path, wal=True)
        try:
            # SQLite gives the -wal and -shm files the database file's mode
            files.private_database(self.path)
            done = migrations.upgrade(conn, region)
            became = identity.check(conn, self.path, fresh=bool(done))
            return [*done, became] if became else done
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: site marker: {exc}") from exc
        finally:
            conn.close()


def trim_heap() -> None:
    """Return the C heap's free pages to the system (glibc's malloc_trim)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # musl has none
        ctypes.CDLL(None).malloc_trim(0)
