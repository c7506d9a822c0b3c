"""Versioned steps of the desktop SQLite schema, as data over any `execute`.

Pure: each step only calls `conn.execute`/`executemany` on the connection it is
given, so the desktop store migrates with them and the server builds its
download in the same schema.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from puantaj.core import ddl
from puantaj.core.codes import DEFAULT_CODES
from puantaj.core.holidays import HOLIDAYS_2026
from puantaj.core.tables import TABLES

# a _sync_state key: this file was made as a new site elsewhere (the server's
# download) and opens for the first time without a site marker
FRESH_FILE = "fresh_file"

LOCAL_TABLES = """
CREATE TABLE IF NOT EXISTS codes (
    code TEXT PRIMARY KEY,
    label_tr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    worked REAL NOT NULL,
    paid REAL NOT NULL,
    sgk INTEGER NOT NULL,
    eksik TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL DEFAULT '#ffffff'
);
CREATE TABLE IF NOT EXISTS holidays (
    day TEXT PRIMARY KEY,
    name_tr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    fraction REAL NOT NULL DEFAULT 1.0
);
"""


def run_script(conn: Any, script: str) -> None:
    """Run plain DDL statements one by one (executescript would COMMIT)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: Any) -> None:
    run_script(conn, ddl.SUPPORT_TABLES + LOCAL_TABLES)
    conn.execute(
        "INSERT OR IGNORE INTO _clock (id, site_id) VALUES (1, ?)", (str(uuid.uuid4()),)
    )
    for statement in ddl.synced_schema():
        conn.execute(statement)
    conn.executemany(
        "INSERT OR IGNORE INTO codes VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                c.code,
                c.label_tr,
                c.label_en,
                c.kind,
                c.worked,
                c.paid,
                int(c.sgk),
                c.eksik,
                ",".join(c.aliases),
                c.color,
            )
            for c in DEFAULT_CODES
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO holidays VALUES (?,?,?,?)",
        [(h.day.isoformat(), h.name_tr, h.name_en, h.fraction) for h in HOLIDAYS_2026],
    )


def _v2(conn: Any) -> None:
    """Per-cell audit log: who changed what, old → new, from where."""
    run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL DEFAULT '',
            tbl TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT,
            source TEXT NOT NULL DEFAULT 'app'
        );
        CREATE INDEX IF NOT EXISTS ix_audit_row ON audit_log (tbl, row_id);
        """,
    )


def _add_column(conn: Any, table: str, column: str, sql: str) -> None:
    names = {r[1] for r in conn.execute(f"PRAGMA table_info({table})").fetchall()}
    if column not in names:
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql}")


def _v3(conn: Any) -> None:
    """Sync integrity (issue 10): an outbox counter that only grows, a clock floor
    (the newest stamp known beyond this file), one refusal kept per row, pulled
    changes kept for after an upgrade, and the file's generation."""
    for column in ("outbox_seq", "floor_ms", "floor_counter", "generation"):
        _add_column(conn, "_clock", column, "INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "UPDATE _clock SET outbox_seq = (SELECT coalesce(max(seq), 0) FROM _outbox),"
        " floor_ms = ms, floor_counter = counter"
    )
    conn.execute(
        "DELETE FROM _rejected WHERE id NOT IN"
        " (SELECT max(id) FROM _rejected GROUP BY tbl, row_id)"
    )
    run_script(
        conn,
        """
        CREATE UNIQUE INDEX IF NOT EXISTS ux_rejected_row ON _rejected (tbl, row_id);
        CREATE TABLE IF NOT EXISTS _deferred (
            id INTEGER PRIMARY KEY,
            change TEXT NOT NULL,
            reason TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        """,
    )
    for spec in TABLES.values():
        for statement in (*ddl.drop_triggers(spec), *ddl.create_triggers(spec)):
            conn.execute(statement)


def _v4(conn: Any) -> None:
    """The tables refuse, as sync would, a local write of a value the server
    cannot take (issue 10 #5): raw SQL included."""
    for spec in TABLES.values():
        for statement in (*ddl.drop_checks(spec), *ddl.create_checks(spec)):
            conn.execute(statement)


def _v5(conn: Any) -> None:
    """Accounts (issue 12): each user's last login, synced; failed logins per
    username on this PC, not synced (a lockout is this PC's own)."""
    _add_column(conn, "users", "last_login_at", "TEXT")
    spec = TABLES["users"]
    for statement in (
        *ddl.drop_triggers(spec),
        *ddl.drop_checks(spec),
        *ddl.create_triggers(spec),
        *ddl.create_checks(spec),
    ):
        conn.execute(statement)
    run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS _login_failures (
            username TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        );
        """,
    )


def _v6(conn: Any) -> None:
    """Issue 13: the admin's code and holiday tables, synced to every office."""
    for name in ("day_codes", "holiday_days"):
        spec = TABLES[name]
        for statement in (
            ddl.create_table(spec),
            *ddl.create_indexes(spec),
            *ddl.drop_triggers(spec),
            *ddl.drop_checks(spec),
            *ddl.create_triggers(spec),
            *ddl.create_checks(spec),
        ):
            conn.execute(statement)


def _v7(conn: Any) -> None:
    """Issue 16: a month of a region is read through (region, work_date); on
    an admin's file of a million rows the region index alone walks a fifth of
    them. Desktop only (the server reads by sequence number)."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS ix_timesheets_region_work_date"
        " ON timesheets (region, work_date)"
    )


def _v8(conn: Any) -> None:
    """Issue 16: a row written once keeps its stamps short, {"*": stamp}
    (core.stamps); the capture triggers write that form and write a row out
    in full when it is edited. Rows already here keep the full form. The
    check triggers pass printable ASCII text by one cheap test first."""
    for spec in TABLES.values():
        for statement in (
            *ddl.drop_triggers(spec),
            *ddl.drop_checks(spec),
            *ddl.create_triggers(spec),
            *ddl.create_checks(spec),
        ):
            conn.execute(statement)


MIGRATIONS: list[Callable[[Any], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8]
SCHEMA_VERSION = len(MIGRATIONS)


def build(conn: Any) -> None:
    """Create the current schema on an empty database, inside the caller's transaction."""
    for step in MIGRATIONS:
        step(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
