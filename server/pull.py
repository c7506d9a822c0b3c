"""Reading others' writes after a cursor, in the caller's scope."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Table, select

from puantaj.core.tables import TABLES
from server.auth import Caller
from server.errors import Malformed
from server.rows import decode_stamps

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


def pull(conn: Connection, tables: dict[str, Table], caller: Caller, after: int,
         limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    """Rows written after sequence `after`, oldest first, as wire changes.

    Run inside one snapshot (REPEATABLE READ on PostgreSQL) so all tables are read
    at the same instant. Returns (changes, new cursor sequence, more).
    """
    fetched: list[tuple[int, str, Any]] = []
    for name in TABLES:
        t = tables[name]
        query = select(t).where(t.c._seq > after)
        if not caller.is_admin:
            query = query.where(t.c.region == caller.scope)
        for row in conn.execute(query.order_by(t.c._seq).limit(limit + 1)).mappings():
            fetched.append((row["_seq"], name, row))
    fetched.sort(key=lambda item: item[0])
    more = len(fetched) > limit
    taken = fetched[:limit]
    changes: list[dict[str, Any]] = []
    for _, name, row in taken:
        changes.extend(row_to_changes(name, row))
    cursor = taken[-1][0] if taken else after
    return changes, cursor, more


def row_to_changes(table: str, row: Any) -> list[dict[str, Any]]:
    """One wire change per distinct stamp among the row's columns."""
    groups: dict[str, dict[str, Any]] = {}
    for col, stamp in decode_stamps(row["_hlc"]).items():
        groups.setdefault(stamp, {})[col] = row[col]
    return [{"table": table, "id": row["id"], "region": row["region"], "hlc": stamp,
             "row": values} for stamp, values in sorted(groups.items())]
