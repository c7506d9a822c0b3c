"""Row state of the synced tables on the server: stamps per column, encode/decode."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from puantaj.core.tables import TABLES
from server.queries import Queries

_CHUNK = 500


def site_of(stamp: str) -> str:
    return stamp.split(":", 2)[2]


def decode_stamps(text: str) -> dict[str, str]:
    """Stored form {"<stamp>": [columns]} → {column: stamp}."""
    return {
        col: stamp for stamp, cols in json.loads(text or "{}").items() for col in cols
    }


def encode_stamps(stamps: dict[str, str]) -> str:
    grouped: dict[str, list[str]] = {}
    for col, stamp in stamps.items():
        grouped.setdefault(stamp, []).append(col)
    return _ENCODE(grouped)


_ENCODE = json.JSONEncoder(separators=(",", ":")).encode


@dataclass
class RowState:
    """One row as the merge sees it: values and per-column stamps."""

    table: str
    id: str
    region: str
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, str] = field(default_factory=dict)
    is_new: bool = False
    dirty: bool = False
    seq: int = 0


def load_rows(
    conn: Connection, queries: Queries, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], RowState]:
    """The stored state of every (table, id) in `keys` that exists, row-locked
    until the transaction ends (PostgreSQL; SQLite's writer lock covers it)."""
    by_table: dict[str, list[str]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, []).append(row_id)
    out: dict[tuple[str, str], RowState] = {}
    for table, ids in by_table.items():
        cols = TABLES[table].data_columns
        ids.sort()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            query = queries.rows_for_update[table]
            for row in conn.execute(query, {"ids": chunk}).mappings():
                out[(table, row["id"])] = RowState(
                    table,
                    row["id"],
                    row["region"],
                    {c: row[c] for c in cols},
                    decode_stamps(row["_hlc"]),
                )
    return out


def write_rows(conn: Connection, queries: Queries, states: list[RowState]) -> None:
    """Insert new rows and update changed ones, in bulk per table."""
    by_table: dict[str, list[RowState]] = {}
    for state in states:
        by_table.setdefault(state.table, []).append(state)
    for table, items in by_table.items():
        cols = queries.row_columns[table]
        fresh = [_full(s, cols) for s in items if s.is_new]
        if fresh:
            conn.exec_driver_sql(queries.insert_rows[table], fresh)
        changed = [(*_full(s, cols)[1:], s.id) for s in items if not s.is_new]
        if changed:
            conn.exec_driver_sql(queries.update_rows[table], changed)


def _full(state: RowState, cols: tuple[str, ...]) -> tuple:
    """The row as a tuple in `cols` order (id, region, data…, _hlc, _seq, _site)."""
    values = state.values
    out = [state.id, state.region]
    out.extend(values.get(c) for c in cols[2:-3])
    deleted = cols.index("deleted")
    if out[deleted] is None:
        out[deleted] = 0
    out.append(encode_stamps(state.stamps))
    out.append(state.seq)
    sites = {site_of(stamp) for stamp in state.stamps.values()}
    out.append(sites.pop() if len(sites) == 1 else None)
    return tuple(out)
