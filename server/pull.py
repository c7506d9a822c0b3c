"""Reading others' writes after a cursor, in the caller's scope, over the SQL store.

Cursors are made and read here; what a pull sends is puantaj/syncproto/pull.py.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection

from puantaj.core.tables import can_read
from puantaj.syncproto import pull as protocol
from puantaj.syncproto import wire
from server.auth import Caller
from server.errors import Malformed
from server.queries import Queries
from server.store import SqlStore

_CURSOR_RE = re.compile(r"^v1:(\d{1,18})$")


def parse_cursor(cursor: object) -> int:
    if cursor in (None, ""):
        return 0
    match = _CURSOR_RE.match(cursor) if isinstance(cursor, str) else None
    if not match:
        raise Malformed("cursor: not a cursor this server gave out")
    return int(match.group(1))


def make_cursor(seq: int) -> str:
    return f"v1:{seq}"


def pull(
    conn: Connection,
    queries: Queries,
    caller: Caller,
    after: int,
    limit: int,
    site_id: str = "",
) -> tuple[list[dict[str, Any]], int, bool]:
    """Rows written after sequence `after`, oldest first, as wire changes.

    One statement reads the counter and the rows numbered up to it: every number
    up to the counter's committed value belongs to a committed transaction (the
    counter row is held until COMMIT), so those rows are all visible in the
    statement's snapshot and no later commit can add one. It finds the next
    `limit` of them across every table, leaving out the rows a pull does not
    send the caller; a second fetches their columns. When fewer than `limit`
    were found, the cursor moves to the counter value, past the skipped rows. A
    row rewritten in between is sent as it is now and again at its new number,
    which is harmless: applying a change twice is a no-op. Returns (changes, new
    cursor sequence, more).
    """
    return protocol.pull(SqlStore(conn, queries, caller), after, limit, site_id)


def fetch_changes(
    conn: Connection, queries: Queries, caller: Caller, keys: set[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The rows named by (table, id), in the caller's scope, as wire changes
    with every column (a repair: nothing is left out as the caller's own)."""
    by_table: dict[str, list[str]] = {}
    for name, row_id in keys:
        if name in queries.row_columns:
            by_table.setdefault(name, []).append(row_id)
    store = SqlStore(conn, queries, caller)
    changes: list[dict[str, Any]] = []
    for name, ids in by_table.items():
        for row_id, region, groups, values in store.fetch_rows(name, ids):
            if can_read(caller.scope, name, region):
                changes.extend(wire.row_changes(name, row_id, region, groups, values))
    return changes
