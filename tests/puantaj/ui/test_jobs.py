"""Jobs: slow work on a worker thread that reports through `post` only."""

from __future__ import annotations

import queue
import threading

from puantaj.errors import ValidationError
from puantaj.ui.jobs import JobDone, JobProgress, Jobs


def test_work_runs_off_the_calling_thread_and_reports_progress_then_its_end():
    posted: queue.Queue = queue.Queue()
    jobs = Jobs(posted.put)
    release = threading.Event()
    threads = []

    def work(progress):
        threads.append(threading.current_thread())
        progress(1, 2)
        assert release.wait(10)
        progress(2, 2)
        return "done.xlsx"

    assert jobs.start("export", work)
    assert posted.get(timeout=10) == JobProgress("export", 1, 2)
    assert jobs.is_running("export")
    assert not jobs.start("export", work)  # one at a time per name
    release.set()
    assert posted.get(timeout=10) == JobProgress("export", 2, 2)
    assert posted.get(timeout=10) == JobDone("export", result="done.xlsx")
    assert threads[0] is not threading.main_thread()
    assert not jobs.is_running("export")


def test_a_refusal_or_a_crash_comes_back_as_an_error():
    posted: queue.Queue = queue.Queue()
    jobs = Jobs(posted.put)
    refused = ValidationError("bad file", "file")

    def refuse(_progress):
        raise refused

    def crash(_progress):
        raise KeyError("x")

    jobs.start("import-open", refuse)
    assert posted.get(timeout=10) == JobDone("import-open", error=refused)
    jobs.start("import-open", crash)
    done = posted.get(timeout=10)
    assert isinstance(done.error, KeyError)
