"""Versioned schema migrations of the desktop database (PRAGMA user_version).

Each migration runs in one transaction. A database in the old single-office
layout (integer ids, no region, no users) is recognised and upgraded by
`legacy.py` before the versioned steps run.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable

from puantaj.core import ddl
from puantaj.core.codes import DEFAULT_CODES
from puantaj.core.holidays import HOLIDAYS_2026
from puantaj.errors import StoreError
from puantaj.store import legacy
from puantaj.store.engine import transaction

log = logging.getLogger(__name__)

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


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run plain DDL statements one by one (executescript would COMMIT)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    run_script(conn, ddl.SUPPORT_TABLES + LOCAL_TABLES)
    conn.execute(
        "INSERT OR IGNORE INTO _clock (id, site_id) VALUES (1, ?)", (str(uuid.uuid4()),)
    )
    for statement in ddl.synced_schema():
        conn.execute(statement)
    conn.executemany(
        "INSERT OR IGNORE INTO codes VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (c.code, c.label_tr, c.label_en, c.kind, c.worked, c.paid, int(c.sgk),
             c.eksik, ",".join(c.aliases), c.color)
            for c in DEFAULT_CODES
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO holidays VALUES (?,?,?,?)",
        [(h.day.isoformat(), h.name_tr, h.name_en, h.fraction) for h in HOLIDAYS_2026],
    )


def _v2(conn: sqlite3.Connection) -> None:
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
        """
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def needs_upgrade(conn: sqlite3.Connection) -> bool:
    return schema_version(conn) != SCHEMA_VERSION or legacy.is_legacy(conn)


def upgrade(conn: sqlite3.Connection, region: str | None = None) -> list[str]:
    """Bring the database to SCHEMA_VERSION; return what was done, in words."""
    done: list[str] = []
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema {current} is newer than this program ({SCHEMA_VERSION});"
            " install the newer Puantaj"
        )
    is_legacy = legacy.is_legacy(conn)
    if is_legacy and not region:
        raise StoreError(
            "this is an old single-office database: give the office's region"
            " (--region NAME) so its rows can be stamped"
        )
    with transaction(conn):  # all of it or none of it
        if is_legacy:
            legacy.set_aside(conn)
            done.append("old single-office tables kept as _legacy_employees/_timesheets")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            done.append(f"schema {version - 1} → {version}")
        if is_legacy:
            counts = legacy.import_rows(conn, region)
            done.append(
                "imported {employees} employees and {timesheets} timesheet cells"
                " into region {region}".format(region=region, **counts)
            )
    if done:
        log.info("desktop database upgraded: %s", "; ".join(done))
    return done
