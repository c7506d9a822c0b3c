"""Verified snapshots of the embedded SQLite server database, with retention."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

from server.config import ServerSettings
from server.storage import private_file, private_folder


def run_backup(settings: ServerSettings) -> int:
    if not settings.is_sqlite:
        print(
            "the server runs on PostgreSQL: back it up with pg_dump, e.g.\n"
            '  pg_dump --format=custom --file=puantaj-$(date +%F).dump "$DATABASE_URL"',
            file=sys.stderr,
        )
        return 2
    source_path = Path(settings.database_url.split("///", 1)[-1])
    if not source_path.exists():
        print(f"error: {source_path} does not exist", file=sys.stderr)
        return 2
    folder = private_folder(settings.home / "backups")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"server-{stamp}.db"
    tmp = target.with_suffix(".partial")
    tmp.touch(mode=0o600)
    private_file(tmp)  # before a byte of personal data is in it
    source = sqlite3.connect(str(source_path))
    dest = sqlite3.connect(str(tmp))
    try:
        source.backup(dest)
        result = dest.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dest.close()
        source.close()
    if result != "ok":
        tmp.unlink(missing_ok=True)
        print(f"error: snapshot failed integrity_check: {result}", file=sys.stderr)
        return 1
    tmp.replace(target)
    for old in sorted(folder.glob("server-*.db"), reverse=True)[settings.backup_keep :]:
        old.unlink()
    print(f"backup written: {target} (integrity ok)")
    return 0
