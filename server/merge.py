"""Applying a pushed batch: per-column last-write-wins, refusals, conflict history.

A batch is one transaction. It row-locks the rows it touches, merges them, and
only then takes the writers' lock — the `sync_counter` row, bumped with
RETURNING (on SQLite the BEGIN IMMEDIATE lock) — to number the rows it writes.
That lock is held until COMMIT, so sequence numbers are handed out in commit
order: a reader that has seen number N has seen every commit before the one
that took N + 1. Only the writes and the commit happen under it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from puantaj.core import jsonfast
from puantaj.core.changes import Change, ChangeError, parse_change
from puantaj.core.hlc import HybridClock, Stamp
from server.auth import Caller, now_text
from server.queries import Queries
from server.rows import RowState, driver_query, load_rows, site_of, write_rows

LOCKED = "locked"


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
    states: dict[tuple[str, str], RowState]
    locks: set[tuple[str, str]]
    result: PushResult = field(default_factory=PushResult)
    conflicts: list[dict] = field(default_factory=list)

    def refuse(self, raw: Any, reason: str, detail: str) -> None:
        raw = raw if isinstance(raw, dict) else {}
        self.result.rejected.append(
            {
                "table": str(raw.get("table", ""))[:40],
                "id": str(raw.get("id", ""))[:64],
                "region": str(raw.get("region", ""))[:64],
                "reason": reason,
                "detail": detail[:300],
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
    ) -> PushResult:
        """Apply a batch inside the caller's transaction; the same batch_id twice is a no-op.

        `before_numbering` runs once the outcome is known and the history is
        written, before the writers' lock is taken: whatever it writes does not
        lengthen the time other batches wait for that lock.
        """
        # validation needs no lock: do it before serialising on the counter
        batch = _Batch(caller, site_id, batch_id, {}, set())
        parsed: list[tuple[Any, Change]] = []
        limit_ms = self.clock.physical_ms() + self.clock_ahead_ms
        for raw in changes:
            try:
                change = parse_change(raw)
            except ChangeError as exc:
                batch.refuse(raw, exc.reason, str(exc))
                continue
            if not caller.can_see(change.region):
                batch.refuse(
                    raw,
                    "region_forbidden",
                    f"token is for {caller.scope}, row is in {change.region}",
                )
            elif int(change.hlc[:13]) > limit_ms:  # validated: 13 digits of ms
                batch.refuse(raw, "clock_ahead", "stamp is more than 5 minutes ahead")
            else:
                parsed.append((raw, change))
        prior = driver_query(conn, self.queries.prior_batch, (batch_id,))
        if prior:
            result = PushResult(**json.loads(prior[0][0]))
            before_numbering(result)
            return result
        batch.states = load_rows(
            conn, self.queries, {(c.table, c.id) for _, c in parsed}
        )
        if not caller.is_admin and any(
            c.table in ("timesheets", "reports") for _, c in parsed
        ):
            batch.locks = self._locked_months(conn)
        for raw, change in parsed:
            reason = self._refusal(batch, change)
            if reason:
                batch.refuse(raw, *reason)
                continue
            self._merge(batch, change)
        if parsed:
            # fixed-width stamps: the greatest string is the greatest triple
            self.clock.observe(Stamp.parse(max(c.hlc for _, c in parsed)))
        self._write_history(conn, batch)
        before_numbering(batch.result)
        self._write_rows(conn, batch)
        return batch.result

    def _locked_months(self, conn: Connection) -> set[tuple[str, str]]:
        rows = conn.execute(self.queries.locked_months)
        return {(r.region, r.month) for r in rows}

    def _refusal(self, batch: _Batch, change: Change) -> tuple[str, str] | None:
        state = batch.states.get((change.table, change.id))
        if state is not None and state.region != change.region:
            return ("invalid_row", f"region is fixed: row is in {state.region}")
        if batch.caller.is_admin:
            return None
        current = state.values if state else {}
        if change.table == "timesheets":
            day = change.row.get("work_date") or current.get("work_date") or ""
            if (change.region, day[:7]) in batch.locks:
                return ("period_locked", f"{change.region} {day[:7]} is locked")
        if change.table == "reports":
            if current.get("status") == LOCKED:
                return ("period_locked", "the month is locked; ask an admin")
            if change.row.get("status") in ("approved", LOCKED):
                return ("region_forbidden", "only an admin can approve or lock a month")
        if change.table == "users" and change.row.get("role") == "admin":
            return ("region_forbidden", "a region token cannot create admins")
        return None

    def _merge(self, batch: _Batch, change: Change) -> None:
        key = (change.table, change.id)
        state = batch.states.get(key)
        if state is None:
            # a row the server has never seen: every column simply takes the value
            batch.states[key] = RowState(
                change.table,
                change.id,
                change.region,
                dict(change.row),
                dict.fromkeys(change.row, change.hlc),
                is_new=True,
                dirty=True,
            )
            batch.result.accepted += 1
            return
        for name, value in change.row.items():
            current = state.stamps.get(name)
            if current == change.hlc:
                continue  # the same write again
            old = state.values.get(name)
            if current is None or change.hlc > current:  # fixed-width: same as triple
                if (
                    current is not None
                    and old != value
                    and site_of(current) != site_of(change.hlc)
                ):
                    batch.conflicts.append(
                        _conflict(
                            batch,
                            state,
                            name,
                            "overwritten",
                            old,
                            current,
                            value,
                            change.hlc,
                        )
                    )
                state.values[name] = value
                state.stamps[name] = change.hlc
                state.dirty = True
            elif old != value:
                batch.conflicts.append(
                    _conflict(
                        batch, state, name, "lost", value, change.hlc, old, current
                    )
                )
        batch.result.accepted += 1

    def _write_rows(self, conn: Connection, batch: _Batch) -> None:
        """Store the batch's outcome (for a resend), number the changed rows under
        the writers' lock and write them; only the COMMIT is left to do under
        that lock."""
        dirty = [s for s in batch.states.values() if s.dirty]
        outcome = {"accepted": batch.result.accepted, "rejected": batch.result.rejected}
        record = (
            batch.batch_id,
            batch.site_id,
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
        """Conflicts kept and refusals."""
        now = now_text()
        if batch.conflicts:
            conn.execute(
                self.tables["conflicts"].insert(),
                [{**c, "recorded_at": now} for c in batch.conflicts],
            )
        if batch.result.rejected:
            conn.execute(
                self.tables["rejections"].insert(),
                [
                    {
                        "site_id": batch.site_id,
                        "region": (r["region"] or "*")
                        if batch.caller.is_admin
                        else batch.caller.scope,
                        "tbl": r["table"],
                        "row_id": r["id"],
                        "reason": r["reason"],
                        "detail": r["detail"],
                        "batch_id": batch.batch_id,
                        "at": now,
                    }
                    for r in batch.result.rejected
                ],
            )


def _conflict(
    batch: _Batch,
    state: RowState,
    column: str,
    kind: str,
    value: Any,
    value_hlc: str,
    winner: Any,
    winner_hlc: str,
) -> dict:
    return {
        "tbl": state.table,
        "row_id": state.id,
        "region": state.region,
        "column_name": column,
        "kind": kind,
        "value": json.dumps(value),
        "value_hlc": value_hlc,
        "winner": json.dumps(winner),
        "winner_hlc": winner_hlc,
        "site_id": batch.site_id,
        "batch_id": batch.batch_id,
    }
