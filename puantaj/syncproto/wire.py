"""The wire form of a row: one change per distinct stamp among its columns.

DESIGN.md §4: a change is the set of columns one write set, all under that
write's stamp; a row whose columns carry different stamps travels as several.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any

from puantaj.syncproto.refusals import parent_key
from puantaj.syncproto.rows import Key


def group_by_stamp(stamps: Mapping[str, str]) -> dict[str, list[str]]:
    """{column: stamp} → {stamp: [columns]}: the changes a row travels as."""
    groups: dict[str, list[str]] = {}
    for column, stamp in stamps.items():
        if stamp:
            groups.setdefault(stamp, []).append(column)
    return groups


def row_changes(
    table: str,
    row_id: str,
    region: str,
    groups: Mapping[str, Iterable[str]],
    values: Mapping[str, Any],
    skip_site: str = "",
) -> list[dict[str, Any]]:
    """One wire change per distinct stamp among a row's columns, oldest first,
    leaving out the stamps of `skip_site` (the caller's own)."""
    suffix = ":" + skip_site if skip_site else None
    grouped = {
        stamp: {column: values[column] for column in columns}
        for stamp, columns in groups.items()
        if not (suffix and stamp.endswith(suffix))
    }
    return grouped_changes(table, row_id, region, grouped)


def grouped_changes(
    table: str, row_id: str, region: str, grouped: Mapping[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The wire changes of a row whose values are grouped by stamp already
    ({stamp: {column: value}}), oldest first."""
    return [
        {"table": table, "id": row_id, "region": region, "hlc": stamp, "row": values}
        for stamp, values in sorted(grouped.items())
    ]


def queued_parents(
    rows: Iterable[tuple[Key, Mapping[str, Any]]], queued: Container[Key]
) -> list[Key]:
    """The parent rows that `rows` (a page of the outbox: (key, values)) name and
    that wait in the outbox (`queued`) outside the page. The page carries them
    too, so a row never reaches the server before its parent (which would
    refuse it as an orphan for good); their own entries stay queued, as sending
    a row twice is a no-op."""
    rows = list(rows)
    seen = {key for key, _ in rows}
    out: list[Key] = []
    for (table, _), values in rows:
        parent = parent_key(table, values)
        if parent is not None and parent not in seen and parent in queued:
            seen.add(parent)
            out.append(parent)
    return out
