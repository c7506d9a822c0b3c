"""Reading others' writes after a cursor, in the caller's scope."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection

from puantaj.core import jsonfast
from server.auth import Caller
from server.errors import Malformed
from server.queries import Queries
from server.rows import fetch_rows

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
    `limit` of them across every table, leaving
    out rows whose every column the caller's own site wrote (it has them); a second
    fetches their columns. When fewer than `limit` were found, the cursor moves to
    the counter value, past the skipped rows. A row rewritten in between is sent
    as it is now and again at its new number, which is harmless: applying a
    change twice is a no-op. Returns (changes, new cursor sequence, more).
    """
    params = {"after": after, "site": site_id, "lim": limit + 1}
    if caller.is_admin:
        found = conn.execute(queries.next_rows_all, params).all()
    else:
        params["scope"] = caller.scope
        found = conn.execute(queries.next_rows_region, params).all()
    top = next(seq for name, _, seq in found if name == "")
    found = [row for row in found if row[0] != ""]
    more = len(found) > limit
    taken = found[:limit]
    by_table: dict[str, list[str]] = {}
    for name, row_id, _ in taken:
        by_table.setdefault(name, []).append(row_id)
    changes: list[dict[str, Any]] = []
    for name, ids in by_table.items():
        columns = queries.row_columns[name]
        for row in fetch_rows(conn, queries, queries.rows_by_id, name, ids):
            changes.extend(
                row_to_changes(name, dict(zip(columns, row, strict=True)), site_id)
            )
    cursor = taken[-1][2] if more else max(top, after)
    return changes, cursor, more


def row_to_changes(table: str, row: Any, skip_site: str = "") -> list[dict[str, Any]]:
    """One wire change per distinct stamp among the row's columns (except
    those stamped by `skip_site`)."""
    groups: dict[str, dict[str, Any]] = {}
    suffix = ":" + skip_site if skip_site else None
    for stamp, cols in jsonfast.loads(row["_hlc"] or "{}").items():
        if suffix and stamp.endswith(suffix):
            continue
        groups[stamp] = {col: row[col] for col in cols}
    return [
        {
            "table": table,
            "id": row["id"],
            "region": row["region"],
            "hlc": stamp,
            "row": values,
        }
        for stamp, values in sorted(groups.items())
    ]


def fetch_changes(
    conn: Connection, queries: Queries, caller: Caller, keys: set[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The rows named by (table, id), in the caller's scope, as wire changes
    with every column (a repair: nothing is left out as the caller's own)."""
    by_table: dict[str, list[str]] = {}
    for name, row_id in keys:
        if name in queries.row_columns:
            by_table.setdefault(name, []).append(row_id)
    changes: list[dict[str, Any]] = []
    for name, ids in by_table.items():
        columns = queries.row_columns[name]
        for row in fetch_rows(conn, queries, queries.rows_by_id, name, ids):
            found = dict(zip(columns, row, strict=True))
            if caller.can_see(found["region"]):
                changes.extend(row_to_changes(name, found))
    return changes
