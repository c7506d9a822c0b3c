"""The server's log lines: text or JSON, one per request, and database errors
told without the values they carry (no personal data, no tokens)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import traceback
from typing import Any

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

_HANDLER_NAME = "puantaj-server"
_VERB_RE = re.compile(
    r"\s*(?:WITH\b.*?\)\s*)?(\w+)(?:\s+(?:OR\s+\w+\s+)?(?:INTO|FROM)?\s*([\w.\"]+))?",
    re.S | re.I,
)


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message and the record's fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`time LEVEL logger: message key=value …`."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = getattr(record, "fields", {})
        extra = " ".join(f"{k}={v}" for k, v in fields.items() if k not in _INLINE)
        return f"{line} {extra}" if extra else line


_INLINE = {"event", "method", "route", "status", "duration_ms"}


def configure(log_format: str, level: str) -> None:
    """Send the `server` loggers to stderr in `log_format` (text | json); once per
    process however many apps are built (tests build many)."""
    logger = logging.getLogger("server")
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def describe_db_error(exc: SQLAlchemyError) -> str:
    """What failed, by names only: never the statement's parameters nor the
    driver's message, which on PostgreSQL quotes the failing row's values."""
    parts = [type(exc).__name__]
    orig = getattr(exc, "orig", None)
    if orig is not None:
        parts.append(type(orig).__name__)
        sqlstate = getattr(orig, "sqlstate", None)
        if sqlstate:
            parts.append(f"sqlstate={sqlstate}")
        diag = getattr(orig, "diag", None)
        for name in ("table_name", "column_name", "constraint_name"):
            value = getattr(diag, name, None) if diag is not None else None
            if value:
                parts.append(f"{name.split('_')[0]}={value}")
        # SQLite's messages name tables and columns, never values; PostgreSQL's
        # connection failures name a host and a reason
        if _is_connection_error(exc, sqlstate) or _is_sqlite(orig):
            parts.append(f"reason={_first_line(orig)!r}")
    statement = getattr(exc, "statement", None)
    if statement:
        match = _VERB_RE.match(statement)
        if match:
            verb, table = match.groups()
            parts.append(f"in {verb.upper()} {table or ''}".rstrip())
    return " ".join(parts)


def _first_line(orig: BaseException) -> str:
    lines = str(orig).strip().splitlines()
    return lines[0][:200] if lines else ""


def _is_sqlite(orig: BaseException) -> bool:
    return type(orig).__module__.startswith("sqlite3")


def _is_connection_error(exc: SQLAlchemyError, sqlstate: str | None) -> bool:
    if sqlstate:
        return sqlstate.startswith(("08", "53", "57"))  # connection, resources, admin
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def describe_unhandled(exc: BaseException) -> str:
    """An unexpected exception by its type and stack, without its message (which
    may quote a value)."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    return f"{type(exc).__module__}.{type(exc).__name__}\n{stack.rstrip()}"
