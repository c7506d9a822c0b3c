"""Which site a database file is: a restored or copied file becomes a new site.

DESIGN.md §3: a site id names one database, once. The server leaves a site's
own writes out of what it sends that site, so a file that went back in time
(a restored backup) or that runs twice (a copy) would never get back what the
site wrote since. Beside the database a small marker file holds the site id
and the file's *generation*, which grows at every sync checkpoint. A file whose
marker is missing or names another site (a copy), or whose generation is
behind its marker (a restore), becomes a new site and takes its scope afresh.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
import uuid
from pathlib import Path

from puantaj.core.desktop_schema import FRESH_FILE
from puantaj.store import changelog, clock
from puantaj.store.engine import transaction

log = logging.getLogger(__name__)


def marker_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".site")


def _read(path: Path) -> tuple[str, int] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return str(data["site_id"]), int(data["generation"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _state(conn: sqlite3.Connection) -> tuple[str, int]:
    row = conn.execute("SELECT site_id, generation FROM _clock").fetchone()
    return row[0], row[1]


def record(conn: sqlite3.Connection, db_path: Path) -> None:
    """Write the marker from the file's current site and generation."""
    site, generation = _state(conn)
    path = marker_path(db_path)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"site_id": site, "generation": generation}))
    tmp.replace(path)


def advance(conn: sqlite3.Connection) -> None:
    """One more sync checkpoint: the file's generation grows (in its transaction)."""
    conn.execute("UPDATE _clock SET generation = generation + 1")


def become_new_site(conn: sqlite3.Connection) -> int:
    """Take a new site id, queue every row and pull the whole scope again.

    Runs inside the caller's transaction; returns how many rows were queued.
    """
    old_site = changelog.site_id(conn)
    conn.execute("UPDATE _clock SET site_id = ?, generation = 0", (str(uuid.uuid4()),))
    # its unsent writes become the new site's: ones stamped ahead can then be
    # re-stamped when the server refuses them (issue 10: found by the model)
    now_ms = int(time.time() * 1000) + clock.clock_offset(conn)
    clock.adopt(conn, old_site, now_ms)
    changelog.set_state(conn, "cursor", "")
    return changelog.requeue_all(conn)


def check(conn: sqlite3.Connection, db_path: Path, fresh: bool) -> str:
    """Compare the file with its marker; make it a new site if it was restored or
    copied. `fresh`: the file was just created or upgraded (it may have no
    marker yet). Returns what was done, in words ("" if nothing)."""
    marker = _read(marker_path(db_path))
    site, generation = _state(conn)
    if marker is None and changelog.get_state(conn, FRESH_FILE):
        fresh = True  # a downloaded file: a new site already
        with transaction(conn):
            changelog.set_state(conn, FRESH_FILE, "")
    done = ""
    if marker is None and not fresh:
        done = "copied database (no site marker)"
    elif marker is not None and marker[0] != site:
        done = "copied database (another site's file)"
    elif marker is not None and generation < marker[1]:
        done = "restored database (older than its last sync)"
    if done:
        with transaction(conn):
            become_new_site(conn)
        done += f": now site {changelog.site_id(conn)}, every row queued again"
        log.warning("%s", done)
    record(conn, db_path)
    return done
