"""How a desktop applies pulled changes: per column, the newer stamp wins.

A pulled change is applied without being queued for push. A row new here takes
every column of its first change as it comes; after that each column keeps the
newer of the stamp held and the stamp pulled, so applying a change twice, or a
site's own change coming back, is a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from puantaj.core.changes import Change
from puantaj.syncproto.merge import stamp_wins

# what applying decides for one row: (region, values to set, its stamps after)
Applied = tuple[str, dict[str, Any], dict[str, str]]


def apply_changes(
    held: Mapping[str, dict[str, str]], changes: Iterable[Change], ties: bool = False
) -> tuple[dict[str, Applied], set[str]]:
    """Decide what pulled `changes` (of one table) set, given the stamps `held`
    here for each existing row id ({id: {column: stamp}}, updated in place).

    `ties`: a value under the same stamp as the one held wins too (a repair
    takes the server's copy of a write the two ends hold differently). Returns
    ({id: (region, values to set, stamps after)}, ids of rows new here); a row
    whose values to set are empty is left as it is.
    """
    merged: dict[str, Applied] = {}
    new_rows: set[str] = set()
    for change in changes:
        entry = merged.get(change.id)
        if entry is None:
            stamps = held.get(change.id)
            if stamps is None:  # a row new here takes every column as it comes
                new_rows.add(change.id)
                merged[change.id] = (
                    change.region,
                    dict(change.row),
                    dict.fromkeys(change.row, change.hlc),
                )
                continue
            entry = merged[change.id] = (change.region, {}, stamps)
        _, values, stamps = entry
        hlc = change.hlc
        for name, value in change.row.items():
            current = stamps.get(name)
            if stamp_wins(hlc, current) or (ties and hlc == current):
                stamps[name] = hlc
                values[name] = value
    return merged, new_rows
