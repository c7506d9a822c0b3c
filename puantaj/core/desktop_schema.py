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


MIGRATIONS: list[Callable[[Any], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


def build(conn: Any) -> None:
    """Create the current schema on an empty database, inside the caller's transaction."""
    for step in MIGRATIONS:
        step(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
