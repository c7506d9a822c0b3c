"""The conflict history and the refusal log, as a batch writes them.

Which values are losses, and that each (row, column, stamp) is kept once, is
decided in puantaj/syncproto/merge.py; this module reads what is kept already
and writes the rest.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table, select

from puantaj.syncproto.merge import Loss, new_losses
from server.auth import now_text


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
    fresh = [
        _conflict_row(loss, site_id, batch_id) for loss in new_losses(losses, kept)
    ]
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
