"""LiveChannel: which events start a sync or refresh the overview, and a channel
that is down. A stand-in client replays a stream; nothing waits on a clock."""

from __future__ import annotations

import queue
import threading

from puantaj.errors import SyncRejected
from puantaj.sync.live import LiveChannel, LiveState, ServerChanged
from puantaj.sync.scheduler import Backoff
from puantaj.sync.sse import ServerEvent

WAIT_S = 30


class ReplayClient:
    """events() yields the given events, then blocks until closed."""

    def __init__(self, events: list[ServerEvent]) -> None:
        self._events = events
        self.closed = threading.Event()

    def events(self, read_timeout_s: float):
        yield from self._events
        self.closed.wait(WAIT_S)

    def close(self) -> None:
        self.closed.set()


def run(events: list[ServerEvent], until) -> tuple[list[str], list[object]]:
    """Replay `events` to a LiveChannel of site 'pc-1' until `until(messages)`."""
    synced: list[str] = []
    messages: queue.Queue = queue.Queue()
    seen: list[object] = []
    last = ServerEvent("sites", {})  # the marker that everything before was handled
    client = ReplayClient([*events, last])
    channel = LiveChannel(
        lambda: client, lambda: "pc-1", lambda: synced.append("sync"), messages.put
    )
    channel.start()
    try:
        while not until(seen):
            seen.append(messages.get(timeout=WAIT_S))
    finally:
        channel.stop()
    return synced, seen


def test_rows_from_another_site_sync_and_ones_own_do_not():
    synced, seen = run(
        [
            ServerEvent("hello", {"scope": "Ankara"}),
            ServerEvent("rows", {"origin": "pc-1"}),  # our own push
            ServerEvent("rows", {"origin": "pc-2"}),
            ServerEvent("rows", {"origin": ""}),  # several sites
        ],
        until=lambda seen: ServerChanged() in seen,
    )
    assert synced == ["sync", "sync"]
    assert seen[0] == LiveState(True)


def test_a_refused_channel_says_nothing_to_the_clerk():
    posted: queue.Queue = queue.Queue()
    tried = threading.Event()

    def refuse():
        tried.set()
        raise SyncRejected("server refused the request (404 not_found)", "not_found")

    channel = LiveChannel(
        refuse, lambda: "pc-1", lambda: None, posted.put, Backoff(60, 60)
    )
    channel.start()
    assert tried.wait(WAIT_S)
    channel.stop()
    assert posted.empty()  # no LiveState, no error message for the window
