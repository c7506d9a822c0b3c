"""The unsent count's watcher thread, on a real store (issue 15)."""

from __future__ import annotations

import queue

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
