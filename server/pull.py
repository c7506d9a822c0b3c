"""Reading others' writes after a cursor, in the caller's scope."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection

from server.auth import Caller
from server.errors import Malformed
from server.queries import Queries

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

    One statement finds the next `limit` rows across every table (one snapshot, so
    the cursor never passes a commit it did not see); a second fetches their
    columns. A row rewritten in between is sent as it is now and again at its new
    sequence number, which is harmless: applying a change twice is a no-op.
    Columns last written by the caller's own site are left out: it has them (or
    newer), so sending them back would only cost bytes.
    Returns (changes, new cursor sequence, more).
    """
    if caller.is_admin:
        found = conn.execute(queries.next_rows_all, {"after": after, "lim": limit + 1})
    else:
        found = conn.execute(
            queries.next_rows_region,
            {"after": after, "lim": limit + 1, "scope": caller.scope},
        )
    found = found.all()
    more = len(found) > limit
    taken = found[:limit]
    wanted = [
        (name, row_id)
        for name, row_id, _, site in taken
        if not site_id or site != site_id
    ]  # rows only the caller wrote: skip
    by_table: dict[str, list[str]] = {}
    for name, row_id in wanted:
        by_table.setdefault(name, []).append(row_id)
    rows: dict[tuple[str, str], Any] = {}
    for name, ids in by_table.items():
        for start in range(0, len(ids), 1000):
            for row in conn.execute(
                queries.rows_by_id[name], {"ids": ids[start : start + 1000]}
            ).mappings():
                rows[(name, row["id"])] = row
    changes: list[dict[str, Any]] = []
    for name, row_id in wanted:
        changes.extend(row_to_changes(name, rows[(name, row_id)], site_id))
    cursor = taken[-1][2] if taken else after
    return changes, cursor, more


def row_to_changes(table: str, row: Any, skip_site: str = "") -> list[dict[str, Any]]:
    """One wire change per distinct stamp among the row's columns (except
    those stamped by `skip_site`)."""
    groups: dict[str, dict[str, Any]] = {}
    suffix = ":" + skip_site if skip_site else None
    for stamp, cols in json.loads(row["_hlc"] or "{}").items():
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
