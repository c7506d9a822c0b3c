"""What one pushed batch decides, row by row, before anything is written.

A batch's changes are grouped by row; a row with any change refused before the
merge (malformed, out of scope, stamped ahead) is refused whole. Each remaining
row's changes are merged into a working copy of the stored row, the copy is
judged whole, and kept with its losses, or all of that row's changes refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from puantaj.core.changes import Change, ChangeError, parse_change
from puantaj.syncproto.access import Access
from puantaj.syncproto.merge import Loss, merge_columns
from puantaj.syncproto.refusals import (
    PARENT_TABLES,
    Judge,
    Refusal,
    change_refusal,
    printable,
    region_refusal,
)
from puantaj.syncproto.rows import Key, RowState


@dataclass
class PushResult:
    """What the pusher is told: how many changes were taken, which refused."""

    accepted: int = 0
    rejected: list[dict] = field(default_factory=list)


@dataclass
class Batch:
    """One batch being decided: its rows, their states and what it lost."""

    access: Access
    site_id: str
    rows: dict[Key, list[Change]] = field(default_factory=dict)  # valid ones
    states: dict[Key, RowState] = field(default_factory=dict)
    result: PushResult = field(default_factory=PushResult)
    losses: list[Loss] = field(default_factory=list)
    refused: dict[Key, Refusal] = field(default_factory=dict)  # rows refused
    newest: str = ""  # the newest stamp accepted

    def refuse(self, raw: Any, reason: str, detail: str) -> None:
        raw = raw if isinstance(raw, dict) else {}
        self.result.rejected.append(
            {
                "table": printable(raw.get("table", ""), 40),
                "id": printable(raw.get("id", ""), 64),
                "region": printable(raw.get("region", ""), 64),
                "reason": reason,
                "detail": printable(detail, 300),
            }
        )

    def refuse_row(self, changes: list[Change], refusal: Refusal) -> None:
        """Refuse every change of one row (each valid: its names as sent)."""
        for c in changes:
            self.refuse({"table": c.table, "id": c.id, "region": c.region}, *refusal)

    @property
    def dirty(self) -> list[RowState]:
        """The rows this batch changed, to be numbered and written."""
        return [s for s in self.states.values() if s.dirty]


def group_changes(batch: Batch, changes: list[Any], limit_ms: int | None) -> None:
    """Parse `changes` into `batch.rows` by row; refuse every change of a row
    with any change refused here. `limit_ms`: the newest stamp time taken (None:
    the server's own write, never judged ahead)."""
    rows, refused = batch.rows, batch.refused
    for raw in changes:
        try:
            change = parse_change(raw)
        except ChangeError as exc:
            batch.refuse(raw, exc.reason, str(exc))
            key = _raw_key(raw)
            if key:
                refused.setdefault(key, (exc.reason, f"with its row: {exc}"))
            continue
        key = (change.table, change.id)
        group = rows.setdefault(key, [])
        group.append(change)
        refusal = change_refusal(batch.access, change, group[0].region, limit_ms)
        if refusal:
            refused.setdefault(key, refusal)
    for key, refusal in refused.items():
        batch.refuse_row(rows.pop(key, []), refusal)


def decide(batch: Batch, judge: Judge) -> None:
    """Merge and judge every row of the batch (parents first), given the stored
    rows in `batch.states`; a row naming a refused parent takes its reason."""
    judge.refused = batch.refused
    rows = batch.rows
    parents_first = [k for k in rows if k[0] in PARENT_TABLES] + [
        k for k in rows if k[0] not in PARENT_TABLES
    ]
    for key in parents_first:
        group = rows[key]
        refusal = _merge_row(batch, judge, key, group)
        if refusal:
            batch.refused[key] = refusal
            batch.refuse_row(group, refusal)
            continue
        batch.result.accepted += len(group)
        for change in group:
            # fixed-width stamps: the greatest string is the greatest triple
            if change.hlc > batch.newest:
                batch.newest = change.hlc


def _merge_row(
    batch: Batch, judge: Judge, key: Key, changes: list[Change]
) -> Refusal | None:
    """Merge one row's changes into a copy of it, judge the copy, and keep it
    (with its losses) unless refused."""
    stored = batch.states.get(key)
    region = changes[0].region
    refusal = region_refusal(batch.access, stored, region)
    if refusal:
        return refusal
    if stored is None:
        state = RowState(key[0], key[1], region, is_new=True)
    else:
        state = stored.working_copy()
    losses = merge_columns(state, changes, batch.site_id)
    refusal = judge.refusal(stored, state)
    if refusal:
        return refusal
    judge.accepted(state)
    batch.states[key] = state
    batch.losses.extend(losses)
    return None


def _raw_key(raw: Any) -> Key | None:
    """(table, id) of a change that failed validation, if it names them as text."""
    if not isinstance(raw, dict):
        return None
    table, row_id = raw.get("table"), raw.get("id")
    if isinstance(table, str) and isinstance(row_id, str):
        return (table, row_id)
    return None
