"""One sync run of an in-memory desktop site, one exchange at a time.

As puantaj/sync/engine.py runs it: the outbox pushed a page at a time, then
pulls until the server says there is no more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from puantaj.syncproto.memory import MemoryServer
from puantaj.syncproto.memory_site import MemorySite, Page
from puantaj.syncproto.rows import Key


@dataclass
class Run:
    """One sync run of a site, an exchange at a time (puantaj/sync/engine.py)."""

    site: MemorySite
    limit: int
    page: Page | None = None
    cursor: str = ""
    ahead_refused: set[Key] = field(default_factory=set)
    done: bool = False
    exchanges: int = 0

    def __post_init__(self) -> None:
        self.cursor = self.site.file.cursor

    def step(
        self,
        server: MemoryServer,
        fault: str = "",
        on_reply: Callable[[dict, dict], None] = lambda body, reply: None,
        worker: int = 0,
    ) -> None:
        """One exchange, served by `worker`. `fault`: "lose" (the server commits,
        the reply never comes back: the run ends) or "repeat" (the request is
        sent twice, the second time to the other worker)."""
        site, limit = self.site, self.limit
        if self.page is None:
            self.page = site.read_page(limit)
        page = self.page
        body = site.body(self.cursor, page, limit)
        reply = server.sync(site.token, body, worker)
        on_reply(body, reply)
        if fault == "repeat":
            reply = server.sync(site.token, body, (worker + 1) % server.workers)
            on_reply(body, reply)
        self.exchanges += 1
        if fault == "lose":
            self.done = True
            return
        more = reply["more"]
        if more and reply["cursor"] == self.cursor and not page.count:
            raise AssertionError("the server says more but its cursor does not move")
        self.cursor = reply["cursor"]
        future = site.store_reply(page, reply)
        if future & self.ahead_refused:
            self.done = True  # refused as ahead twice: the engine stops the run
            return
        self.ahead_refused |= future
        if more and page.count < limit:  # nothing more to push: only pull
            following = Page(page.top, page.top, 0, [])
        else:
            following = site.read_page(limit)
        if not following.count and not more:
            self.done = True
            return
        self.page = following
