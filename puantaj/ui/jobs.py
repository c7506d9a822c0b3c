"""Slow work started from the window (exports, imports) on a worker thread.

The worker holds only the pump's `post` callable: it reports progress and its
end as small dataclasses, and the Tk thread draws them when the pump drains.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from puantaj.errors import PuantajError

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class JobProgress:
    """`done` of `of` steps of job `name` are finished."""

    name: str
    done: int
    of: int


@dataclass(frozen=True)
class JobDone:
    """Job `name` ended: with `result`, or with `error` (already logged)."""

    name: str
    result: object = None
    error: Exception | None = None


class Jobs:
    """Starts named jobs on worker threads, one at a time per name."""

    def __init__(self, post: Callable[[object], None]) -> None:
        self._post = post
        self._running: set[str] = set()
        self._lock = threading.Lock()

    def is_running(self, name: str) -> bool:
        return name in self._running

    def start(self, name: str, work: Callable[[Progress], object]) -> bool:
        """Run `work(progress)` on a worker; False if `name` is still running.

        Called on the Tk thread; `work` must not touch Tk.
        """
        with self._lock:
            if name in self._running:
                return False
            self._running.add(name)
        threading.Thread(
            target=self._run, args=(name, work), name=f"job-{name}", daemon=True
        ).start()
        return True

    def _run(self, name: str, work: Callable[[Progress], object]) -> None:
        def progress(done: int, of: int) -> None:
            self._post(JobProgress(name, done, of))

        try:
            done = JobDone(name, result=work(progress))
        except (PuantajError, OSError) as exc:
            log.info("job %s refused: %s", name, exc)
            done = JobDone(name, error=exc)
        except Exception as exc:  # the job wrapper (STYLE.md §5): log, then report
            log.exception("job %s failed", name)
            done = JobDone(name, error=exc)
        finally:
            with self._lock:
                self._running.discard(name)
        self._post(done)
