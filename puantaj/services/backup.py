"""Consistent, verified snapshots of the local database; retention; restore."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from puantaj.errors import StoreError
from puantaj.store import files, identity
from puantaj.store.database import Store
from puantaj.store.engine import transaction

log = logging.getLogger(__name__)
PREFIX = "puantaj-"
STALE_PARTIAL_S = 600  # a .partial untouched this long belongs to no running backup


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    taken_at: dt.datetime


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")


def _verify(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path.name} is not a usable database: {exc}",
            code="bad_database",
            name=path.name,
        ) from exc
    finally:
        conn.close()
    if result != "ok":
        raise StoreError(
            f"{path.name} failed integrity_check: {result}",
            code="bad_database",
            name=path.name,
        )


def _check_restorable(path: Path) -> None:
    """A file that exists and is a Puantaj database, or StoreError (the live
    database is not touched)."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file", code="no_backup", name=path.name)
    # opened read-only: a missing or foreign file is never made into a database
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path.name} is not a Puantaj database: {exc}",
            code="not_a_backup",
            name=path.name,
        ) from exc
    if not version or not {"_clock", "employees", "timesheets"} <= names:
        raise StoreError(
            f"{path.name} is not a Puantaj database",
            code="not_a_backup",
            name=path.name,
        )
    _verify(path)


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    target = sqlite3.connect(str(target_path))
    try:
        source.backup(target)
    finally:
        target.close()


class BackupService:
    """Backups in `folder`, keeping the newest `keep`."""

    def __init__(self, store: Store, folder: Path, keep: int = 14) -> None:
        self._store = store
        self.folder = Path(folder)
        self.keep = max(1, keep)

    def backup(self, label: str = "") -> BackupInfo:
        """Snapshot with the SQLite backup API (safe while others write), then verify.

        The snapshot is the owner's alone (KVKK); what a backup killed half-way
        left behind is removed.
        """
        files.private_folder(self.folder)
        self._remove_stale_partials()
        name = f"{PREFIX}{_stamp()}{'-' + label if label else ''}.db"
        path = self.folder / name
        tmp = path.with_suffix(".partial")
        tmp.touch(mode=files.FILE_MODE)
        files.private_file(tmp)  # before a byte of it is written
        with self._store.connection() as conn:
            _copy(conn, tmp)
        try:
            _verify(tmp)
        except StoreError:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(path)
        self._prune()
        log.info("backup written to %s", path)
        return self._info(path)

    def list(self) -> list[BackupInfo]:
        """Backups, newest first."""
        if not self.folder.is_dir():
            return []
        paths = sorted(self.folder.glob(f"{PREFIX}*.db"), reverse=True)
        return [self._info(p) for p in paths]

    def restore(self, path: Path) -> BackupInfo:
        """Put `path` back as the live database after saving the current one aside.

        Returns the backup of the database as it was before the restore.
        """
        path = Path(path)
        _check_restorable(path)
        aside = self.backup(label="before-restore")
        source = sqlite3.connect(str(path))
        try:
            with self._store.connection() as live:
                source.backup(live)
        finally:
            source.close()
        self._store.open()  # an older backup is brought up to this schema
        with self._store.connection() as live:
            # the file went back in time: as the same site it would never get
            # back what it wrote since (DESIGN.md §3), so it becomes a new one
            with transaction(live):
                identity.become_new_site(live)
            identity.record(live, self._store.path)
        log.info("restored %s (previous database saved as %s)", path, aside.path)
        return aside

    def _remove_stale_partials(self) -> None:
        """A snapshot being written is renewed within seconds; one untouched for
        longer was left by a run that was killed."""
        cutoff = time.time() - STALE_PARTIAL_S
        for stale in self.folder.glob(f"{PREFIX}*.partial"):
            try:
                if stale.stat().st_mtime < cutoff:
                    stale.unlink()
                    log.info("removed %s, left by a backup that was cut short", stale)
            except FileNotFoundError:
                continue

    def _prune(self) -> None:
        for old in self.list()[self.keep :]:
            old.path.unlink(missing_ok=True)

    @staticmethod
    def _info(path: Path) -> BackupInfo:
        stat = path.stat()
        return BackupInfo(
            path, stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)
        )
