"""An in-memory desktop site running the protocol's rules, for model-based tests.

It keeps what a desktop file keeps — rows with a stamp per column, the outbox
numbered by a counter that only grows, refused rows, cursor, scope and the
hybrid clock with its floor and offset — and does what the desktop does:
stamps local writes, pushes its outbox a page at a time, stores each reply in
one step (puantaj/sync/checkpoint.py) and applies pulled changes with
syncproto.apply, re-stamps unsent writes with syncproto.clock. Exchanges run one
after another (puantaj/syncproto/memory_run.py), not pipelined as in
puantaj/sync/engine.py.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from puantaj.core.changes import Change, parse_change
from puantaj.core.hlc import Stamp, advance
from puantaj.core.tables import TABLES
from puantaj.syncproto.apply import apply_changes
from puantaj.syncproto.clock import adopt, may_move
from puantaj.syncproto.clock import rebase as rebase_stamps
from puantaj.syncproto.rows import Key
from puantaj.syncproto.wire import group_by_stamp, queued_parents, row_changes

CLOCK_TOLERANCE_MS = 60_000  # local stamps further ahead than this are renewed


@dataclass(slots=True)
class LocalRow:
    """One row of a desktop table: region, values and a stamp per column."""

    region: str
    values: dict[str, Any]
    stamps: dict[str, str]


@dataclass
class Page:
    """Outbox entries numbered after `after` up to `top`, as wire changes."""

    after: int
    top: int
    count: int
    changes: list[dict]


@dataclass
class SiteFile:
    """Everything a desktop file holds that sync reads or writes."""

    site_id: str
    rows: dict[Key, LocalRow] = field(default_factory=dict)
    outbox: dict[Key, int] = field(default_factory=dict)
    outbox_seq: int = 0
    refused: dict[Key, tuple[str, list[dict]]] = field(default_factory=dict)
    cursor: str = ""
    scope: str = ""
    last: tuple[int, int] = (0, 0)  # the clock: newest stamp written or seen
    floor: tuple[int, int] = (0, 0)  # newest stamp known beyond this file
    offset_ms: int = 0


class MemorySite:
    """A desktop install: its file, its PC clock (`world_ms` + `skew_ms`) and
    its token. `on_restamp(mapping)` hears of stamps renewed."""

    def __init__(
        self,
        site_id: str,
        token: str,
        world_ms: Callable[[], int],
        on_restamp: Callable[[dict[str, str]], None] = lambda mapping: None,
    ) -> None:
        self.file = SiteFile(site_id)
        self.token = token
        self.world_ms = world_ms
        self.skew_ms = 0
        self.on_restamp = on_restamp

    # the clock

    def physical_ms(self) -> int:
        """The PC's own clock, as wrong as it is."""
        return self.world_ms() + self.skew_ms

    def _tick(self) -> str:
        f = self.file
        now = self.physical_ms() + f.offset_ms
        stamp = advance(Stamp(*f.last, f.site_id), now, f.site_id)
        f.last = (stamp.ms, stamp.counter)
        return str(stamp)

    def observe(self, stamp: Stamp) -> None:
        f = self.file
        f.last = max(f.last, (stamp.ms, stamp.counter))
        self.raise_floor(stamp)

    def raise_floor(self, stamp: Stamp) -> None:
        f = self.file
        f.floor = max(f.floor, (stamp.ms, stamp.counter))

    # local writes

    def write(
        self, table: str, row_id: str, region: str, values: dict
    ) -> tuple[str, list[str]]:
        """A clerk's write (insert or update), stamped and queued as the
        desktop's triggers do; returns its stamp and the columns it stamped."""
        key = (table, row_id)
        row = self.file.rows.get(key)
        if row is None:
            columns = TABLES[table].data_columns
            full = dict.fromkeys(columns)
            full["deleted"] = 0
            full.update(values)
            stamp = self._tick()
            self.file.rows[key] = LocalRow(region, full, dict.fromkeys(columns, stamp))
            stamped = list(columns)
        else:
            changed = {c: v for c, v in values.items() if row.values.get(c) != v}
            if not changed:
                return "", []
            stamp = self._tick()
            row.values.update(changed)
            row.stamps.update(dict.fromkeys(changed, stamp))
            stamped = list(changed)
        self.queue(key)
        return stamp, stamped

    def queue(self, key: Key) -> None:
        f = self.file
        f.outbox_seq += 1
        f.outbox[key] = f.outbox_seq

    # pages

    def read_page(self, limit: int, after: int = 0) -> Page:
        f = self.file
        entries = sorted((seq, key) for key, seq in f.outbox.items() if seq > after)
        entries = entries[:limit]
        if not entries:
            return Page(after, after, 0, [])
        keys = [key for _, key in entries]
        parents = queued_parents(
            [(key, f.rows[key].values) for key in keys], set(f.outbox)
        )
        changes: list[dict] = []
        for table, row_id in parents + keys:
            row = f.rows[(table, row_id)]
            changes.extend(
                row_changes(
                    table, row_id, row.region, group_by_stamp(row.stamps), row.values
                )
            )
        return Page(after, entries[-1][0], len(entries), changes)

    def body(self, cursor: str, page: Page, limit: int) -> dict[str, Any]:
        digest = hashlib.sha256(f"{self.file.site_id}|{page.after}|{page.top}".encode())
        for c in page.changes:
            digest.update(
                f"{c['table']}|{c['id']}|{c['hlc']}|{','.join(c['row'])}".encode()
            )
        return {
            "site_id": self.file.site_id,
            "cursor": cursor,
            "changes": page.changes,
            "limit": limit,
            "batch_id": digest.hexdigest()[:32],
        }

    # one reply, stored in one step

    def store_reply(self, page: Page, reply: dict[str, Any]) -> set[Key]:
        """What puantaj/sync/checkpoint.py's store_reply does with a reply;
        returns the rows refused as stamped ahead of the server's clock."""
        f = self.file
        server = Stamp.parse(reply["server_time"])
        sent = {(c["table"], c["id"]) for c in page.changes}
        rejected = reply["rejected"]
        refused = {(r["table"], r["id"]) for r in rejected}
        future = {
            (r["table"], r["id"]) for r in rejected if r["reason"] == "clock_ahead"
        } & sent
        kept = [r for r in rejected if r["reason"] != "clock_ahead"]
        taken = [c for c in page.changes if (c["table"], c["id"]) not in refused]
        pulled = [parse_change(c) for c in reply["changes"]]
        for key, seq in list(f.outbox.items()):  # acknowledge the page's range
            if page.after < seq <= page.top:
                del f.outbox[key]
        for r in kept:
            key = (r["table"], r["id"])
            if key in sent:
                mine = [c for c in page.changes if (c["table"], c["id"]) == key]
                f.refused[key] = (r["reason"], mine)
        for key in sent - refused:
            f.refused.pop(key, None)
        if taken:
            self.raise_floor(Stamp.parse(max(c["hlc"] for c in taken)))
        self.apply_remote(pulled)
        if any(c.table == "reports" for c in pulled):
            self.retry()
        f.cursor, f.scope = reply["cursor"], reply["scope"]
        shift = self._correct_clock(reply["server_ms"])
        now_ms = self.physical_ms() + f.offset_ms
        self.observe(server)
        if future or f.last[0] > max(f.floor[0], now_ms) + CLOCK_TOLERANCE_MS:
            self.rebase(now_ms, shift or now_ms - f.last[0], future)
        return future

    def apply_remote(self, changes: list[Change], ties: bool = False) -> None:
        """Pulled changes merged per column (syncproto.apply), not queued."""
        if not changes:
            return
        rows = self.file.rows
        by_table: dict[str, list[Change]] = {}
        for change in changes:
            by_table.setdefault(change.table, []).append(change)
        for table, items in by_table.items():
            held = {
                c.id: rows[(table, c.id)].stamps for c in items if (table, c.id) in rows
            }
            merged, new_rows = apply_changes(held, items, ties)
            for row_id, (region, values, stamps) in merged.items():
                if not values:
                    continue
                if row_id in new_rows:
                    full = dict.fromkeys(TABLES[table].data_columns)
                    full["deleted"] = 0
                    full.update(values)
                    rows[(table, row_id)] = LocalRow(region, full, stamps)
                else:
                    rows[(table, row_id)].values.update(values)
        self.observe(Stamp.parse(max(c.hlc for c in changes)))

    def retry(self) -> None:
        """Queue again the rows refused as period_locked whose month is no longer
        locked here (puantaj/store/refusals.py's retry)."""
        f = self.file
        locked = {
            (row.region, row.values["month"])
            for (table, _), row in f.rows.items()
            if table == "reports"
            and row.values["status"] == "locked"
            and row.values["deleted"] == 0
        }
        for key, (reason, _) in list(f.refused.items()):
            row = f.rows.get(key)
            if reason != "period_locked" or row is None:
                continue
            day = row.values.get("work_date") or row.values.get("month") or ""
            if (row.region, day[:7]) not in locked:
                self.queue(key)

    def _correct_clock(self, server_ms: int) -> int:
        """The offset measured against the server's physical clock (an exchange
        here takes no time)."""
        f = self.file
        error = server_ms - (self.physical_ms() + f.offset_ms)
        if abs(error) <= 1000:
            return 0
        f.offset_ms += error
        return error

    def rebase(self, now_ms: int, shift_ms: int, extra: set[Key]) -> None:
        """puantaj/store/clock.py's rebase: stamps no server took moved."""
        f = self.file
        if not extra and not may_move(Stamp(*f.last, f.site_id), now_ms):
            return
        keys = [k for k in {*f.outbox, *f.refused, *extra} if k in f.rows]
        mapping, last = rebase_stamps(
            (s for k in keys for s in f.rows[k].stamps.values()),
            f.site_id,
            Stamp(*f.floor, f.site_id),
            now_ms,
            shift_ms,
        )
        f.last = (last.ms, last.counter)
        for key in keys:
            row = f.rows[key]
            renewed = {c: mapping.get(s, s) for c, s in row.stamps.items()}
            if renewed != row.stamps:
                row.stamps = renewed
            elif key not in extra:
                continue
            self.queue(key)
        if mapping:
            self.on_restamp(mapping)

    # a file put back or copied

    def snapshot(self) -> SiteFile:
        return copy.deepcopy(self.file)

    def restore(self, saved: SiteFile, new_site_id: str) -> None:
        """The file replaced by an earlier copy: it becomes a new site, queues
        every row and pulls its whole scope again (puantaj/store/identity.py)."""
        f = self.file = copy.deepcopy(saved)
        old_site, f.site_id = f.site_id, new_site_id
        f.cursor = ""
        mapping, last = adopt(
            (s for row in f.rows.values() for s in row.stamps.values()),
            old_site,
            new_site_id,
            Stamp(*f.floor, old_site),
            self.physical_ms() + f.offset_ms,
        )
        if mapping:
            f.last = (last.ms, last.counter)
            for row in f.rows.values():
                row.stamps = {c: mapping.get(s, s) for c, s in row.stamps.items()}
            self.on_restamp(mapping)
        for key in f.rows:
            self.queue(key)
