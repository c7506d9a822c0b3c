"""The desktop's one connection to the server's event channel (issue 16): an event
in its scope starts a sync; the 5-minute schedule stays the fallback.

Runs on its own worker thread and never touches Tk: it calls `on_rows` (the
controller asks the scheduler for a sync) and posts LiveState and ServerChanged
messages. When the channel is down (server down, a proxy that strips the
stream, an older server's 404) it reconnects with backoff and jitter and says
so only in the log, so nothing changes for the clerk.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from puantaj.errors import SyncRejected, SyncUnavailable
from puantaj.sync.client import SyncClient
from puantaj.sync.scheduler import Backoff
from puantaj.sync.sse import ServerEvent

log = logging.getLogger(__name__)
READ_TIMEOUT_S = 60.0  # the server sends a keep-alive every 15 s
RETRY_BASE_S = 2.0
RETRY_CAP_S = 300.0  # an unreachable channel is tried about as often as a sync


@dataclass(frozen=True)
class LiveState:
    """The event channel opened (connected) or closed; for the status bar."""

    connected: bool


@dataclass(frozen=True)
class ServerChanged:
    """Admin-visible state changed on the server (a site synced): refresh the
    overview."""


class LiveChannel:
    """Holds GET /events open on a daemon thread until stop()."""

    def __init__(
        self,
        client_factory: Callable[[], SyncClient],
        site_id: Callable[[], str],
        on_rows: Callable[[], None],
        post: Callable[[object], None],
        backoff: Backoff | None = None,
    ) -> None:
        self._client_factory = client_factory
        self._site_id = site_id
        self._on_rows = on_rows
        self._post = post
        self._backoff = backoff or Backoff(RETRY_BASE_S, RETRY_CAP_S)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._client: SyncClient | None = None
        self._heard_before = False
        self._is_open = False
        self._last_problem = ""

    @property
    def is_open(self) -> bool:
        """Whether the stream is open now (it said hello and has not ended)."""
        return self._is_open

    def start(self) -> None:
        threading.Thread(target=self._run, name="puantaj-live", daemon=True).start()

    def stop(self) -> None:
        """Ask the thread to end and break its open stream; does not wait."""
        self._stopping.set()
        with self._lock:
            client = self._client
        if client is not None:
            client.close()

    def _run(self) -> None:
        while not self._stopping.is_set():
            delay = None
            try:
                self._listen()
            except SyncRejected as exc:  # refused, or no channel on this server
                self._note(f"event channel refused: {exc}")
                delay = RETRY_CAP_S
            except SyncUnavailable as exc:
                self._note(f"event channel down: {exc}")
            except Exception:  # noqa: BLE001 - the thread's wrapper: log, listen on
                log.exception("event channel failed")
            if self._stopping.is_set():
                return
            self._stopping.wait(delay or self._backoff.next_delay())

    def _listen(self) -> None:
        client = self._client_factory()
        with self._lock:
            if self._stopping.is_set():
                client.close()
                return
            self._client = client
        try:
            own_site = self._site_id()
            for event in client.events(READ_TIMEOUT_S):
                if self._stopping.is_set():
                    return
                self._handle(event, own_site)
            raise SyncUnavailable(
                "the server ended the event stream", code="events_lost"
            )
        finally:
            with self._lock:
                self._client = None
            client.close()
            if self._is_open:
                self._is_open = False
                self._post(LiveState(False))

    def _handle(self, event: ServerEvent, own_site: str) -> None:
        if event.kind == "hello":
            self._backoff.reset()
            self._last_problem = ""
            self._is_open = True
            log.info("event channel open (scope %s)", event.data.get("scope"))
            self._post(LiveState(True))
            if self._heard_before:  # events may have been missed while away
                self._on_rows()
                self._post(ServerChanged())
            self._heard_before = True
        elif event.kind == "rows" and event.data.get("origin") != own_site:
            self._on_rows()
        elif event.kind == "sites":
            self._post(ServerChanged())

    def _note(self, problem: str) -> None:
        """Log a problem once when it starts; its repeats only at debug level."""
        kind = problem.split(":", 1)[0]
        if self._last_problem.split(":", 1)[0] != kind:
            log.info("%s; retrying in the background", problem)
        else:
            log.debug("%s", problem)
        self._last_problem = problem
