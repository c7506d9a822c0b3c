"""The registered regions: those `add-region` gave a token to. A region is named
once, whatever the case (Turkish İ/ı compared as Turkish), and nothing works on a
region that was never registered."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from puantaj.core import turkish
from server.errors import Malformed

ALL = "*"


def registered(conn: Connection, tables) -> set[str]:
    """Every region a token was ever made for (revoked ones too)."""
    tokens = tables["tokens"]
    rows: Any = conn.execute(select(tokens.c.scope).distinct()).scalars()
    return {str(scope) for scope in rows if scope != ALL}


def _same(a: str, b: str) -> bool:
    return turkish.lower(a.strip()) == turkish.lower(b.strip())


def check_new(conn: Connection, tables, name: str) -> str:
    """The name to register (another token for a registered region keeps its
    spelling); Malformed if it is empty or another spelling of one."""
    name = name.strip()
    if not name or name == ALL:
        raise Malformed("region: a name is needed", code="bad_region")
    for known in registered(conn, tables):
        if _same(known, name) and known != name:
            raise Malformed(
                f"region {known!r} exists already: use that spelling",
                code="region_exists",
            )
    return name


def check_known(conn: Connection, tables, name: str) -> str:
    """Malformed unless `name` is a registered region (no phantom regions)."""
    if name in registered(conn, tables):
        return name
    raise Malformed(
        f"unknown region {name!r}: register it first (puantaj-server add-region)",
        code="unknown_region",
    )
