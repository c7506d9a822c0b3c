"""Desktop settings: flags over PUANTAJ_* environment over the settings file.

The only module that reads environment variables or the settings file.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from puantaj.core import validators
from puantaj.errors import ValidationError

log = logging.getLogger(__name__)

APP_NAME = "Puantaj"
SETTINGS_FILE = "settings.json"
_FILE_KEYS = (
    "window_geometry",
    "sync_enabled",
    "sync_url",
    "sync_interval_min",
    "language",
    "region",
    "backup_keep",
    "timeout_s",
    "page_size",
    "allow_http",
    "company",
    "exports_dir",
)


@dataclass(frozen=True)
class Settings:
    """Everything the desktop needs to know about its environment."""

    home: Path
    db_path: Path
    sync_url: str = ""
    sync_token: str | None = None  # from the environment only; normally the keyring
    sync_enabled: bool = True
    sync_interval_min: float = 5.0
    language: str = "tr"
    region: str = ""
    backup_keep: int = 14
    timeout_s: float = 15.0
    # changes per request: large pages spread the per-request cost (bench/sync_bench);
    # JSON runs in orjson, so even a full page holds the GIL for only a few ms
    page_size: int = 5000
    # send the token over plain http:// to another machine (a test rig, a VPN);
    # off by default: without TLS anyone on the way can read it (KVKK)
    allow_http: bool = False
    # the main window at the last closing ("WxH+X+Y"); empty: open maximised
    window_geometry: str = ""
    company: str = ""  # printed in the cetveli's header (issue 14)
    exports_dir: str = ""  # where exports are offered; empty: the Documents folder

    @property
    def export_folder(self) -> Path:
        """The folder exports go to: the one set, else the user's Documents."""
        return Path(self.exports_dir) if self.exports_dir else documents_dir()

    @property
    def backups_dir(self) -> Path:
        return self.home / "backups"

    @property
    def settings_path(self) -> Path:
        return self.home / SETTINGS_FILE


MAX_PAGE_SIZE = 20_000  # the server takes at most this many changes a request


def documents_dir() -> Path:
    """The user's Documents folder (the only place that asks platformdirs)."""
    return Path(platformdirs.user_documents_dir())


def default_home() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def load_settings(
    env: Mapping[str, str] | None = None, flags: Mapping[str, object] | None = None
) -> Settings:
    """Merge the settings file, the environment and command-line flags."""
    env = os.environ if env is None else env
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    home = Path(str(flags.get("home") or env.get("PUANTAJ_HOME") or default_home()))
    db_path = Path(str(flags["db"])) if flags.get("db") else home / "puantaj.db"
    settings = Settings(home=home, db_path=db_path)
    settings = _apply(settings, _read_file(settings.settings_path))
    settings = _apply(
        settings,
        {
            "sync_url": env.get("PUANTAJ_SYNC_URL"),
            "sync_token": env.get("PUANTAJ_SYNC_TOKEN"),
            "language": env.get("PUANTAJ_LANG"),
            "page_size": env.get("PUANTAJ_SYNC_PAGE_SIZE"),
            "allow_http": env.get("PUANTAJ_ALLOW_HTTP"),
        },
    )
    return _apply(settings, flags)


def save_settings(settings: Settings, **changes: object) -> Settings:
    """Write the file-backed fields (never the token) and return the new settings.

    Raises ValidationError for a bad value, e.g. a plain-http URL to another
    machine (the token travels only over TLS).
    """
    updated = _apply(settings, changes)
    validators.check_sync_url(updated.sync_url, updated.allow_http)
    data = {k: v for k, v in asdict(updated).items() if k in _FILE_KEYS}
    updated.home.mkdir(parents=True, exist_ok=True)
    tmp = updated.settings_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(updated.settings_path)
    return updated


def _read_file(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable settings file %s: %s", path, exc)
        return {}
    return (
        {k: v for k, v in data.items() if k in _FILE_KEYS}
        if isinstance(data, dict)
        else {}
    )


def _apply(settings: Settings, values: Mapping[str, object]) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or key not in known or key in ("home", "db_path"):
            continue
        clean[key] = _coerce(key, getattr(settings, key), value)
    return replace(settings, **clean)


def _coerce(key: str, current: object, value: Any) -> object:
    try:
        if isinstance(current, bool):
            return (
                value
                if isinstance(value, bool)
                else str(value).lower() in ("1", "true", "yes", "on")
            )
        if isinstance(current, int):
            number = int(value)
            if key == "page_size" and not 1 <= number <= MAX_PAGE_SIZE:
                raise ValueError("page size out of range")
            return number
        if isinstance(current, float):
            real = float(value)
            if key == "sync_interval_min" and not 0.01 <= real <= 1440:
                raise ValueError("interval out of range")
            return real
    except (TypeError, ValueError):
        raise ValidationError(
            f"{key}: bad value {value!r}", key, code="bad_value", value=value
        ) from None
    if key == "language" and value not in ("tr", "en"):
        raise ValidationError(f"language: must be tr or en, not {value!r}", key)
    return str(value)
