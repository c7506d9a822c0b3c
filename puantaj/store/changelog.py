"""Unsent changes out of the outbox, pulled changes in, per column by HLC."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from puantaj.core import jsonfast
from puantaj.core import stamps as core_stamps
from puantaj.core.changes import Change
from puantaj.core.ddl import q
from puantaj.core.hlc import Stamp
from puantaj.core.tables import TABLES
from puantaj.store.clock import observe, site_id  # noqa: F401 - callers read it here
from puantaj.syncproto import wire
from puantaj.syncproto.apply import apply_changes
from puantaj.syncproto.refusals import PARENTS


@dataclass
class OutboxPage:
    """The outbox entries numbered after `after` up to `top` (`count` of them) and
    their rows' changes in wire form; acknowledged once the server took them."""

    count: int
    top: int
    changes: list[dict]
    after: int = 0


def pending_count(conn: sqlite3.Connection) -> int:
    """Rows with unsent writes (O(unsent): the outbox holds only those)."""
    return conn.execute("SELECT count(*) FROM _outbox").fetchone()[0]


def read_page(conn: sqlite3.Connection, limit: int, after: int = 0) -> OutboxPage:
    """The next `limit` queued rows after entry `after`, each as wire changes
    grouped by column stamp."""
    count, top = conn.execute(
        "SELECT count(*), max(seq) FROM"
        " (SELECT seq FROM _outbox WHERE seq > ? ORDER BY seq LIMIT ?)",
        (after, limit),
    ).fetchone()
    changes: list[dict] = []
    if not count:
        return OutboxPage(0, after, changes, after)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT tbl FROM _outbox WHERE seq > ? AND seq <= ?", (after, top)
        ).fetchall()
    ]
    named: dict[str, set[str]] = defaultdict(set)  # parent table → ids named
    for table in tables:
        spec = TABLES.get(table)
        if spec is None:
            continue  # not a synced table (cannot be queued by the triggers)
        link = PARENTS.get(table)
        for row, position in _queued_rows(
            conn,
            spec,
            # by the page's number range, not the (tbl, row_id) index: the page
            # is a small part of what a table may have queued
            "o.seq > ? AND o.seq <= ? AND +o.tbl = ? ORDER BY o.seq",
            (after, top, table),
        ):
            changes.extend(row_changes(table, row, position))
            if link is not None and row[position[link[0]]]:
                named[link[1]].add(row[position[link[0]]])
    return OutboxPage(count, top, _parents(conn, named, top) + changes, after)


def _queued_rows(conn: sqlite3.Connection, spec, where: str, params: tuple):
    """(row, column positions) of queued rows of `spec`'s table: each row is
    (id, region, _hlc, data columns…)."""
    cols = ", ".join(f"t.{q(c)}" for c in spec.data_columns)
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: this runs for every queued row
    cursor.execute(
        f"SELECT t.id, t.region, t._hlc, {cols} FROM _outbox o"
        f" JOIN {q(spec.name)} t ON t.id = o.row_id WHERE {where}",
        params,
    )
    position = {name: i for i, name in enumerate(spec.data_columns, start=3)}
    return ((row, position) for row in cursor)


def _parents(conn: sqlite3.Connection, named: dict[str, set[str]], top: int):
    """Changes of the parent rows (syncproto.refusals.PARENTS) a page's rows
    name that wait in the outbox past the page: the page carries them, so the
    server never refuses a row as an orphan whose parent is only queued behind
    it (syncproto.wire.queued_parents). Their entries stay queued."""
    changes: list[dict] = []
    for table, ids in named.items():
        for row, position in _queued_rows(
            conn,
            TABLES[table],
            "o.tbl = ? AND o.seq > ? AND o.row_id IN (SELECT value FROM json_each(?))",
            (table, top, jsonfast.dumps_text(sorted(ids))),
        ):
            changes.extend(row_changes(table, row, position))
    return changes


def row_changes(table: str, row: tuple, position: dict[str, int]) -> list[dict]:
    """One wire change per distinct stamp among the row's columns
    (syncproto.wire); `row` is (id, region, _hlc, data columns…) with each
    column at `position[name]`, in `position`'s order."""
    held = jsonfast.loads(row[2] or "{}")
    if len(held) == 1 and core_stamps.EVERY in held:  # a row written once
        values = dict(zip(position, row[3:], strict=True))  # in column order
        return wire.grouped_changes(
            table, row[0], row[1], {held[core_stamps.EVERY]: values}
        )
    stamps = core_stamps.expand(held, position)
    grouped: dict[str, dict[str, object]] = {}
    for name, stamp in stamps.items():
        where = position.get(name)
        if where is not None and stamp:
            grouped.setdefault(stamp, {})[name] = row[where]
    return wire.grouped_changes(table, row[0], row[1], grouped)


def acknowledge(conn: sqlite3.Connection, page: OutboxPage) -> None:
    """Forget the queue entries a page was read from.

    Exact with one range: the page held every entry numbered after `after` up to
    `top`, and an entry made or renumbered since took a number past every one
    handed out before (so past `top`).
    """
    if page.count:
        conn.execute(
            "DELETE FROM _outbox WHERE seq > ? AND seq <= ?", (page.after, page.top)
        )


def apply_remote(
    conn: sqlite3.Connection, changes: list[Change], ties: bool = False
) -> int:
    """Merge pulled changes per column by stamp without queueing them for push.

    `ties`: a value under the same stamp as the one held here wins too (a repair
    takes the server's copy of a write the two ends hold differently). Runs
    inside the caller's transaction. Returns how many rows changed.
    """
    if not changes:
        return 0
    conn.execute("UPDATE _clock SET applying = 1")
    try:
        touched = 0
        by_table: dict[str, list[Change]] = defaultdict(list)
        for change in changes:
            by_table[change.table].append(change)
        for table, items in by_table.items():
            touched += _apply_table(conn, table, items, ties)
        observe(conn, Stamp.parse(max(c.hlc for c in changes)))  # fixed width
    finally:
        conn.execute("UPDATE _clock SET applying = 0")
    return touched


def _apply_table(
    conn: sqlite3.Connection, table: str, changes: list[Change], ties: bool
) -> int:
    ids = jsonfast.dumps_text(list({c.id for c in changes}))
    columns = TABLES[table].data_columns
    current: dict[str, dict] = {
        row[0]: core_stamps.read(row[1], columns)
        for row in conn.execute(
            f"SELECT id, _hlc FROM {q(table)}"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }
    merged, new_rows = apply_changes(current, changes, ties)
    # group rows by the columns they set (in the order they came), so each group
    # is one executemany
    inserts: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
    updates: dict[tuple[str, ...], list[tuple]] = defaultdict(list)

    def dumps(stamps: dict[str, str]) -> str:
        return core_stamps.write(stamps, columns)

    for row_id, (region, values, stamps) in merged.items():
        if not values:
            continue
        if row_id in new_rows:
            inserts[tuple(values)].append(
                (row_id, region, dumps(stamps), *values.values())
            )
        else:
            updates[tuple(values)].append((*values.values(), dumps(stamps), row_id))
    for names, rows in inserts.items():
        cols = ", ".join(["id", "region", "_hlc", *(q(n) for n in names)])
        marks = ",".join("?" * (len(names) + 3))
        conn.executemany(f"INSERT INTO {q(table)} ({cols}) VALUES ({marks})", rows)
    for names, rows in updates.items():
        sets = ", ".join(f"{q(n)} = ?" for n in names)
        conn.executemany(f"UPDATE {q(table)} SET {sets}, _hlc = ? WHERE id = ?", rows)
    return sum(len(r) for r in inserts.values()) + sum(len(r) for r in updates.values())


def get_state(conn: sqlite3.Connection, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM _sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row and row[0] is not None else default


def set_state(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO _sync_state (key, value) VALUES (?, ?) ON CONFLICT (key)"
        " DO UPDATE SET value = excluded.value",
        (key, value),
    )


def requeue_all(conn: sqlite3.Connection) -> int:
    """Queue every row for push again (a resync); returns how many."""
    total = 0
    for table in TABLES:
        total += conn.execute(
            "INSERT INTO _outbox (seq, tbl, row_id)"
            " SELECT (SELECT outbox_seq FROM _clock) + row_number() OVER (),"
            f" '{table}', id FROM {q(table)} WHERE true"
            " ON CONFLICT (tbl, row_id) DO UPDATE SET seq = excluded.seq"
        ).rowcount
        conn.execute(
            "UPDATE _clock SET outbox_seq ="
            " max(outbox_seq, (SELECT coalesce(max(seq), 0) FROM _outbox))"
        )
    return total
