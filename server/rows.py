"""Rows of the synced tables on the server: stamps per column, bulk reads and writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from puantaj.core import jsonfast
from puantaj.syncproto.rows import RowState
from server.queries import SYSTEM_TAIL, Queries

_CHUNK = 5000  # ids per statement
_TAIL = -len(SYSTEM_TAIL)  # where the server's own columns start in a row tuple


def decode_stamps(text: str) -> dict[str, str]:
    """Stored form {"<stamp>": [columns]} → {column: stamp}."""
    return {
        col: stamp
        for stamp, cols in jsonfast.loads(text or "{}").items()
        for col in cols
    }


def encode_stamps(stamps: dict[str, str]) -> str:
    if len(set(stamps.values())) == 1:  # a row written at once: one group
        return jsonfast.dumps_text({next(iter(stamps.values())): list(stamps)})
    grouped: dict[str, list[str]] = {}
    for col, stamp in stamps.items():
        grouped.setdefault(stamp, []).append(col)
    return jsonfast.dumps_text(grouped)


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
        names = queries.row_columns[table][2:_TAIL]
        for row in fetch_rows(conn, queries, queries.rows_for_update, table, ids):
            out[(table, row[0])] = RowState(
                table,
                row[0],
                row[1],
                dict(zip(names, row[2:_TAIL], strict=True)),
                decode_stamps(row[_TAIL]),
                prev_seq=row[_TAIL + 1],
                writer=row[_TAIL + 2] or "",
            )
    return out


def fetch_rows(
    conn: Connection, queries: Queries, statements: dict[str, str], table: str, ids
) -> list[tuple]:
    """Rows of `table` whose id is in `ids`, as tuples in `queries.row_columns`
    order (id, region, data…, _hlc, _seq, _site, _prev_seq)."""
    ids = sorted(ids)
    out: list[tuple] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = queries.id_list(ids[start : start + _CHUNK])
        out.extend(driver_query(conn, statements[table], (chunk,)))
    return out


def driver_query(conn: Connection, sql: str, params: tuple) -> list[tuple]:
    """Run SQL on the transaction's own DBAPI cursor and return plain tuples
    (the hot path: no result metadata built per statement). Driver errors come
    out as SQLAlchemy's, as from any other statement."""
    with _driver_cursor(conn, sql, params) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def driver_many(conn: Connection, sql: str, rows: list[tuple]) -> None:
    with _driver_cursor(conn, sql, rows) as cursor:
        cursor.executemany(sql, rows)


@contextmanager
def _driver_cursor(conn: Connection, sql: str, params) -> Iterator[Any]:
    cursor = conn.connection.cursor()
    error = conn.dialect.loaded_dbapi.Error
    try:
        yield cursor
    except error as exc:
        raise DBAPIError.instance(
            sql, params, exc, error, hide_parameters=True
        ) from exc
    finally:
        cursor.close()


def write_rows(
    conn: Connection, queries: Queries, states: list[RowState], site: str
) -> None:
    """Insert new rows and update changed ones (written by `site`), in bulk per
    table."""
    by_table: dict[str, list[RowState]] = {}
    for state in states:
        by_table.setdefault(state.table, []).append(state)
    for table, items in by_table.items():
        fresh, changed = _tuples(items, queries.row_columns[table], site)
        if queries.bulk:  # one statement per table, a column per array
            for sql, rows in (
                (queries.insert_rows[table], fresh),
                (queries.update_rows[table], changed),
            ):
                if rows:
                    driver_query(
                        conn, sql, tuple(list(c) for c in zip(*rows, strict=True))
                    )
            continue
        if fresh:
            driver_many(conn, queries.insert_rows[table], fresh)
        if changed:
            driver_many(
                conn, queries.update_rows[table], [(*r[1:], r[0]) for r in changed]
            )


def _tuples(
    states: list[RowState], cols: tuple[str, ...], site: str
) -> tuple[list[tuple], list[tuple]]:
    """The new rows and the changed ones as tuples in `cols` order (id, region,
    data…, _hlc, _seq, _site, _prev_seq), written by `site` over the version
    numbered `prev_seq`."""
    data = cols[2:_TAIL]
    deleted = data.index("deleted")
    fresh: list[tuple] = []
    changed: list[tuple] = []
    for state in states:
        values = list(map(state.values.get, data))
        if values[deleted] is None:
            values[deleted] = 0
        stamps = encode_stamps(state.stamps)
        row = (state.id, state.region, *values, stamps, state.seq, site, state.prev_seq)
        (fresh if state.is_new else changed).append(row)
    return fresh, changed
