"""Building the merged database of a scope as a SQLite file: in the desktop
schema (a download that opens in the app), or as a snapshot of bare rows that a
desktop takes in on its first sync (README, DESIGN.md extensions)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import Connection, Table, select

from puantaj.core import desktop_schema
from puantaj.core.ddl import q
from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES
from server.auth import Caller
from server.queries import in_scope
from server.rows import decode_stamps

CHUNK = 2000


def build_download(
    conn: Connection, tables: dict[str, Table], caller: Caller, path: Path, cursor: str
) -> dict[str, int]:
    """Write the rows in scope to a new SQLite file at `path`, chunk by chunk.

    The file opens in the desktop app (its schema version is set) and its sync
    cursor is the server's, so a desktop started on it only pulls what is newer.
    """
    out = sqlite3.connect(str(path), isolation_level=None)
    counts: dict[str, int] = {}
    try:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("BEGIN")
        desktop_schema.build(out)
        out.execute("UPDATE _clock SET site_id = ?, applying = 1", (str(uuid.uuid4()),))
        newest = Stamp(0, 0, "")
        for name, spec in TABLES.items():
            counts[name], top = _copy_table(
                conn, tables[name], caller, out, spec.data_columns
            )
            newest = max(newest, top)
        # the file's clock starts past every stamp in it (DESIGN.md §3), not at 0
        out.execute(
            "UPDATE _clock SET applying = 0, ms = ?, counter = ?,"
            " floor_ms = ?, floor_counter = ?",
            (newest.ms, newest.counter, newest.ms, newest.counter),
        )
        out.executemany(
            "INSERT INTO _sync_state (key, value) VALUES (?, ?)",
            # a new site, expected to open without a site marker
            [("cursor", cursor), (desktop_schema.FRESH_FILE, "1")],
        )
        out.execute("COMMIT")
    finally:
        out.close()
    return counts


def _copy_table(
    conn: Connection,
    table: Table,
    caller: Caller,
    out: sqlite3.Connection,
    columns: tuple[str, ...],
) -> tuple[int, Stamp]:
    query = select(table).order_by(table.c._seq)
    if not caller.is_admin:
        query = query.where(in_scope(table.name, table, caller.scope))
    names = ["id", "region", *columns, "_hlc"]
    sql = (
        f"INSERT INTO {q(table.name)} ({', '.join(q(n) for n in names)}) "
        f"VALUES ({','.join('?' * len(names))})"
    )
    count = 0
    newest = ""
    result = conn.execution_options(yield_per=CHUNK).execute(query).mappings()
    for chunk in result.partitions(CHUNK):
        rows = []
        for row in chunk:
            stamps = decode_stamps(row["_hlc"])
            newest = max(newest, *stamps.values()) if stamps else newest
            rows.append(
                [
                    row["id"],
                    row["region"],
                    *(row[c] for c in columns),
                    json.dumps(stamps),
                ]
            )
        out.executemany(sql, rows)
        count += len(chunk)
    # fixed-width stamps: the greatest string is the newest
    return count, Stamp.parse(newest) if newest else Stamp(0, 0, "")


SNAPSHOT_FORMAT = "1"


def build_snapshot(
    conn: Connection, tables: dict[str, Table], caller: Caller, path: Path, cursor: str
) -> dict[str, int]:
    """Write the rows in scope to a new SQLite file at `path`: per synced table
    its columns and the stamps as the server stores them ({stamp: [columns]}),
    with no keys or indexes, and a `_snapshot` table naming the format, cursor
    and scope. Rows pass through untouched (no per-row work here); the desktop
    regroups the stamps inside SQLite as it takes them in."""
    out = sqlite3.connect(str(path), isolation_level=None)
    counts: dict[str, int] = {}
    try:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("BEGIN")
        out.execute("CREATE TABLE _snapshot (key TEXT PRIMARY KEY, value TEXT)")
        out.executemany(
            "INSERT INTO _snapshot (key, value) VALUES (?, ?)",
            [("format", SNAPSHOT_FORMAT), ("cursor", cursor), ("scope", caller.scope)],
        )
        for name, spec in TABLES.items():
            table = tables[name]
            names = ["id", "region", *spec.data_columns, "_hlc"]
            out.execute(f"CREATE TABLE {q(name)} ({', '.join(q(n) for n in names)})")
            query = select(*(table.c[n] for n in names)).order_by(table.c._seq)
            if not caller.is_admin:
                query = query.where(in_scope(name, table, caller.scope))
            sql = f"INSERT INTO {q(name)} VALUES ({','.join('?' * len(names))})"
            result = conn.execution_options(yield_per=CHUNK).execute(query)
            counts[name] = 0
            for chunk in result.partitions(CHUNK):
                out.executemany(sql, chunk)
                counts[name] += len(chunk)
        out.execute("COMMIT")
    finally:
        out.close()
    return counts
