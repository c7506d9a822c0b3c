"""The server's tables (SQLAlchemy Core): synced tables plus tokens, sites, history.

This is the schema at the head revision, for the code that runs on it; each
Alembic revision holds its own frozen snapshot of what it changes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

from puantaj.core.tables import TABLES, TableSpec

_TYPES: dict[str, Any] = {
    "text": Text,
    "date": String(10),
    "month": String(7),
    "int": BigInteger,
    "bool": SmallInteger,
    "real": Float,
}


def _synced(metadata: MetaData, spec: TableSpec) -> Table:
    cols: list[Any] = [
        Column("id", String(36), primary_key=True),
        Column("region", String(64), nullable=False),
    ]
    for column in spec.columns:
        typ = _TYPES[column.kind]
        if column.name == "deleted":
            cols.append(
                Column("deleted", SmallInteger, nullable=False, server_default="0")
            )
        else:
            cols.append(Column(column.name, typ))
    cols.append(Column("_hlc", Text, nullable=False))  # {"<stamp>": [columns], ...}
    cols.append(Column("_seq", BigInteger, nullable=False))
    # the site whose batch wrote this version of the row (before 0003: the one
    # site that wrote every column, or NULL)
    cols.append(Column("_site", String(64)))
    # the number of the version this write replaced (0: a new row)
    cols.append(Column("_prev_seq", BigInteger))
    table = Table(spec.name, metadata, *cols)
    Index(f"ix_{spec.name}_seq", table.c._seq)
    Index(f"ix_{spec.name}_region_seq", table.c.region, table.c._seq)
    return table


def _history_id() -> Column:
    """A growing history key: BIGINT on PostgreSQL, SQLite's rowid alias there."""
    return Column(
        "id",
        BigInteger().with_variant(Integer, "sqlite"),
        primary_key=True,
        autoincrement=True,
    )


def build_metadata(schema: str | None = None) -> MetaData:
    """Every table of the server schema at the head revision."""
    metadata = MetaData(schema=schema)
    for spec in TABLES.values():
        _synced(metadata, spec)
    Table(
        "tokens",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("token_hash", String(64), nullable=False, unique=True),
        Column("scope", String(64), nullable=False),
        Column("label", String(120), nullable=False, server_default=""),
        Column("created_at", String(40), nullable=False),
        Column("revoked_at", String(40)),
        Column("last_used_at", String(40)),
        # cli | api_key: API_KEY's token is revoked when the key changes or goes
        Column("origin", String(16), nullable=False, server_default="cli"),
    )
    failures = Table(
        "auth_failures",
        metadata,
        # a client address (an IPv6 one by its /64) and a slice of the window
        Column("address", String(64), primary_key=True),
        Column("bucket", BigInteger, primary_key=True, autoincrement=False),
        Column("failures", Integer, nullable=False),
    )
    Index("ix_auth_failures_bucket", failures.c.bucket)
    Table(
        "sites",
        metadata,
        Column("site_id", String(64), primary_key=True),
        Column("region", String(64), nullable=False),
        Column("last_sync_at", String(40)),
        Column("last_push_at", String(40)),
        Column("pushed_total", BigInteger, nullable=False, server_default="0"),
        Column("refused_total", BigInteger, nullable=False, server_default="0"),
        Column("pending", BigInteger),
        # the token that first used this site id; no other token may use it
        Column("token_id", Integer),
        # the site's last comparison of its data with the server's (JSON)
        Column("divergence", Text),
    )
    conflicts = Table(
        "conflicts",
        metadata,
        _history_id(),
        Column("tbl", String(40), nullable=False),
        Column("row_id", String(36), nullable=False),
        Column("region", String(64), nullable=False),
        Column("column_name", String(60), nullable=False),
        Column("kind", String(12), nullable=False),  # lost | overwritten
        Column("value", Text),  # JSON of the value that is no longer current
        Column("value_hlc", String(120), nullable=False),
        Column("winner", Text),
        Column("winner_hlc", String(120), nullable=False),
        Column("site_id", String(64), nullable=False),
        Column("batch_id", String(64), nullable=False),
        Column("recorded_at", String(40), nullable=False),
        Column("restored_at", String(40)),
        Column("restored_by", String(120)),
    )
    Index("ix_conflicts_region", conflicts.c.region, conflicts.c.id)
    Index("ix_conflicts_row", conflicts.c.row_id, conflicts.c.column_name)
    rejections = Table(
        "rejections",
        metadata,
        _history_id(),
        Column("site_id", String(64), nullable=False),
        Column("region", String(64), nullable=False),
        Column("tbl", String(40), nullable=False),
        Column("row_id", String(64), nullable=False),
        Column("reason", String(40), nullable=False),
        Column("detail", Text, nullable=False),
        Column("batch_id", String(64), nullable=False),
        Column("at", String(40), nullable=False),
    )
    Index("ix_rejections_region", rejections.c.region)
    # a batch's outcome, kept so that the same batch sent again gets it back;
    # scoped to the caller, with a digest of the batch to spot a reused id
    Table(
        "batches",
        metadata,
        Column("token_id", Integer, primary_key=True, autoincrement=False),
        Column("site_id", String(64), primary_key=True),
        Column("batch_id", String(64), primary_key=True),
        Column("digest", String(64), nullable=False),
        Column("result", Text, nullable=False),
        Column("at", String(40), nullable=False),
    )
    Table(
        "sync_counter",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("value", BigInteger, nullable=False),
    )
    return metadata
