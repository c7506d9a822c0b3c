"""Server settings: defaults, then PUANTAJ_* / DATABASE_URL / API_KEY, then overrides.

The only server module that reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from server.errors import ConfigError

MIN_API_KEY_CHARS = 24


@dataclass(frozen=True)
class ServerSettings:
    database_url: str
    home: Path
    db_schema: str | None = None  # PostgreSQL namespace inside a shared database
    pool_size: int = 5
    max_overflow: int = 10
    pool_timeout_s: float = 10.0
    # a request's cost: its body before and after gzip, and the JSON values in it
    # (~90 bytes of memory each at worst); 20,000 full employee rows fit
    max_body_bytes: int = 32 * 1024 * 1024
    max_json_nodes: int = 1_200_000
    max_changes: int = 20_000
    max_pull: int = 10_000
    bad_token_limit: int = 20  # failures per address and window before 429
    bad_token_window_s: int = 60
    # proxies in front of the app that append the client to X-Forwarded-For
    # (puantaj-server serve's nginx is one); 0: the peer address is the client
    trusted_proxies: int = 0
    redis_url: str | None = None  # bad-token counts in Redis instead of the database
    redis_timeout_s: float = 2.0
    port: int = 8765  # where `serve` listens (Render sets PORT)
    log_format: str = "text"  # text | json (one object a line)
    log_level: str = "INFO"
    clock_ahead_ms: int = 5 * 60 * 1000
    api_key: str | None = None
    backup_keep: int = 14
    # GET /events (issue 16): off where each stream would pin a sync thread
    # (plain gunicorn gthread); `run` and serve's gevent process turn it on
    events: bool = False
    events_heartbeat_s: float = 15.0  # a comment line keeps proxies and clients awake
    events_gap_s: float = 1.0  # at most one event of a kind a second per stream
    events_recheck_s: float = 60.0  # an open stream's token is checked again this often

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_file(self) -> str:
        """The embedded database's file ("" for PostgreSQL or in memory)."""
        if not self.is_sqlite:
            return ""
        path = self.database_url.split("///", 1)[-1]
        return "" if path == ":memory:" else path


def default_home() -> Path:
    return Path(platformdirs.user_data_dir("PuantajServer", appauthor=False))


def normalise_url(url: str) -> str:
    """Render-style postgres:// URLs → SQLAlchemy's psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_server_settings(
    env: Mapping[str, str] | None = None, overrides: Mapping[str, object] | None = None
) -> ServerSettings:
    env = os.environ if env is None else env
    home = Path(env.get("PUANTAJ_SERVER_HOME") or default_home())
    url = env.get("DATABASE_URL") or f"sqlite:///{home / 'server.db'}"
    values: dict[str, Any] = {
        "api_key": env.get("API_KEY") or None,
        "db_schema": env.get("PUANTAJ_DB_SCHEMA") or None,
        "redis_url": env.get("REDIS_URL") or None,
        "log_format": (env.get("PUANTAJ_LOG_FORMAT") or "text").lower(),
        "log_level": (env.get("PUANTAJ_LOG_LEVEL") or "INFO").upper(),
        "events": (env.get("PUANTAJ_EVENTS") or "0").lower() in ("1", "true", "on"),
    }
    if values["log_format"] not in ("text", "json"):
        raise ConfigError("PUANTAJ_LOG_FORMAT must be text or json")
    if values["log_level"] not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError("PUANTAJ_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
    numeric = {
        "pool_size": "PUANTAJ_DB_POOL_SIZE",
        "max_overflow": "PUANTAJ_DB_MAX_OVERFLOW",
        "max_body_bytes": "PUANTAJ_MAX_BODY_BYTES",
        "max_json_nodes": "PUANTAJ_MAX_JSON_NODES",
        "backup_keep": "PUANTAJ_BACKUP_KEEP",
        "bad_token_limit": "PUANTAJ_BAD_TOKEN_LIMIT",
        "bad_token_window_s": "PUANTAJ_BAD_TOKEN_WINDOW_S",
        "trusted_proxies": "PUANTAJ_TRUSTED_PROXIES",
        "port": "PORT",
    }
    for key, name in numeric.items():
        if env.get(name):
            try:
                values[key] = int(env[name])
            except ValueError:
                raise ConfigError(f"{name} must be a whole number") from None
    if values["api_key"] and len(str(values["api_key"])) < MIN_API_KEY_CHARS:
        raise ConfigError(
            f"API_KEY must be at least {MIN_API_KEY_CHARS} characters (a valid "
            "token is never refused, so it must be too long to guess); e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    settings = ServerSettings(database_url=normalise_url(url), home=home)
    settings = replace(settings, **values)
    if overrides:
        known = {f.name for f in fields(ServerSettings)}
        clean: dict[str, Any] = {k: v for k, v in overrides.items() if k in known}
        if "database_url" in clean:
            clean["database_url"] = normalise_url(str(clean["database_url"]))
        settings = replace(settings, **clean)
    return settings
