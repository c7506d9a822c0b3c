"""Batch outcomes kept per (token, site, batch id), with a digest of the batch.

The same batch sent again gets its first outcome back and changes nothing; the
same id with other content is an error (never another caller's outcome, never a
silent no-op).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson
from sqlalchemy import Connection

from server.errors import BatchReused
from server.queries import Queries
from server.rows import driver_query


def digest(changes: list[Any]) -> str:
    """sha256 over the changes as canonical JSON (keys sorted). A desktop sends
    the same page again in the same order: its batch id is derived from it."""
    try:
        text = orjson.dumps(changes, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # an integer past 64 bits: the standard library takes it
        text = json.dumps(
            changes, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode()
    return hashlib.sha256(text).hexdigest()


def prior_outcome(
    conn: Connection,
    queries: Queries,
    token_id: int,
    site_id: str,
    batch_id: str,
    batch_digest: str,
) -> dict[str, Any] | None:
    """The stored outcome of this caller's batch, or None if it is new.

    Raises BatchReused when the id was used for a batch with other content.
    """
    found = driver_query(conn, queries.prior_batch, (token_id, site_id, batch_id))
    if not found:
        return None
    stored_digest, result = found[0]
    if stored_digest != batch_digest:
        raise BatchReused(
            f"batch_id {batch_id!r} was already used for a batch with other"
            " content; send a new batch id"
        )
    return json.loads(result)
