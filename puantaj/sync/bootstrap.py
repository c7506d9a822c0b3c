"""A first sync from the server's snapshot instead of a pull of every row.

When this file has never pulled (no cursor), the server's SQLite file of the
scope is downloaded, taken in (puantaj/store/snapshot.py) and the cursor set to
the one it corresponds to; the run then pushes what is queued here and pulls
what was written since, as every sync does. A server without snapshots, or a
snapshot of other tables or columns than this version's, is pulled from as
before.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from pathlib import Path

from puantaj.errors import SyncRejected
from puantaj.store import changelog, files, snapshot
from puantaj.store.database import Store
from puantaj.sync.client import SyncClient
from puantaj.sync.report import SyncReport

log = logging.getLogger(__name__)
PARTIAL = ".snapshot-{pid}.partial"
# another process's download left this long untouched is a dead one's (a live
# download writes all the time, a take lasts seconds, a stalled read times out)
STALE_S = 3600


def needed(store: Store) -> bool:
    with store.connection() as conn:
        return not changelog.get_state(conn, "cursor")


def bootstrap(store: Store, client: SyncClient, report: SyncReport) -> bool:
    """Take the scope's snapshot in if this file has never pulled; returns
    whether it did. Network trouble raises as a sync would."""
    if not needed(store):
        return False
    path = store.path.with_name(PARTIAL.format(pid=os.getpid()))
    _remove_stale(store, path)
    try:
        path.touch(mode=files.FILE_MODE)
        files.private_file(path)  # personal data: the owner's alone (KVKK)
        got = client.snapshot(path)
        if got is None:
            return False  # an older server: pull as before
        try:
            with store.connection() as conn:
                report.pulled += snapshot.take(conn, path, got.cursor, got.scope)
        except (sqlite3.DatabaseError, snapshot.NotTakable) as exc:
            # nothing was taken (one transaction): the rows come by pulling
            log.warning("snapshot not taken (%s): pulling instead", exc)
            return False
        report.bytes_received += got.bytes_received
        return True
    except SyncRejected as exc:
        if exc.reason == "token_rejected":
            raise
        log.warning("no snapshot (%s): pulling instead", exc)
        return False
    finally:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _remove_stale(store: Store, own: Path) -> None:
    """Remove the downloads of runs killed before they could (personal data,
    and a large file each): this process's own, and any other left untouched
    for STALE_S (its process is gone; one that is alive keeps its file)."""
    own.unlink(missing_ok=True)
    now = time.time()
    for left in store.path.parent.glob(PARTIAL.format(pid="*")):
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
            if now - left.stat().st_mtime > STALE_S:
                left.unlink()
