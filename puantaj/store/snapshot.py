"""Taking a server snapshot (a SQLite file of the scope) into this file.

A first sync bootstraps from the file instead of pulling every row as JSON:
rows new here are copied table by table inside SQLite, rows held here already
are merged per column by stamp exactly as a pull would merge them, and the
cursor moves to the one the snapshot corresponds to. It is one transaction:
killed half-way, the file is as it was and the next run starts again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from puantaj.core import jsonfast
from puantaj.core.ddl import q
from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES
from puantaj.store import changelog, refusals
from puantaj.store.clock import observe
from puantaj.store.engine import transaction
from puantaj.syncproto.wire import row_changes

HELD_PAGE = 2000


def take(conn: sqlite3.Connection, path: Path, cursor: str, scope: str) -> int:
    """Take the snapshot at `path` in, in one transaction; returns how many
    rows it added or changed here."""
    conn.execute("ATTACH DATABASE ? AS snap", (str(path),))  # not inside BEGIN
    try:
        with transaction(conn):
            taken = sum(
                _take_table(conn, name, spec.data_columns)
                for name, spec in TABLES.items()
            )
            newest = conn.execute("SELECT ms, counter FROM snap._clock").fetchone()
            observe(conn, Stamp(int(newest[0]), int(newest[1]), ""))
            changelog.set_state(conn, "cursor", cursor)
            changelog.set_state(conn, "scope", scope)
            if taken:
                refusals.retry(conn)  # a month held here as locked may be open now
        return taken
    finally:
        conn.execute("DETACH DATABASE snap")


def _take_table(conn: sqlite3.Connection, name: str, columns: tuple[str, ...]) -> int:
    table = q(name)
    names = ", ".join(q(c) for c in ("id", "region", *columns, "_hlc"))
    # rows this file holds already (typed here before the first sync, or all of
    # them in a file restored from a backup): merged as pulled changes, so the
    # newer value of each column stays; a page at a time
    merged, after = 0, 0
    while page := conn.execute(
        f"SELECT rowid, {names} FROM snap.{table} WHERE rowid > ?"
        f" AND id IN (SELECT id FROM main.{table}) ORDER BY rowid LIMIT ?",
        (after, HELD_PAGE),
    ).fetchall():
        after = page[-1][0]
        changes = []
        for _, row_id, region, *values, stamps_text in page:
            groups: dict[str, list[str]] = {}
            for column, stamp in jsonfast.loads(stamps_text or "{}").items():
                groups.setdefault(stamp, []).append(column)
            values_by_column = dict(zip(columns, values, strict=True))
            changes.extend(row_changes(name, row_id, region, groups, values_by_column))
        merged += changelog.apply_remote(conn, refusals.take(conn, changes))
    # the rest is new here: copied inside SQLite
    conn.execute("UPDATE _clock SET applying = 1")  # pulled rows: not queued
    try:
        return (
            merged
            + conn.execute(
                f"INSERT INTO main.{table} ({names}) SELECT {names} FROM snap.{table}"
                f" WHERE id NOT IN (SELECT id FROM main.{table})"
            ).rowcount
        )
    finally:
        conn.execute("UPDATE _clock SET applying = 0")
