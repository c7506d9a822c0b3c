"""Files holding personal data are the owner's alone (KVKK), whatever the umask."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: Path) -> Path:
    """Create `path` if needed and make it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a folder we do not own is left as it is
        os.chmod(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make an existing file readable by its owner only (no-op if it is gone)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, FILE_MODE)
    return path


def private_database(db_path: Path) -> None:
    """The database file and the WAL files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm"):
        private_file(db_path.with_name(db_path.name + suffix))
