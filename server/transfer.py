"""Moving a server's data between databases (SQLite → PostgreSQL) and proving it.

python migrate_db.py --from sqlite:///server.db --to postgresql://... [--validate-only]
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, Table, func, select

from server import storage
from server.config import load_server_settings
from server.errors import SchemaError
from server.schema import build_metadata

CHUNK = 5000


def _tables() -> list[Table]:
    # sync_counter last: it must end up at the source's value
    return sorted(
        build_metadata().tables.values(), key=lambda t: t.name == "sync_counter"
    )


def _rows(conn: Connection, table: Table) -> Iterator[list[dict]]:
    key = list(table.primary_key.columns)
    result = (
        conn.execution_options(yield_per=CHUNK)
        .execute(select(table).order_by(*key))
        .mappings()
    )
    for chunk in result.partitions(CHUNK):
        yield [dict(r) for r in chunk]


def fingerprint(conn: Connection, table: Table) -> tuple[int, str]:
    """(row count, sha256 over every row in key order, values normalised)."""
    digest = hashlib.sha256()
    count = 0
    for chunk in _rows(conn, table):
        for row in chunk:
            count += 1
            digest.update(
                json.dumps(
                    [_norm(row[c.name]) for c in table.columns], ensure_ascii=False
                ).encode()
            )
    return count, digest.hexdigest()


def _norm(value):
    return (
        float(value)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else value
    )


def copy(source: Engine, target: Engine) -> dict[str, int]:
    """Copy every table into an empty, migrated target in one transaction."""
    copied: dict[str, int] = {}
    with source.connect() as src, target.begin() as dst:
        for table in _tables():
            existing = dst.execute(select(func.count()).select_from(table)).scalar_one()
            if table.name == "sync_counter":
                dst.execute(table.delete())
            elif existing:
                raise SchemaError(
                    f"target table {table.name} is not empty ({existing} rows)"
                )
            copied[table.name] = 0
            for chunk in _rows(src, table):
                dst.execute(table.insert(), chunk)
                copied[table.name] += len(chunk)
        _reset_sequences(dst)
    return copied


def _reset_sequences(conn: Connection) -> None:
    """Autoincrement ids were copied as values; move PostgreSQL sequences past them."""
    if conn.dialect.name != "postgresql":
        return
    for table in build_metadata().tables.values():
        ident = table.c.get("id")
        if ident is not None and ident.autoincrement is True:
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )


def validate(source: Engine, target: Engine) -> list[str]:
    """Compare counts and checksums per table; return the differences."""
    problems = []
    with source.connect() as src, target.connect() as dst:
        for table in _tables():
            a, b = fingerprint(src, table), fingerprint(dst, table)
            mark = "✓" if a == b else "✗"
            print(
                f"{table.name:<22} {a[0]:>9} → {b[0]:>9} rows  sha256 {a[1][:12]} "
                f"{'=' if a[1] == b[1] else '≠'} {b[1][:12]} {mark}"
            )
            if a != b:
                problems.append(table.name)
    return problems


def run_transfer(source_url: str, target_url: str, validate_only: bool) -> int:
    src_settings = load_server_settings(overrides={"database_url": source_url})
    dst_settings = load_server_settings(overrides={"database_url": target_url})
    source = storage.make_engine(src_settings)
    target = storage.make_engine(dst_settings)
    try:
        storage.check_schema(source)
        if not validate_only:
            storage.migrate(target, dst_settings)
        storage.check_schema(target)
        if not validate_only:
            copied = copy(source, target)
            print(f"copied {sum(copied.values())} rows in {len(copied)} tables")
        problems = validate(source, target)
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        source.dispose()
        target.dispose()
    if problems:
        print(f"MISMATCH in {', '.join(problems)}", file=sys.stderr)
        return 1
    print("all tables match ✓")
    return 0
