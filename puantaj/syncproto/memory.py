"""An in-memory sync server running the protocol's rules, for model-based tests.

MemoryServer keeps what the SQL server keeps — rows with a stamp per column and
a sequence number, the counter, batch outcomes per (token, site, batch id), the
conflict history — in dicts. MemoryStore is its ServerStore adapter: push,
pull and server writes run the same code as on SQLite and PostgreSQL
(puantaj/syncproto/push.py and pull.py). `sync` mirrors POST /sync: pull first,
then push, then the server's clock in the reply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from puantaj.core.changes import PROTOCOL
from puantaj.core.hlc import HybridClock
from puantaj.core.tables import ALL_REGIONS, can_read, natural_id
from puantaj.syncproto import pull, push
from puantaj.syncproto.access import Access
from puantaj.syncproto.batch import Batch
from puantaj.syncproto.merge import Loss, new_losses
from puantaj.syncproto.rows import Key, RowState
from puantaj.syncproto.storage import StoredRow
from puantaj.syncproto.wire import group_by_stamp


@dataclass(slots=True)
class StoredVersion:
    """A row as the server holds it: numbered `seq`, written by `writer` over
    the version numbered `replaced` (0: it created the row)."""

    region: str
    values: dict[str, Any]
    stamps: dict[str, str]
    seq: int
    replaced: int
    writer: str


@dataclass
class MemoryServer:
    """The server's data in memory, served by `workers` processes (each with its
    own hybrid clock and site id, as under gunicorn); `now_ms` is the physical
    clock they share."""

    now_ms: Callable[[], int]
    rows: dict[Key, StoredVersion] = field(default_factory=dict)
    by_seq: dict[int, Key] = field(default_factory=dict)
    counter: int = 0
    batches: dict[tuple[str, str, str], tuple[str, dict]] = field(default_factory=dict)
    conflicts: list[tuple[int, Loss]] = field(default_factory=list)
    kept: set[tuple[str, str, str]] = field(default_factory=set)
    tokens: dict[str, str] = field(default_factory=dict)  # token → scope
    sites: dict[str, str] = field(default_factory=dict)  # site id → token
    workers: int = 2
    started: int = 0
    clocks: list[HybridClock] = field(default_factory=list)

    def __post_init__(self) -> None:
        for _ in range(self.workers):
            self.clocks.append(self._new_clock())

    def _new_clock(self) -> HybridClock:
        self.started += 1
        return HybridClock(f"server-{self.started}", self.now_ms)

    def restart(self, worker: int = 0) -> None:
        """A worker process restarted: a new site id and a fresh hybrid clock."""
        self.clocks[worker] = self._new_clock()

    def store(self, token: str) -> MemoryStore:
        return MemoryStore(self, token, Access(self.tokens[token]))

    def sync(self, token: str, body: dict[str, Any], worker: int = 0) -> dict[str, Any]:
        """POST /sync on one worker: others' writes after the cursor, then the
        pushed batch."""
        clock = self.clocks[worker]
        store = self.store(token)
        site_id = body["site_id"]
        bound = self.sites.setdefault(site_id, token)
        assert bound == token, f"site {site_id} belongs to another token"
        cursor = body.get("cursor") or "v1:0"
        after = int(cursor.removeprefix("v1:"))
        changes, top, more = pull.pull(store, after, body["limit"], site_id)
        result = push.PushResult()
        if body["changes"]:
            result = push.push(
                store,
                store.access,
                clock,
                site_id,
                body["batch_id"],
                body["changes"],
            )
        return {
            "protocol": PROTOCOL,
            "accepted": result.accepted,
            "rejected": result.rejected,
            "changes": changes,
            "cursor": f"v1:{top}",
            "more": more,
            "scope": store.access.scope,
            "server_time": str(clock.tick()),
            "server_ms": clock.physical_ms(),
        }

    def write(
        self, table: str, row_id: str, region: str, row: dict, worker: int = 0
    ) -> dict:
        """The server's own write as an admin (lock, unlock, restore)."""
        admin = Access(ALL_REGIONS)
        store = MemoryStore(self, "", admin)
        clock = self.clocks[worker]
        result = push.server_write(store, admin, clock, table, row_id, region, row)
        assert not result.rejected, result.rejected
        return {c: self.rows[(table, row_id)].stamps[c] for c in row}

    def set_month(self, region: str, month: str, lock: bool, by: str) -> dict:
        """Lock or unlock a month as server/admin.py's set_month writes it."""
        row: dict[str, Any] = {
            "month": month,
            "status": "locked" if lock else "draft",
            "reason": "" if lock else "correction",
            "deleted": 0,
            "updated_at": "2026-01-01T00:00:00+00:00",
            "updated_by": by,
        }
        if lock:
            row.update(locked_by=by, locked_at="2026-01-01T00:00:00+00:00")
        self.write("reports", natural_id("reports", region, month), region, row)
        return row

    def restore(self, number: int, by: str) -> tuple[Key, dict]:
        """Make a kept value current again, as server/admin.py's restore does."""
        _, loss = self.conflicts[number]
        row = {
            loss.column: loss.value,
            "updated_by": by,
            "updated_at": f"restored at {self.now_ms()}",
        }
        self.write(loss.table, loss.row_id, loss.region, row)
        return (loss.table, loss.row_id), row


@dataclass
class MemoryStore:
    """MemoryServer as one caller (token) sees it: a ServerStore."""

    server: MemoryServer
    token: str
    access: Access

    def prior_outcome(self, site_id: str, batch_id: str) -> tuple[str, dict] | None:
        return self.server.batches.get((self.token, site_id, batch_id))

    def load_rows(self, keys: set[Key]) -> dict[Key, RowState]:
        rows = self.server.rows
        out = {}
        for key in keys:
            stored = rows.get(key)
            if stored is not None:
                out[key] = RowState(
                    key[0],
                    key[1],
                    stored.region,
                    stored.values,
                    stored.stamps,
                    prev_seq=stored.seq,
                    writer=stored.writer,
                )
        return out

    def parent_regions(self, wanted: dict[str, set[str]]) -> dict[Key, str]:
        rows = self.server.rows
        return {
            (table, row_id): rows[(table, row_id)].region
            for table, ids in wanted.items()
            for row_id in ids
            if (table, row_id) in rows
        }

    def locked_months(self) -> set[tuple[str, str]]:
        return {
            (stored.region, stored.values["month"])
            for (table, _), stored in self.server.rows.items()
            if table == "reports"
            and stored.values.get("status") == "locked"
            and stored.values.get("deleted") == 0
        }

    def keep_history(self, batch: Batch, batch_id: str) -> None:
        server = self.server
        for loss in new_losses(batch.losses, server.kept):
            server.conflicts.append((len(server.conflicts), loss))

    def write_rows(self, batch: Batch, batch_id: str, digest: str) -> None:
        server = self.server
        outcome = {"accepted": batch.result.accepted, "rejected": batch.result.rejected}
        server.batches[(self.token, batch.site_id, batch_id)] = (digest, outcome)
        for state in batch.dirty:
            server.counter += 1
            key = (state.table, state.id)
            old = server.rows.get(key)
            if old is not None:
                del server.by_seq[old.seq]
            if state.values.get("deleted") is None:
                state.values["deleted"] = 0  # the column's default, as in SQL
            state.seq = server.counter
            server.rows[key] = StoredVersion(
                state.region,
                state.values,
                state.stamps,
                state.seq,
                state.prev_seq,
                batch.site_id,
            )
            server.by_seq[state.seq] = key

    def rows_after(
        self, after: int, limit: int, site_id: str
    ) -> tuple[list[tuple[str, str, int]], int]:
        server = self.server
        found = []
        for seq in range(after + 1, server.counter + 1):
            key = server.by_seq.get(seq)
            if key is None:
                continue
            stored = server.rows[key]
            if can_read(self.access.scope, key[0], stored.region) and pull.is_sent(
                stored.writer, stored.replaced, site_id
            ):
                found.append((key[0], key[1], seq))
                if len(found) == limit:
                    break
        return found, server.counter

    def fetch_rows(self, table: str, ids: list[str]) -> Iterator[StoredRow]:
        rows = self.server.rows
        for row_id in sorted(ids):
            stored = rows[(table, row_id)]
            yield row_id, stored.region, group_by_stamp(stored.stamps), stored.values
