"""Applying a pushed batch: per-column last-write-wins, judged row by row.

A batch is one transaction. It row-locks the rows it touches, merges each row's
changes into a copy of the row, judges the row as it would then stand
(server/refusals.py) and keeps the copy, or refuses every change of that row.
Only then does it take the writers' lock — the `sync_counter` row, bumped with
RETURNING (on SQLite the BEGIN IMMEDIATE lock) — to number the rows it writes.
That lock is held until COMMIT, so sequence numbers are handed out in commit
order: a reader that has seen number N has seen every commit before the one
that took N + 1. Only the writes and the commit happen under it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from puantaj.core import jsonfast
from puantaj.core.changes import Change
from puantaj.core.hlc import HybridClock, Stamp
from server import batches, history
from server.auth import Caller, now_text
from server.intake import Key, group_changes
from server.queries import Queries
from server.refusals import ORDER, PARENTS, Judge, Refusal, region_refusal
from server.rows import RowState, driver_query, fetch_rows, load_rows, write_rows


@dataclass
class PushResult:
    accepted: int = 0
    rejected: list[dict] = field(default_factory=list)


@dataclass
class _Batch:
    """What one batch decided, before it is written."""

    caller: Caller
    site_id: str
    batch_id: str
    digest: str
    states: dict[Key, RowState] = field(default_factory=dict)
    result: PushResult = field(default_factory=PushResult)
    losses: list[history.Loss] = field(default_factory=list)

    def refuse(self, raw: Any, reason: str, detail: str) -> None:
        raw = raw if isinstance(raw, dict) else {}
        self.result.rejected.append(
            {
                "table": history.printable(raw.get("table", ""), 40),
                "id": history.printable(raw.get("id", ""), 64),
                "region": history.printable(raw.get("region", ""), 64),
                "reason": reason,
                "detail": history.printable(detail, 300),
            }
        )


class Merger:
    """Applies batches to the synced tables."""

    def __init__(
        self, queries: Queries, clock: HybridClock, clock_ahead_ms: int
    ) -> None:
        self.queries = queries
        self.tables = queries.tables
        self.clock = clock
        self.clock_ahead_ms = clock_ahead_ms

    def push(
        self,
        conn: Connection,
        caller: Caller,
        site_id: str,
        batch_id: str,
        changes: list[Any],
        before_numbering: Callable[[PushResult], None] = lambda result: None,
        trusted: bool = False,
    ) -> PushResult:
        """Apply a batch inside the caller's transaction; the same batch again
        from the same token and site is a no-op (BatchReused if its content
        differs). `trusted`: the server's own write, never judged clock_ahead.

        `before_numbering` runs once the outcome is known and the history is
        written, before the writers' lock is taken: whatever it writes does not
        lengthen the time other batches wait for that lock.
        """
        digest = batches.digest(changes)
        prior = batches.prior_outcome(
            conn, self.queries, caller.token_id, site_id, batch_id, digest
        )
        if prior is not None:
            result = PushResult(**prior)
            before_numbering(result)
            return result
        batch = _Batch(caller, site_id, batch_id, digest)
        limit_ms = None if trusted else self.clock.physical_ms() + self.clock_ahead_ms
        rows, refused = group_changes(changes, caller, limit_ms, batch.refuse)
        batch.states = load_rows(conn, self.queries, set(rows))
        judge = Judge(caller, parents=self._parents(conn, batch, rows))
        judge.refused.update(refused)
        if not caller.is_admin and any(t in ("timesheets", "reports") for t, _ in rows):
            judge.locks = self._locked_months(conn)
        newest = ""
        for key in sorted(rows, key=lambda k: ORDER.get(k[0], 1)):
            group = rows[key]
            refusal = self._merge_row(batch, judge, key, [c for _, c in group])
            if refusal:
                judge.refused[key] = refusal
                for raw, _ in group:
                    batch.refuse(raw, *refusal)
                continue
            batch.result.accepted += len(group)
            newest = max(newest, *(c.hlc for _, c in group))
        if newest:
            # fixed-width stamps: the greatest string is the greatest triple
            self.clock.observe(Stamp.parse(newest))
        self._write_history(conn, batch)
        before_numbering(batch.result)
        self._write_rows(conn, batch)
        return batch.result

    def _parents(
        self, conn: Connection, batch: _Batch, rows: dict[Key, list]
    ) -> dict[Key, str]:
        """The parent rows the batch's rows name, that exist: (table, id) → region."""
        wanted: dict[str, set[str]] = {}
        for table, row_id in rows:
            link = PARENTS.get(table)
            if link is None:
                continue
            column, parent = link
            stored = batch.states.get((table, row_id))
            names = {c.row.get(column) for _, c in rows[(table, row_id)]}
            if stored is not None:
                names.add(stored.values.get(column))
            wanted.setdefault(parent, set()).update(n for n in names if n)
        found: dict[Key, str] = {}
        for parent, ids in wanted.items():
            statements = self.queries.regions_by_id
            for row_id, region in fetch_rows(
                conn, self.queries, statements, parent, ids
            ):
                found[(parent, row_id)] = region
        return found

    def _locked_months(self, conn: Connection) -> set[tuple[str, str]]:
        rows = conn.execute(self.queries.locked_months)
        return {(r.region, r.month) for r in rows}

    def _merge_row(
        self, batch: _Batch, judge: Judge, key: Key, changes: list[Change]
    ) -> Refusal | None:
        """Merge one row's changes into a copy of it, judge the copy, and keep it
        (with its losses) unless refused."""
        stored = batch.states.get(key)
        region = changes[0].region
        refusal = region_refusal(batch.caller, stored, region)
        if refusal:
            return refusal
        if stored is None:
            state = RowState(key[0], key[1], region, is_new=True)
        else:
            state = RowState(
                stored.table,
                stored.id,
                stored.region,
                dict(stored.values),
                dict(stored.stamps),
                prev_seq=stored.prev_seq,
            )
        losses = merge_columns(state, changes, batch.site_id)
        refusal = judge.refusal(stored, state)
        if refusal:
            return refusal
        judge.accepted(state)
        batch.states[key] = state
        batch.losses.extend(losses)
        return None

    def _write_rows(self, conn: Connection, batch: _Batch) -> None:
        """Store the batch's outcome (for a resend), number the changed rows under
        the writers' lock and write them; only the COMMIT is left to do under
        that lock."""
        dirty = [s for s in batch.states.values() if s.dirty]
        outcome = {"accepted": batch.result.accepted, "rejected": batch.result.rejected}
        record = (
            batch.caller.token_id,
            batch.site_id,
            batch.batch_id,
            batch.digest,
            now_text(),
            jsonfast.dumps_text(outcome),
        )
        if dirty and self.queries.record_and_bump:  # one round trip for both
            ((last,),) = driver_query(
                conn, self.queries.record_and_bump, (*record, len(dirty))
            )
        else:
            driver_query(conn, self.queries.insert_batch, record)
            if dirty:
                ((last,),) = driver_query(conn, self.queries.bump, (len(dirty),))
        if dirty:
            for offset, state in enumerate(dirty):
                state.seq = last - len(dirty) + 1 + offset
            write_rows(conn, self.queries, dirty, batch.site_id)

    def _write_history(self, conn: Connection, batch: _Batch) -> None:
        """Losses kept (once each) and refusals logged."""
        history.write_conflicts(
            conn, self.tables["conflicts"], batch.losses, batch.site_id, batch.batch_id
        )
        history.write_refusals(
            conn,
            self.tables["rejections"],
            batch.result.rejected,
            batch.site_id,
            None if batch.caller.is_admin else batch.caller.scope,
            batch.batch_id,
        )


def merge_columns(
    state: RowState, changes: list[Change], pusher: str
) -> list[history.Loss]:
    """Last write wins per column: apply `changes` (pushed by site `pusher`) to
    `state` in place; return the losses worth keeping."""
    values, stamps = state.values, state.stamps
    losses: list[history.Loss] = []
    if len(changes) > 1:  # oldest first: what a change overwrites stood before it
        changes = sorted(changes, key=lambda c: c.hlc)
    for change in changes:
        hlc = change.hlc
        for name, value in change.row.items():
            current = stamps.get(name)
            if current == hlc:
                continue  # the same write again
            if current is None or hlc > current:  # fixed-width: same as the triple
                if current is not None and values.get(name) != value:
                    loss = history.overwritten(
                        state, name, values.get(name), current, value, hlc
                    )
                    if loss:
                        losses.append(loss)
                values[name] = value
                stamps[name] = hlc
                state.dirty = True
            elif values.get(name) != value:
                loss = history.lost(state, name, value, hlc, pusher)
                if loss:
                    losses.append(loss)
    return losses
