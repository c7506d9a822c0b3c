"""Reading and writing rows of one synced table; the triggers stamp and queue them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from puantaj.core.ddl import q
from puantaj.core.tables import TABLES, TableSpec


class TableRepo:
    """Row access for one synced table; `region=None` means every region."""

    def __init__(self, table: str) -> None:
        self.spec: TableSpec = TABLES[table]
        self.table = table

    def get(self, conn: sqlite3.Connection, row_id: str) -> dict | None:
        row = conn.execute(
            f"SELECT * FROM {q(self.table)} WHERE id = ?", (row_id,)
        ).fetchone()
        return dict(row) if row else None

    def select(
        self,
        conn: sqlite3.Connection,
        region: str | None,
        where: Mapping[str, Any] | None = None,
        include_deleted: bool = False,
    ) -> list[dict]:
        clauses, params = [], []
        if region is not None:
            clauses.append("region = ?")
            params.append(region)
        if not include_deleted:
            clauses.append("deleted = 0")
        for key, value in (where or {}).items():
            clauses.append(f"{q(key)} = ?")
            params.append(value)
        sql = f"SELECT * FROM {q(self.table)}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [dict(r) for r in conn.execute(sql, params)]

    def upsert(
        self,
        conn: sqlite3.Connection,
        row_id: str,
        region: str,
        values: Mapping[str, Any],
    ) -> None:
        """Insert the row or update the given columns; unchanged columns keep stamps."""
        names = list(values)
        cols = ", ".join(["id", "region", *(q(n) for n in names)])
        marks = ",".join("?" * (len(names) + 2))
        updates = ", ".join(f"{q(n)} = excluded.{q(n)}" for n in names)
        conn.execute(
            f"INSERT INTO {q(self.table)} ({cols}) VALUES ({marks}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            [row_id, region, *values.values()],
        )

    def update(
        self, conn: sqlite3.Connection, row_id: str, values: Mapping[str, Any]
    ) -> None:
        sets = ", ".join(f"{q(n)} = ?" for n in values)
        conn.execute(
            f"UPDATE {q(self.table)} SET {sets} WHERE id = ?",
            [*values.values(), row_id],
        )

    def count_by_region(
        self, conn: sqlite3.Connection
    ) -> Iterable[tuple[str, int, int]]:
        """(region, live rows, deleted rows) per region."""
        return conn.execute(
            f"SELECT region, sum(deleted = 0), sum(deleted = 1) FROM {q(self.table)}"
            " GROUP BY region ORDER BY region"
        ).fetchall()
