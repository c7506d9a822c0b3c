"""Reading a pushed batch: valid changes grouped by row, and the rows refused at
the door (a bad change, another region, a stamp too far ahead) — refused whole,
every change of the row with the same reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from puantaj.core.changes import Change, ChangeError, parse_change
from server.auth import Caller

Key = tuple[str, str]
Refusal = tuple[str, str]  # (reason code, detail)
Rows = dict[Key, list[tuple[Any, Change]]]


def group_changes(
    changes: list[Any],
    caller: Caller,
    limit_ms: int | None,
    refuse: Callable[[Any, str, str], None],
) -> tuple[Rows, dict[Key, Refusal]]:
    """(valid changes by row, refused rows). `limit_ms`: the latest stamp taken
    (None: any); `refuse(raw, reason, detail)` is called for each refused change."""
    rows: Rows = {}
    refused: dict[Key, Refusal] = {}
    for raw in changes:
        try:
            change = parse_change(raw)
        except ChangeError as exc:
            refuse(raw, exc.reason, str(exc))
            key = _raw_key(raw)
            if key:
                refused.setdefault(key, (exc.reason, f"with its row: {exc}"))
            continue
        key = (change.table, change.id)
        rows.setdefault(key, []).append((raw, change))
        if not caller.can_see(change.region):
            refusal = (
                "region_forbidden",
                f"token is for {caller.scope}, row is in {change.region}",
            )
        elif limit_ms is not None and int(change.hlc[:13]) > limit_ms:
            refusal = ("clock_ahead", "stamp is more than 5 minutes ahead")
        elif change.region != rows[key][0][1].region:
            refusal = ("invalid_row", "the changes of one row name two regions")
        else:
            continue
        refused.setdefault(key, refusal)
    for key, refusal in refused.items():
        for raw, _ in rows.pop(key, ()):
            refuse(raw, *refusal)
    return rows, refused


def _raw_key(raw: Any) -> Key | None:
    """(table, id) of a change that failed validation, if it names them as text."""
    if not isinstance(raw, dict):
        return None
    table, row_id = raw.get("table"), raw.get("id")
    if isinstance(table, str) and isinstance(row_id, str):
        return (table, row_id)
    return None
