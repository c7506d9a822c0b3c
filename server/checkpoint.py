"""Copying the embedded server's WAL into its database file off the request path.

SQLite checkpoints in the thread whose commit crosses `wal_autocheckpoint`:
during a large first push that is a request which then answers ~70 ms late,
twice per 100k rows. Here a thread of its own checkpoints after each write
(PASSIVE: it never waits for, nor blocks, a reader or the writer), on the
other core while the next request is parsed. The request connections keep
their autocheckpoint as the fallback, should this thread fall behind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading

log = logging.getLogger(__name__)
EVERY_S = 0.25  # at most one checkpoint this often


class Checkpointer:
    """One background checkpointing thread per process, started by the first
    write (so a process forked after `create_app` starts its own)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.runs = 0  # checkpoints done (tests wait on it)
        self._wake = threading.Condition()
        self._due = False
        self._pid = 0
        self._closed = False

    def poke(self) -> None:
        """A write committed: checkpoint soon."""
        with self._wake:
            if self._pid != os.getpid():  # first write in this process
                self._pid = os.getpid()
                threading.Thread(
                    target=self._run, name="wal-checkpoint", daemon=True
                ).start()
            self._due = True
            self._wake.notify()

    def wait_for(self, runs: int, timeout_s: float) -> bool:
        """Wait until `runs` checkpoints have been done; False on timeout."""
        with self._wake:
            return self._wake.wait_for(lambda: self.runs >= runs, timeout_s)

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify_all()

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            while True:
                with self._wake:
                    self._wake.wait_for(lambda: self._due or self._closed)
                    # fewer, larger copies: a page written by several
                    # commits in a row is copied once
                    self._wake.wait_for(lambda: self._closed, EVERY_S)
                    if self._closed:
                        return
                    self._due = False
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # the fallback still checkpoints
                    log.warning("background WAL checkpoint failed: %s", exc)
                with self._wake:
                    self.runs += 1
                    self._wake.notify_all()
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
