"""Bearer tokens: creation, hashed storage, constant-time checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from puantaj.syncproto.access import Access
from server.errors import Forbidden, Unauthorized


@dataclass(frozen=True)
class Caller(Access):
    """Who a request comes from: a token scoped to a region, or '*' for admin."""

    token_id: int = 0

    def require_admin(self) -> None:
        if not self.is_admin:
            raise Forbidden("this needs an admin token")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def create_token(conn: Connection, tables, scope: str, label: str = "") -> str:
    """Store a new token's hash; return the token (shown once)."""
    token = secrets.token_urlsafe(32)
    conn.execute(
        tables["tokens"]
        .insert()
        .values(
            token_hash=hash_token(token),
            scope=scope,
            label=label,
            created_at=now_text(),
        )
    )
    return token


def ensure_token(conn: Connection, tables, token: str, scope: str, label: str) -> None:
    """Register a token given from outside (API_KEY) if it is not known yet."""
    tokens = tables["tokens"]
    digest = hash_token(token)
    if (
        conn.execute(select(tokens.c.id).where(tokens.c.token_hash == digest)).first()
        is None
    ):
        conn.execute(
            tokens.insert().values(
                token_hash=digest, scope=scope, label=label, created_at=now_text()
            )
        )


def authenticate(conn: Connection, tables, header: str | None) -> Caller:
    """Resolve `Authorization: Bearer …` to a Caller or raise Unauthorized."""
    if not header or not header.startswith("Bearer "):
        raise Unauthorized("missing bearer token")
    token = header[len("Bearer ") :].strip()
    if not token or len(token) > 512:
        raise Unauthorized("bad token")
    digest = hash_token(token)
    tokens = tables["tokens"]
    row = conn.execute(
        select(tokens.c.id, tokens.c.token_hash, tokens.c.scope).where(
            tokens.c.token_hash == digest, tokens.c.revoked_at.is_(None)
        )
    ).first()
    # compare the digests in constant time even when the lookup missed
    stored = row.token_hash if row else "0" * 64
    if not hmac.compare_digest(stored, digest) or row is None:
        raise Unauthorized("bad or revoked token")
    return Caller(row.scope, token_id=row.id)


def touch(conn: Connection, tables, caller: Caller) -> None:
    tokens = tables["tokens"]
    conn.execute(
        update(tokens)
        .where(tokens.c.id == caller.token_id)
        .values(last_used_at=now_text())
    )
