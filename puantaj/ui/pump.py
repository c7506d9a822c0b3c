"""The queue between worker threads and Tk: workers `post`, the pump drains with after()."""

from __future__ import annotations

import logging
import queue
import tkinter as tk
from collections.abc import Callable

log = logging.getLogger(__name__)
TICK_MS = 100
BATCH = 50


class Pump:
    """Owns the queue; the only place that turns messages into view updates."""

    def __init__(self, root: tk.Misc) -> None:
        self._root = root
        self._queue: queue.Queue = queue.Queue()
        self._handlers: list[Callable[[object], None]] = []
        self._closing = False

    def post(self, message: object) -> None:
        """Thread-safe: any thread may call it."""
        self._queue.put(message)

    def subscribe(self, handler: Callable[[object], None]) -> None:
        self._handlers.append(handler)

    def unsubscribe(self, handler: Callable[[object], None]) -> None:
        if handler in self._handlers:
            self._handlers.remove(handler)

    def start(self) -> None:
        self._root.after(TICK_MS, self._tick)

    def stop(self) -> None:
        self._closing = True

    def drain(self, limit: int = BATCH) -> int:
        """Handle up to `limit` messages now (the tick calls it; tests may too)."""
        handled = 0
        while handled < limit:
            try:
                message = self._queue.get_nowait()
            except queue.Empty:
                break
            handled += 1
            for handler in self._handlers:
                handler(message)
        return handled

    def wait(self, timeout_s: float) -> bool:
        """Block until a message arrives, then handle it and what follows (tests and
        shutdown use it; the Tk thread never blocks otherwise). False on timeout."""
        try:
            message = self._queue.get(timeout=timeout_s)
        except queue.Empty:
            return False
        for handler in self._handlers:
            handler(message)
        self.drain()
        return True

    def _tick(self) -> None:
        if self._closing:
            return
        self.drain()
        self._root.after(TICK_MS, self._tick)
