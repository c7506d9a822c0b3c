"""SyncScheduler: a sync asked for while one runs runs once more after it (a
server event may name a change that run's pull has already passed)."""

from __future__ import annotations

import queue
import threading

from puantaj.sync.report import SyncReport
from puantaj.sync.scheduler import SyncEvent, SyncScheduler

WAIT_S = 30


class HeldEngine:
    """The first run waits until released; later runs return at once."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.runs = 0

    def run(self, progress=None) -> SyncReport:
        self.runs += 1
        if self.runs == 1:
            self.started.set()
            self.release.wait(WAIT_S)
        return SyncReport()


def test_asked_during_a_run_it_runs_once_more_after_it():
    engine = HeldEngine()
    finished: queue.Queue = queue.Queue()

    def post(message: SyncEvent) -> None:
        if message.kind == "finished":
            finished.put(message)

    scheduler = SyncScheduler(engine, interval_min=60, post=post)
    scheduler.start(first_run_in_s=0)
    try:
        assert engine.started.wait(WAIT_S)
        scheduler.sync_now()  # the run under way may have pulled already
        engine.release.set()
        finished.get(timeout=WAIT_S)
        finished.get(timeout=WAIT_S)
        assert engine.runs == 2
    finally:
        scheduler.stop()
