"""The conflict history and the refusal log: what a batch lost, kept once.

A value goes to the history only when it really lost to another site's write:
when a stored value is overwritten ("overwritten"), or when a site's own write
arrives later than a newer one ("lost"). A push re-sends every stamp group of
a row, so the same (row, column, stamp) comes back again and again; it is kept
once. A stale stamp relayed by a site that did not write it came from the
server, which kept its fate when it was overwritten, so it is never a loss.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select

from server.auth import now_text
from server.rows import RowState, site_of

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Loss:
    """One value that is no longer current, and what beat it."""

    table: str
    row_id: str
    region: str
    column: str
    kind: str  # overwritten | lost
    value: Any
    value_hlc: str
    winner: Any
    winner_hlc: str


def overwritten(
    state: RowState, column: str, old: Any, old_hlc: str, new: Any, new_hlc: str
) -> Loss | None:
    """The stored value a newer write replaces, if that is a loss worth keeping:
    not an equal value, and not a site overwriting its own write."""
    if old == new or site_of(old_hlc) == site_of(new_hlc):
        return None
    return Loss(
        state.table,
        state.id,
        state.region,
        column,
        "overwritten",
        old,
        old_hlc,
        new,
        new_hlc,
    )


def lost(
    state: RowState,
    column: str,
    late: Any,
    late_hlc: str,
    pusher: str,
) -> Loss | None:
    """A late write that the stored value beats, if that is a loss worth keeping:
    the pushing site's own write, beaten by another site's with another value."""
    current, current_hlc = state.values.get(column), state.stamps[column]
    if late == current or site_of(late_hlc) != pusher:
        return None
    if site_of(current_hlc) == pusher:
        return None  # the site's own newer write beat its older one
    return Loss(
        state.table,
        state.id,
        state.region,
        column,
        "lost",
        late,
        late_hlc,
        current,
        current_hlc,
    )


def write_conflicts(
    conn: Connection,
    conflicts: Table,
    losses: list[Loss],
    site_id: str,
    batch_id: str,
) -> int:
    """Insert the losses not kept before (same row, column and stamp); returns
    how many were new. The rows are locked by the batch, so no other batch can
    be recording the same loss."""
    if not losses:
        return 0
    ids = sorted({loss.row_id for loss in losses})
    kept = {
        (row.row_id, row.column_name, row.value_hlc)
        for start in range(0, len(ids), 1000)
        for row in conn.execute(
            select(
                conflicts.c.row_id, conflicts.c.column_name, conflicts.c.value_hlc
            ).where(conflicts.c.row_id.in_(ids[start : start + 1000]))
        )
    }
    fresh = []
    for loss in losses:
        key = (loss.row_id, loss.column, loss.value_hlc)
        if key in kept:
            continue
        kept.add(key)
        fresh.append(_conflict_row(loss, site_id, batch_id))
    if fresh:
        now = now_text()
        conn.execute(conflicts.insert(), [{**row, "recorded_at": now} for row in fresh])
    return len(fresh)


def _conflict_row(loss: Loss, site_id: str, batch_id: str) -> dict[str, Any]:
    return {
        "tbl": loss.table,
        "row_id": loss.row_id,
        "region": loss.region,
        "column_name": loss.column,
        "kind": loss.kind,
        "value": json.dumps(loss.value),
        "value_hlc": loss.value_hlc,
        "winner": json.dumps(loss.winner),
        "winner_hlc": loss.winner_hlc,
        "site_id": site_id,
        "batch_id": batch_id,
    }


def printable(text: object, limit: int) -> str:
    """`text` cut to `limit` with control characters escaped: what a refusal
    repeats of a client's input can be stored and shown anywhere."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text)[:limit])[
        :limit
    ]


def write_refusals(
    conn: Connection,
    rejections: Table,
    refused: list[dict[str, Any]],
    site_id: str,
    scope: str | None,
    batch_id: str,
) -> None:
    """Log a batch's refusals; `scope` is the caller's region (None: admin, each
    refusal filed under its row's region)."""
    if not refused:
        return
    now = now_text()
    conn.execute(
        rejections.insert(),
        [
            {
                "site_id": site_id,
                "region": scope or r["region"] or "*",
                "tbl": r["table"],
                "row_id": r["id"],
                "reason": r["reason"],
                "detail": r["detail"],
                "batch_id": batch_id,
                "at": now,
            }
            for r in refused
        ],
    )
