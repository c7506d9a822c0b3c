"""Digests of the rows in a caller's scope, as of the caller's cursor.

Rows numbered after the cursor are left out and named (the caller has not
pulled them yet), and so are the rows the caller names (its unsent or refused
ones): what remains is what both ends must hold alike.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, select

from puantaj.core.tables import TABLES
from puantaj.syncproto.digest import ScopeDigest
from server.auth import Caller
from server.queries import in_scope
from server.rows import decode_stamps

CHUNK = 5000


def scope_digest(
    conn: Connection,
    tables: dict[str, Table],
    caller: Caller,
    after: int,
    exclude: set[tuple[str, str]],
    rows_of: set[tuple[str, str]],
) -> tuple[ScopeDigest, list[list[str]]]:
    """Digests per (region, table) of the rows numbered up to `after`, and the
    [table, id] of rows numbered after it. Row digests are kept for the
    (region, table) pairs in `rows_of`."""
    digest = ScopeDigest()
    later: list[list[str]] = []
    for name in TABLES:
        table = tables[name]
        query = select(table)
        if not caller.is_admin:
            query = query.where(in_scope(name, table, caller.scope))
        result = conn.execution_options(yield_per=CHUNK).execute(query).mappings()
        for chunk in result.partitions(CHUNK):
            for row in chunk:
                if row["_seq"] > after:
                    later.append([name, row["id"]])
                    continue
                if (name, row["id"]) in exclude:
                    continue
                region = row["region"]
                digest.add_row(
                    name,
                    region,
                    row["id"],
                    dict(row),
                    decode_stamps(row["_hlc"]),
                    keep_rows=(region, name) in rows_of,
                )
    return digest, later
