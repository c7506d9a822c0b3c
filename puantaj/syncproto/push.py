"""Applying a pushed batch over a ServerStore: dedup, merge, judge, number.

The store holds the transaction: the batch is written whole or not at all. The
rows it touches are read (and held) first; only once the outcome and its
history are known are the changed rows numbered and written, so the writers'
lock that numbering takes is held as briefly as possible.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from puantaj.core import jsonfast
from puantaj.core.changes import Change
from puantaj.core.hlc import Stamp
from puantaj.syncproto.access import Access
from puantaj.syncproto.batch import Batch, PushResult, decide, group_changes
from puantaj.syncproto.clock import CLOCK_AHEAD_MS
from puantaj.syncproto.errors import BatchReusedError, WriteLostError
from puantaj.syncproto.refusals import Judge, needs_locks, wanted_parents
from puantaj.syncproto.storage import ServerStore


class Clock(Protocol):
    """What a push needs of the server's hybrid clock."""

    site: str

    def physical_ms(self) -> int: ...

    def observe(self, stamp: Stamp) -> None: ...

    def tick(self) -> Stamp: ...


def batch_digest(changes: list[Any]) -> str:
    """A digest of the batch's content (canonical JSON, keys sorted)."""
    return hashlib.sha256(jsonfast.dumps_sorted(changes)).hexdigest()


def push(
    store: ServerStore,
    access: Access,
    clock: Clock,
    site_id: str,
    batch_id: str,
    changes: list[Any],
    before_numbering: Callable[[PushResult], None] = lambda result: None,
    trusted: bool = False,
    clock_ahead_ms: int = CLOCK_AHEAD_MS,
) -> PushResult:
    """Apply a batch; the same batch again from the same caller and site is a
    no-op (BatchReusedError if its content differs). `trusted`: the server's own
    write, never judged ahead of the clock.

    `before_numbering` runs once the outcome is known and the history is kept,
    before the rows are numbered: what it writes does not lengthen the time
    other batches wait for the writers' lock.
    """
    digest = batch_digest(changes)
    prior = store.prior_outcome(site_id, batch_id)
    if prior is not None:
        stored_digest, outcome = prior
        if stored_digest != digest:
            raise BatchReusedError(
                f"batch_id {batch_id!r} was already used for a batch with other"
                " content; send a new batch id"
            )
        result = PushResult(**outcome)
        before_numbering(result)
        return result
    batch = Batch(access, site_id)
    limit_ms = None if trusted else clock.physical_ms() + clock_ahead_ms
    group_changes(batch, changes, limit_ms)
    batch.states = store.load_rows(set(batch.rows))
    judge = Judge(
        access, parents=store.parent_regions(wanted_parents(batch.rows, batch.states))
    )
    if needs_locks(access, {table for table, _ in batch.rows}):
        judge.locks = store.locked_months()
    decide(batch, judge)
    if batch.newest:
        clock.observe(Stamp.parse(batch.newest))
    store.keep_history(batch, batch_id)
    before_numbering(batch.result)
    store.write_rows(batch, batch_id, digest)
    return batch.result


def server_write(
    store: ServerStore,
    access: Access,
    clock: Clock,
    table: str,
    row_id: str,
    region: str,
    row: dict[str, Any],
) -> PushResult:
    """Write as the server through the normal merge, stamped past every stamp
    the row holds, so the write wins whatever clock wrote the row before.

    Raises WriteLostError, never reports success, if a column did not take it;
    a refusal comes back in the result.
    """
    key = (table, row_id)
    stored = store.load_rows({key}).get(key)
    if stored is not None and stored.stamps:
        # fixed-width stamps: the greatest string is the greatest triple
        clock.observe(Stamp.parse(max(stored.stamps.values())))
    stamp = str(clock.tick())
    change = Change(table, row_id, region, stamp, row)
    result = push(
        store,
        access,
        clock,
        clock.site,
        str(uuid.uuid4()),
        [change.to_wire()],
        trusted=True,
    )
    if result.rejected:
        return result
    written = store.load_rows({key}).get(key)
    beaten = sorted(c for c in row if written is None or written.stamps.get(c) != stamp)
    if beaten:
        raise WriteLostError(
            f"{table} {row_id}: {', '.join(beaten)} kept a newer value"
        )
    return result
