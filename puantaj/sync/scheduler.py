"""Background sync every N minutes with APScheduler, plus "sync now".

Publishes SyncEvent messages through a `post` callable (the UI hands it a queue);
never touches Tk. After an offline run it retries sooner, with exponential
backoff and jitter, never later than the regular interval.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler

from puantaj.sync.engine import SyncEngine
from puantaj.sync.report import SyncReport

log = logging.getLogger(__name__)
JOB_ID = "sync"


@dataclass(frozen=True)
class SyncEvent:
    """kind: started | progress | finished; report set when finished."""

    kind: str
    done: int = 0
    total: int = 0
    report: SyncReport | None = None


class Backoff:
    """Delays of base·2ⁿ seconds, capped, each with ±50 % jitter."""

    def __init__(self, base_s: float, cap_s: float, rng: random.Random | None = None):
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self) -> float:
        delay = min(self.cap_s, self.base_s * 2**self.failures)
        self.failures += 1
        return delay * self._rng.uniform(0.5, 1.0)

    def reset(self) -> None:
        self.failures = 0


class SyncScheduler:
    """Owns the BackgroundScheduler and the one sync job."""

    def __init__(
        self,
        engine: SyncEngine,
        interval_min: float,
        post: Callable[[SyncEvent], None],
        backoff_base_s: float = 15.0,
    ) -> None:
        self._engine = engine
        self.interval_s = interval_min * 60
        self._post = post
        self._backoff = Backoff(backoff_base_s, self.interval_s)
        self._scheduler = BackgroundScheduler(
            job_defaults={
                "max_instances": 1,
                "coalesce": True,
                "misfire_grace_time": None,
            }
        )
        self._lock = threading.Lock()
        self._again = False  # asked for while a run was under way

    def start(self, first_run_in_s: float = 2.0) -> None:
        first = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=first_run_in_s)
        self._scheduler.add_job(
            self._job,
            "interval",
            seconds=self.interval_s,
            id=JOB_ID,
            next_run_time=first,
        )
        self._scheduler.start()

    def stop(self, wait: bool = False) -> None:
        """Shut down; by default without waiting for a running sync (it
        checkpoints as it goes), with `wait` once that sync has ended."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)

    def sync_now(self) -> None:
        """Run as soon as possible; asked during a run, run once more after it
        (what a server event announced may be past that run's pull)."""
        self._again = True
        self._scheduler.modify_job(JOB_ID, next_run_time=dt.datetime.now(dt.UTC))

    def _job(self) -> None:
        if not self._lock.acquire(blocking=False):
            return
        self._again = False
        try:
            self._post(SyncEvent("started"))
            report = self._engine.run(
                lambda done, total: self._post(SyncEvent("progress", done, total))
            )
        except Exception as exc:  # noqa: BLE001 - the job wrapper logs and reports everything
            log.exception("sync job failed")
            report = SyncReport(state="error", message=str(exc))
        finally:
            self._lock.release()
        self._post(SyncEvent("finished", report=report))
        if self._again and report.state != "offline":
            self.sync_now()
        else:
            self._reschedule(report)

    def _reschedule(self, report: SyncReport) -> None:
        if report.state != "offline":
            self._backoff.reset()
            return
        delay = self._backoff.next_delay()
        when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
        job = self._scheduler.get_job(JOB_ID)
        if job is not None and (job.next_run_time is None or when < job.next_run_time):
            self._scheduler.modify_job(JOB_ID, next_run_time=when)
