"""The unsent count's watcher thread, on a real store (issue 15)."""

from __future__ import annotations

import queue
import threading

from puantaj.sync.unsent_watch import UnsentCounts, UnsentWatch


def next_counts(posted: queue.Queue) -> UnsentCounts:
    message = posted.get(timeout=10)
    assert isinstance(message, UnsentCounts)
    return message


def test_the_watch_posts_the_counts_whenever_the_file_changes(services, ankara):
    posted: queue.Queue = queue.Queue()
    watch = UnsentWatch(services.store, posted.put, every_s=0.01)
    watch.start()
    try:
        first = next_counts(posted)  # what is queued as it starts
        services.records["employees"].create(
            ankara,
            {
                "sicil_no": "1",
                "first_name": "Ad",
                "last_name": "Soyad",
                "hire_date": "01.01.2026",
            },
        )
        assert next_counts(posted) == UnsentCounts(first.unsent + 1, 0)
    finally:
        watch.stop()
    assert not watch._thread.is_alive()


class HeldCount:
    """A count that waits, once it has begun, until the test lets it end."""

    def __init__(self) -> None:
        self.begun, self.go = threading.Event(), threading.Event()

    def changed(self) -> tuple[int, int]:
        self.begun.set()
        assert self.go.wait(10)
        return (1, 0)  # as the file stood before the sync sent the row


def test_a_count_begun_before_a_sync_is_not_shown_after_it(services):
    """A count the watch began just before a sync started may reach the window
    after that sync's end; shown then, it put back "Unsent: 1" over the 0
    counted at the end."""
    posted: queue.Queue = queue.Queue()
    watch = UnsentWatch(services.store, posted.put, every_s=0.01)
    held = HeldCount()
    watch._count = held  # type: ignore[assignment]
    watch.start()
    try:
        assert held.begun.wait(10)
        watch.pause()  # the sync starts while the count is under way
        held.go.set()
        stale = next_counts(posted)
        assert stale == UnsentCounts(1, 0, epoch=0)
        assert not watch.is_current(stale)
        watch.resume()  # the sync has ended: counts from now on are shown
        fresh = next_counts(posted)
        assert watch.is_current(fresh)
    finally:
        watch.stop()
