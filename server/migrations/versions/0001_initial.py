"""Initial server schema: synced tables, tokens, sites, conflicts, rejections, batches.

A frozen snapshot: the tables and columns as they were at this revision, written
out here, so that a table or column added to the code later never changes what
this revision creates.

Revision ID: 0001
Revises:
"""

from alembic import context, op
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
    insert,
)

revision = "0001"
down_revision = None

_TYPES = {
    "text": Text,
    "date": lambda: String(10),
    "month": lambda: String(7),
    "int": BigInteger,
    "bool": SmallInteger,
    "real": Float,
}

# the synced tables' data columns at this revision, in order
SYNCED = {
    "employees": (
        ("sicil_no", "text"),
        ("tc_no", "text"),
        ("first_name", "text"),
        ("last_name", "text"),
        ("title", "text"),
        ("hire_date", "date"),
        ("exit_date", "date"),
        ("birth_date", "date"),
        ("weekly_rest_day", "int"),
        ("daily_hours", "real"),
        ("annual_leave_days", "int"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
    "timesheets": (
        ("employee_id", "text"),
        ("work_date", "date"),
        ("code", "text"),
        ("overtime_hours", "real"),
        ("note", "text"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
    "vehicles": (
        ("plate", "text"),
        ("vehicle_type", "text"),
        ("make", "text"),
        ("model", "text"),
        ("first_registration", "date"),
        ("km", "int"),
        ("driver_id", "text"),
        ("status", "text"),
        ("insurance_expiry", "date"),
        ("kasko_expiry", "date"),
        ("last_inspection", "date"),
        ("last_emission", "date"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
    "drivers": (
        ("full_name", "text"),
        ("employee_id", "text"),
        ("license_no", "text"),
        ("license_class", "text"),
        ("license_expiry", "date"),
        ("phone", "text"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
    "vehicle_faults": (
        ("vehicle_id", "text"),
        ("fault_date", "date"),
        ("reported_by", "text"),
        ("km", "int"),
        ("category", "text"),
        ("description", "text"),
        ("severity", "text"),
        ("status", "text"),
        ("service_shop", "text"),
        ("cost", "real"),
        ("days_out", "int"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
    "vehicle_inspections": (
        ("vehicle_id", "text"),
        ("kind", "text"),
        ("inspection_date", "date"),
        ("result", "text"),
        ("next_due", "date"),
        ("station", "text"),
        ("cost", "real"),
        ("note", "text"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
    "reports": (
        ("month", "month"),
        ("status", "text"),
        ("submitted_by", "text"),
        ("submitted_at", "text"),
        ("locked_by", "text"),
        ("locked_at", "text"),
        ("reason", "text"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
    "users": (
        ("username", "text"),
        ("full_name", "text"),
        ("role", "text"),
        ("password_hash", "text"),
        ("active", "bool"),
        ("deleted", "bool"),
        ("created_at", "text"),
        ("created_by", "text"),
        ("updated_at", "text"),
        ("updated_by", "text"),
    ),
}


def upgrade() -> None:
    bind = op.get_bind()
    metadata = MetaData(schema=context.config.attributes.get("schema"))
    for name, columns in SYNCED.items():
        _synced(metadata, name, columns)
    _support(metadata)
    metadata.create_all(bind)
    counter = metadata.tables[_name(metadata, "sync_counter")]
    bind.execute(insert(counter).values(id=1, value=0))


def _synced(metadata: MetaData, name: str, columns: tuple) -> None:
    cols = [
        Column("id", String(36), primary_key=True),
        Column("region", String(64), nullable=False),
    ]
    for column, kind in columns:
        if column == "deleted":
            cols.append(
                Column("deleted", SmallInteger, nullable=False, server_default="0")
            )
        else:
            cols.append(Column(column, _TYPES[kind]()))
    cols.append(Column("_hlc", Text, nullable=False))
    cols.append(Column("_seq", BigInteger, nullable=False))
    table = Table(name, metadata, *cols)
    Index(f"ix_{name}_seq", table.c._seq)
    Index(f"ix_{name}_region_seq", table.c.region, table.c._seq)


def _history_id() -> Column:
    return Column(
        "id",
        BigInteger().with_variant(Integer, "sqlite"),
        primary_key=True,
        autoincrement=True,
    )


def _support(metadata: MetaData) -> None:
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
    )
    Table(
        "sites",
        metadata,
        Column("site_id", String(64), primary_key=True),
        Column("region", String(64), nullable=False),
        Column("last_sync_at", String(40)),
        Column("last_push_at", String(40)),
        Column("pushed_total", BigInteger, nullable=False, server_default="0"),
        Column("refused_total", BigInteger, nullable=False, server_default="0"),
    )
    conflicts = Table(
        "conflicts",
        metadata,
        _history_id(),
        Column("tbl", String(40), nullable=False),
        Column("row_id", String(36), nullable=False),
        Column("region", String(64), nullable=False),
        Column("column_name", String(60), nullable=False),
        Column("kind", String(12), nullable=False),
        Column("value", Text),
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
    Table(
        "batches",
        metadata,
        Column("batch_id", String(64), primary_key=True),
        Column("site_id", String(64), nullable=False),
        Column("result", Text, nullable=False),
        Column("at", String(40), nullable=False),
    )
    Table(
        "sync_counter",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("value", BigInteger, nullable=False),
    )


def _name(metadata: MetaData, table: str) -> str:
    return f"{metadata.schema}.{table}" if metadata.schema else table
