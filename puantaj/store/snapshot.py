"""Taking a server snapshot (a SQLite file of the scope's rows) into this file.

A first sync bootstraps from the file instead of pulling every row as JSON.
The file holds, per synced table, its columns and the row's stamps: the one
stamp of a row written at once (`_stamp`), else the stamps as the server keeps
them (`_hlc`, {stamp: [columns]}); no keys or indexes (server/download.py).
Rows new here are copied table by table inside SQLite, their stamps put in
this file's form (core.stamps) as they go; rows held here already are merged
per column by stamp exactly as a pull would merge them; the clock moves past
every stamp taken and the cursor to the one the snapshot corresponds to. It is one transaction:
killed half-way, the file is as it was and the next run starts again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from puantaj.core import ddl, jsonfast
from puantaj.core import stamps as core_stamps
from puantaj.core.ddl import q
from puantaj.core.hlc import SITE_RE, Stamp
from puantaj.core.tables import TABLES
from puantaj.errors import PuantajError
from puantaj.store import changelog, refusals
from puantaj.store.clock import observe
from puantaj.store.engine import transaction
from puantaj.syncproto.wire import row_changes

FORMAT = "2"
HELD_PAGE = 2000
# the server's {stamp: [columns]} as this file keeps it, {column: stamp}
_REGROUP = (
    "(SELECT json_group_object(c.value, s.key)"
    " FROM json_each(t._hlc) AS s, json_each(s.value) AS c)"
)


# a snapshot row's stamps in this file's form (core.stamps): the one stamp of
# a row written at once (`_stamp`) as it is, else its groups (`_hlc`) regrouped
_STAMPS = (
    f"CASE WHEN t._stamp IS NULL THEN {_REGROUP}"
    f" ELSE json_object('{core_stamps.EVERY}', t._stamp) END"
)


class NotTakable(PuantajError):
    """A snapshot written for other tables or columns than this version's."""


def take(conn: sqlite3.Connection, path: Path, cursor: str, scope: str) -> int:
    """Take the snapshot at `path` in, in one transaction; returns how many
    rows it added or changed here. Raises NotTakable, leaving the file as it
    was, when its tables are not this version's."""
    conn.execute("ATTACH DATABASE ? AS snap", (str(path),))  # not inside BEGIN
    try:
        _check_layout(conn)
        _check_rows(conn)
        with transaction(conn):
            taken = 0
            newest = ""
            for name, spec in TABLES.items():
                taken += _take_table(conn, name, spec.data_columns)
                for (top,) in conn.execute(
                    f"SELECT max(t._stamp) FROM snap.{q(name)} AS t UNION ALL"
                    f" SELECT max(s.key) FROM snap.{q(name)} AS t, json_each(t._hlc) AS s"
                    "  WHERE t._stamp IS NULL"
                ).fetchall():
                    newest = max(newest, top or "")  # fixed width: greatest is newest
            if newest:  # the clock starts past every stamp taken (DESIGN.md §3)
                observe(conn, Stamp.parse(newest))
            changelog.set_state(conn, "cursor", cursor)
            changelog.set_state(conn, "scope", scope)
            if taken:
                refusals.retry(conn)  # a month held here as locked may be open now
        return taken
    finally:
        conn.execute("DETACH DATABASE snap")


def _check_rows(conn: sqlite3.Connection) -> None:
    """Rows the desktop's own workings could not take make the whole file
    NotTakable, and the first sync pulls instead (where each change is judged,
    and one refused kept aside with its reason, as in any pull): an id or
    region sync would refuse, a required value missing, a stamp that is none.
    Values are the server's, each judged by the same rules when it was pushed;
    judging each again here would cost as much as pulling (5 µs a row)."""
    for name, spec in TABLES.items():
        table = q(name)
        required = " OR ".join(
            f"t.{q(c.name)} IS NULL OR t.{q(c.name)} = ''"
            for c in spec.columns
            if c.required
        )
        columns = ", ".join(f"'{c}'" for c in spec.data_columns)
        bad = conn.execute(
            f"SELECT t.id FROM snap.{table} AS t WHERE {ddl.key_problem('t')}"
            f" OR {required or '0'}"
            f" OR (t._stamp IS NOT NULL AND ({_stamp_problem('t._stamp', site=False)}))"
            " OR (t._stamp IS NULL AND (NOT json_valid(t._hlc)"
            "  OR json_type(t._hlc) <> 'object' OR EXISTS (SELECT 1 FROM"
            f"  json_each(t._hlc) AS s WHERE {_stamp_problem('s.key')}"
            "   OR s.type <> 'array' OR EXISTS (SELECT 1 FROM json_each(s.value)"
            f"   AS c WHERE c.value NOT IN ({columns})))))"
            " LIMIT 1"
        ).fetchone()
        if bad is not None:
            raise NotTakable(
                f"snapshot row {name} {str(bad[0])[:40]!r} would be refused"
            )
        # a stamp's site: few distinct ones, judged here
        for (site,) in conn.execute(
            f"SELECT DISTINCT substr(_stamp, 21) FROM snap.{table}"
            " WHERE _stamp IS NOT NULL"
        ):
            if not SITE_RE.fullmatch(site):
                raise NotTakable(f"snapshot of {name}: a stamp's site {site[:70]!r}")


_STAMP_HEAD = "[0-9]" * 13 + ":" + "[0-9]" * 5 + ":"  # a stamp's time and counter


def _stamp_problem(stamp: str, site: bool = True) -> str:
    """An SQL condition true when `stamp` is not a stamp (core.hlc.STAMP_RE);
    without `site`, its site id is left to be judged apart."""
    head = (
        f"typeof({stamp}) <> 'text' OR length({stamp}) > 84"
        f" OR {stamp} NOT GLOB '{_STAMP_HEAD}?*'"
    )
    return f"{head} OR substr({stamp}, 21) GLOB '*[^A-Za-z0-9_.-]*'" if site else head


def _check_layout(conn: sqlite3.Connection) -> None:
    found = dict(conn.execute("SELECT key, value FROM snap._snapshot").fetchall())
    if found.get("format") != FORMAT:
        raise NotTakable(f"snapshot format {found.get('format')!r}, not {FORMAT}")
    for name, spec in TABLES.items():
        columns = [r[1] for r in conn.execute(f"PRAGMA snap.table_info({q(name)})")]
        if columns != ["id", "region", *spec.data_columns, "_hlc", "_stamp"]:
            raise NotTakable(f"snapshot table {name} has other columns: {columns}")


def _take_table(conn: sqlite3.Connection, name: str, columns: tuple[str, ...]) -> int:
    table = q(name)
    if conn.execute(f"SELECT 1 FROM snap.{table} LIMIT 1").fetchone() is None:
        return 0  # nothing to take (the ids below would be listed for nothing)
    names = ", ".join(q(c) for c in ("id", "region", *columns))
    # rows this file holds already (typed here before the first sync, or all of
    # them in a file restored from a backup): merged as pulled changes, so the
    # newer value of each column stays; a page at a time
    merged, after = 0, 0
    while page := conn.execute(
        f"SELECT rowid, {names}, _hlc, _stamp FROM snap.{table} WHERE rowid > ?"
        f" AND id IN (SELECT id FROM main.{table}) ORDER BY rowid LIMIT ?",
        (after, HELD_PAGE),
    ).fetchall():
        after = page[-1][0]
        changes = []
        for _, row_id, region, *values, stamps, stamp in page:
            by_column = dict(zip(columns, values, strict=True))
            groups = {stamp: list(columns)} if stamp else jsonfast.loads(stamps or "{}")
            changes.extend(row_changes(name, row_id, region, groups, by_column))
        merged += changelog.apply_remote(conn, refusals.take(conn, changes))
    # the rest is new here: copied inside SQLite; into an empty table its
    # indexes are built once afterwards, faster than row by row, and its
    # triggers (which pulled rows skip) are not asked about each row
    empty = conn.execute(f"SELECT 1 FROM main.{table} LIMIT 1").fetchone() is None
    rebuilt = _set_aside(conn, name) if empty else []
    conn.execute("UPDATE _clock SET applying = 1")  # pulled rows: not queued
    try:
        added = conn.execute(
            f"INSERT INTO main.{table} ({names}, _hlc)"
            f" SELECT {names}, {_STAMPS} FROM snap.{table} AS t"
            f" WHERE id NOT IN (SELECT id FROM main.{table})"
        ).rowcount
    finally:
        conn.execute("UPDATE _clock SET applying = 0")
    for sql in rebuilt:
        conn.execute(sql)
    return merged + added


def _set_aside(conn: sqlite3.Connection, table: str) -> list[str]:
    """Drop the table's own (non-key) indexes and its triggers; returns the SQL
    that makes them again. In the caller's transaction, which holds the write
    lock: no other write sees the table without them, and a failure puts them
    back."""
    made = conn.execute(
        "SELECT type, name, sql FROM main.sqlite_master WHERE tbl_name = ?"
        " AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for kind, name, _ in made:
        conn.execute(f"DROP {kind.upper()} main.{q(name)}")
    return [sql for _, _, sql in made]
