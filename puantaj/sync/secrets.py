"""The sync token: in the OS keyring, or a user-only file where there is none."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import keyring
import keyring.errors
from keyring.backends import fail

log = logging.getLogger(__name__)
SERVICE = "puantaj-sync"


class TokenStore:
    """Reads and writes the sync token for one data folder."""

    def __init__(self, home: Path, account: str = "default") -> None:
        self._file = Path(home) / "sync-token"
        self._account = f"{account}:{Path(home).resolve()}"

    @property
    def uses_keyring(self) -> bool:
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0

    def describe(self) -> str:
        if self.uses_keyring:
            return (
                f"Sync token store: OS keyring ({type(keyring.get_keyring()).__name__})"
            )
        return (
            f"Sync token store: no OS keyring on this machine; "
            f"using user-only file {self._file}"
        )

    def get(self) -> str | None:
        if self.uses_keyring:
            try:
                return keyring.get_password(SERVICE, self._account)
            except keyring.errors.KeyringError as exc:
                log.warning("keyring unreadable, trying the file: %s", exc)
        try:
            return self._file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def set(self, token: str) -> None:
        if self.uses_keyring:
            try:
                keyring.set_password(SERVICE, self._account, token)
                return
            except keyring.errors.KeyringError as exc:
                log.warning("keyring refused the token, using a file: %s", exc)
        log.warning(
            "no OS keyring: storing the sync token in %s (mode 600)", self._file
        )
        self._file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token)
        os.chmod(self._file, 0o600)
