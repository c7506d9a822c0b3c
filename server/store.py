"""The protocol's storage on SQLite and PostgreSQL: one caller, one transaction.

Implements puantaj.syncproto.storage.ServerStore for the rules in syncproto's
push and pull. Rows a batch touches are row-locked as they are read (FOR UPDATE
on PostgreSQL; SQLite's BEGIN IMMEDIATE lock covers it). Numbering takes the
writers' lock — the `sync_counter` row, bumped with RETURNING — which is held
until COMMIT, so sequence numbers are handed out in commit order: a reader that
has seen number N has seen every commit before the one that took N + 1. Only
the writes and the commit happen under it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection

from puantaj.core import jsonfast
from puantaj.syncproto.batch import Batch
from puantaj.syncproto.rows import Key, RowState
from puantaj.syncproto.storage import StoredRow
from server import history
from server.auth import Caller, now_text
from server.queries import Queries
from server.rows import driver_query, fetch_rows, load_rows, write_rows


class SqlStore:
    """The synced tables and their bookkeeping, as `caller` sees them in the
    transaction of `conn`."""

    def __init__(self, conn: Connection, queries: Queries, caller: Caller) -> None:
        self.conn = conn
        self.queries = queries
        self.caller = caller

    def prior_outcome(self, site_id: str, batch_id: str) -> tuple[str, dict] | None:
        found = driver_query(
            self.conn,
            self.queries.prior_batch,
            (self.caller.token_id, site_id, batch_id),
        )
        if not found:
            return None
        digest, result = found[0]
        return digest, json.loads(result)

    def load_rows(self, keys: set[Key]) -> dict[Key, RowState]:
        return load_rows(self.conn, self.queries, keys)

    def parent_regions(self, wanted: dict[str, set[str]]) -> dict[Key, str]:
        found: dict[Key, str] = {}
        statements = self.queries.regions_by_id
        for parent, ids in wanted.items():
            for row_id, region in fetch_rows(
                self.conn, self.queries, statements, parent, ids
            ):
                found[(parent, row_id)] = region
        return found

    def locked_months(self) -> set[tuple[str, str]]:
        rows = self.conn.execute(self.queries.locked_months)
        return {(r.region, r.month) for r in rows}

    def keep_history(self, batch: Batch, batch_id: str) -> None:
        tables = self.queries.tables
        history.write_conflicts(
            self.conn, tables["conflicts"], batch.losses, batch.site_id, batch_id
        )
        history.write_refusals(
            self.conn,
            tables["rejections"],
            batch.result.rejected,
            batch.site_id,
            None if self.caller.is_admin else self.caller.scope,
            batch_id,
        )

    def write_rows(self, batch: Batch, batch_id: str, digest: str) -> None:
        """Store the outcome (for a resend), number the changed rows under the
        writers' lock and write them; only the COMMIT is left under that lock."""
        conn, queries = self.conn, self.queries
        dirty = batch.dirty
        result = batch.result
        outcome = {"accepted": result.accepted, "rejected": result.rejected}
        record = (
            self.caller.token_id,
            batch.site_id,
            batch_id,
            digest,
            now_text(),
            jsonfast.dumps_text(outcome),
        )
        if dirty and queries.record_and_bump:  # one round trip for both
            ((last,),) = driver_query(
                conn, queries.record_and_bump, (*record, len(dirty))
            )
        else:
            driver_query(conn, queries.insert_batch, record)
            if dirty:
                ((last,),) = driver_query(conn, queries.bump, (len(dirty),))
        if dirty:
            for offset, state in enumerate(dirty):
                state.seq = last - len(dirty) + 1 + offset
            write_rows(conn, queries, dirty, batch.site_id)

    def rows_after(
        self, after: int, limit: int, site_id: str
    ) -> tuple[list[tuple[str, str, int]], int]:
        # the SQL form of syncproto.pull.is_sent (tests/server/test_store.py
        # checks the two agree): the rows are counted in the statement
        params: dict[str, Any] = {"after": after, "site": site_id, "lim": limit}
        found: Any  # result rows: (table, id, seq), the last one ("", "", counter)
        if self.caller.is_admin:
            found = self.conn.execute(self.queries.next_rows_all, params).all()
        else:
            params["scope"] = self.caller.scope
            found = self.conn.execute(self.queries.next_rows_region, params).all()
        rows: list[tuple[str, str, int]] = []
        top = 0
        for name, row_id, seq in found:
            if name == "":  # the counter's value, read in the same statement
                top = int(seq)
            else:
                rows.append((str(name), str(row_id), int(seq)))
        return rows, top

    def fetch_rows(self, table: str, ids: list[str]) -> Iterator[StoredRow]:
        columns = self.queries.row_columns[table]
        loads = jsonfast.loads
        for row in fetch_rows(
            self.conn, self.queries, self.queries.rows_by_id, table, ids
        ):
            values = dict(zip(columns, row, strict=True))
            yield row[0], row[1], loads(values["_hlc"] or "{}"), values
