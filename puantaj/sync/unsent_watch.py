"""A thread that watches the file and reports the unsent count when it changes."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from puantaj.errors import StoreError
from puantaj.sync.controller import UnsentCount

log = logging.getLogger(__name__)
EVERY_S = 0.25  # how soon a write shows in the status bar
BUSY_S = 1.0  # while the file keeps changing (a sync), a count at most this often


@dataclass(frozen=True)
class UnsentCounts:
    """Rows waiting to be sent and changes the server refused, as of now;
    `epoch`: how many syncs had started when the count began."""

    unsent: int
    refused: int
    epoch: int = 0


class UnsentWatch:
    """Looks every `every_s` whether anyone wrote the file (PRAGMA data_version on
    its own connection moves with every other connection's commit: the window's
    edits, an import, the sync worker) and then posts UnsentCounts.

    Counting runs here, never on the Tk thread, and not at all while a sync
    runs (`pause`): the sync's own progress gives the count then, and looking
    at the file beside a 100k-row sync showed as 35-85 ms stalls of the Tk
    thread in bench/ui_bench.py (20-34 ms without).
    """

    def __init__(
        self, store, post: Callable[[object], None], every_s: float = EVERY_S
    ) -> None:
        self._count = UnsentCount(store)
        self._post = post
        self._every_s = every_s
        self._stopping = threading.Event()
        self._paused = threading.Event()
        self.epoch = 0  # pauses so far (only the Tk thread moves it)
        self._thread = threading.Thread(
            target=self._run, name="unsent-watch", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        """Stop looking (waits for a count under way, so the file may be closed)."""
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout_s)

    def pause(self) -> None:
        """Stop looking at the file until `resume` (a sync runs meanwhile)."""
        self._paused.set()  # first: no count may begin under the new epoch
        self.epoch += 1

    def is_current(self, counts: UnsentCounts) -> bool:
        """False for a count begun before the latest sync started: it may have
        been posted after that sync's end, over the count taken then."""
        return counts.epoch == self.epoch

    def resume(self) -> None:
        self._paused.clear()

    def _run(self) -> None:
        posted_at = 0.0
        while True:
            counts = None
            epoch = self.epoch  # before looking whether a sync runs
            try:
                if not self._paused.is_set():
                    counts = self._count.changed()
            except (sqlite3.Error, StoreError):
                log.exception("could not count the unsent rows")
            wait_s = self._every_s
            if counts is not None:
                now = time.monotonic()
                if now - posted_at < BUSY_S:  # changing all the time: a sync
                    wait_s = BUSY_S
                posted_at = now
                self._post(UnsentCounts(*counts, epoch))
            if self._stopping.wait(wait_s):
                return
