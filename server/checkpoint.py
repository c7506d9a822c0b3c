"""Copying the embedded server's WAL into its database file off the request path.

SQLite checkpoints in the thread whose commit crosses `wal_autocheckpoint`:
during a large first push that is a request which then answers ~70 ms late,
twice per 100k rows. Here a thread of its own checkpoints shortly after
writes (PASSIVE: it never waits for, nor blocks, a reader or the writer), on
the other core while the next request is parsed. The request connections keep
their autocheckpoint as the fallback, should this thread fall behind.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)
# a checkpoint at most this often: a page several commits wrote is copied once
EVERY_S = 0.25
# the thread ends after this long without a write; the next write starts it again
IDLE_S = 30.0


class Checkpointer:
    """Checkpoints `path` in a background thread after writes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.runs = 0  # checkpoints done
        self._cond = threading.Condition()
        self._due = False  # a write committed since the last checkpoint began
        self._busy = False
        self._thread: threading.Thread | None = None

    def poke(self) -> None:
        """A write committed: checkpoint soon. Never fails the write: without
        the thread, the request connections' autocheckpoint still copies."""
        with self._cond:
            self._due = True
            if self._thread is None or not self._thread.is_alive():
                thread = threading.Thread(
                    target=self._run, name="wal-checkpoint", daemon=True
                )
                try:
                    thread.start()
                except RuntimeError as exc:  # no threads left, or shutting down
                    log.warning("background WAL checkpoint not started: %s", exc)
                    return
                self._thread = thread
            self._cond.notify_all()

    def settled(self, timeout_s: float) -> bool:
        """Wait until a checkpoint has run after every write poked so far (it
        copies what no reader still needs; a failure is logged); False on
        timeout."""
        with self._cond:
            return self._cond.wait_for(
                lambda: not self._due and not self._busy, timeout_s
            )

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._cond.wait_for(lambda: self._due, IDLE_S):
                    self._thread = None  # a later poke starts another
                    return
            with self._cond:  # let the writes of the next EVERY_S join this one
                self._cond.wait_for(lambda: False, EVERY_S)
                self._due, self._busy = False, True
            try:
                self._checkpoint()
            finally:
                with self._cond:
                    self._busy = False
                    self.runs += 1
                    self._cond.notify_all()

    def _checkpoint(self) -> None:
        try:
            # mode=rw: a file gone (moved, deleted) is not made again, empty
            uri = Path(self.path).absolute().as_uri() + "?mode=rw"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            log.warning("background WAL checkpoint: %s", exc)
            return
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:  # the request connections' fallback remains
            log.warning("background WAL checkpoint failed: %s", exc)
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
