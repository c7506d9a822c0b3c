"""Versioned schema migrations of the desktop database (PRAGMA user_version).

Each migration runs in one transaction. A database in the old single-office
layout (integer ids, no region, no users) is recognised and upgraded by
`legacy.py` before the versioned steps run.
"""

from __future__ import annotations

import logging
import sqlite3

from puantaj.core import desktop_schema
from puantaj.errors import StoreError
from puantaj.store import legacy
from puantaj.store.engine import transaction

log = logging.getLogger(__name__)

MIGRATIONS = desktop_schema.MIGRATIONS
SCHEMA_VERSION = desktop_schema.SCHEMA_VERSION


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
            done.append(
                "old single-office tables kept as _legacy_employees/_timesheets"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            done.append(f"schema {version - 1} → {version}")
        if is_legacy and region:  # checked above: a legacy file needs a region
            counts = legacy.import_rows(conn, region)
            done.append(
                "imported {employees} employees and {timesheets} timesheet cells"
                " into region {region}".format(region=region, **counts)
            )
    if done:
        log.info("desktop database upgraded: %s", "; ".join(done))
    return done
