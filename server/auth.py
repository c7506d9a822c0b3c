"""Bearer tokens: creation, hashed storage, constant-time checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from puantaj.syncproto.access import Access
from server.errors import Forbidden, Unauthorized
from server.rows import driver_query


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


def new_token() -> str:
    """A random token that never starts with "-": typed after `--token` on a
    command line, one that did was taken for an option (1 token in 64)."""
    while (token := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return token


def create_token(conn: Connection, tables, scope: str, label: str = "") -> str:
    """Store a new token's hash; return the token (shown once)."""
    token = new_token()
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


def register_api_key(conn: Connection, tables, api_key: str | None) -> str:
    """Make API_KEY's token the only active admin token that came from API_KEY:
    register it if new, revoke the ones an earlier key registered.

    Idempotent, so workers and instances may all run it at start (they do, one
    at a time, under storage.first_start_lock). A key once revoked stays
    revoked. Returns what happened, for the log.
    """
    tokens = tables["tokens"]
    digest = hash_token(api_key) if api_key else None
    retire = update(tokens).where(
        tokens.c.origin == "api_key", tokens.c.revoked_at.is_(None)
    )
    if digest:
        retire = retire.where(tokens.c.token_hash != digest)
    retired = conn.execute(retire.values(revoked_at=now_text())).rowcount
    outcome = f"revoked {retired} earlier API_KEY token(s)" if retired else ""
    if digest is None:
        return outcome
    row = conn.execute(
        select(tokens.c.revoked_at).where(tokens.c.token_hash == digest)
    ).first()
    if row is None:
        insert = _dialect_insert(conn)(tokens).values(
            token_hash=digest,
            scope="*",
            label="API_KEY",
            origin="api_key",
            created_at=now_text(),
        )
        conn.execute(insert.on_conflict_do_nothing(index_elements=["token_hash"]))
        return ", ".join(filter(None, [outcome, "registered API_KEY"]))
    if row.revoked_at is not None:
        return "API_KEY names a revoked token: it stays revoked; set a new API_KEY"
    return outcome


def _dialect_insert(conn: Connection):
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert


def authenticate(conn: Connection, tables, header: str | None) -> Caller:
    """Resolve `Authorization: Bearer …` to a Caller or raise Unauthorized.

    Runs on every request (no cache, so a revocation holds at once): one
    indexed read on the driver's cursor.
    """
    if not header or not header.startswith("Bearer "):
        raise Unauthorized("missing bearer token")
    token = header[len("Bearer ") :].strip()
    if not token or len(token) > 512:
        raise Unauthorized("bad token")
    digest = hash_token(token)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    rows = driver_query(
        conn,
        "SELECT id, token_hash, scope FROM tokens "
        f"WHERE token_hash = {mark} AND revoked_at IS NULL",
        (digest,),
    )
    # compare the digests in constant time even when the lookup missed
    stored = rows[0][1] if rows else "0" * 64
    if not hmac.compare_digest(stored, digest) or not rows:
        raise Unauthorized("bad or revoked token")
    return Caller(rows[0][2], token_id=rows[0][0])


def touch(conn: Connection, tables, token_id: int) -> None:
    """Note when a token was last used (list-tokens shows it)."""
    tokens = tables["tokens"]
    conn.execute(
        update(tokens).where(tokens.c.id == token_id).values(last_used_at=now_text())
    )
