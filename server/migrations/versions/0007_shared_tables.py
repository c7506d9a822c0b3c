"""The admin's code and holiday tables, synced to every office (issue 13).

A frozen snapshot of the two tables as they are at this revision.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"

_AUDIT = (
    ("deleted", "bool"),
    ("created_at", "text"),
    ("created_by", "text"),
    ("updated_at", "text"),
    ("updated_by", "text"),
)
TABLES = {
    "day_codes": (
        ("code", "text"),
        ("label_tr", "text"),
        ("label_en", "text"),
        ("kind", "text"),
        ("worked", "real"),
        ("paid", "real"),
        ("sgk", "bool"),
        ("eksik", "text"),
        ("aliases", "text"),
        ("color", "text"),
        ("active", "bool"),
        *_AUDIT,
    ),
    "holiday_days": (
        ("holiday_date", "date"),
        ("name_tr", "text"),
        ("name_en", "text"),
        ("fraction", "real"),
        ("status", "text"),
        *_AUDIT,
    ),
}
_TYPES = {
    "text": sa.Text,
    "date": lambda: sa.String(10),
    "int": sa.BigInteger,
    "bool": sa.SmallInteger,
    "real": sa.Float,
}


def upgrade() -> None:
    for name, columns in TABLES.items():
        cols = [
            sa.Column("id", sa.String(36), primary_key=True),
            sa.Column("region", sa.String(64), nullable=False),
        ]
        for column, kind in columns:
            if column == "deleted":
                cols.append(
                    sa.Column(
                        "deleted", sa.SmallInteger, nullable=False, server_default="0"
                    )
                )
            else:
                cols.append(sa.Column(column, _TYPES[kind]()))
        cols += [
            sa.Column("_hlc", sa.Text, nullable=False),
            sa.Column("_seq", sa.BigInteger, nullable=False),
            sa.Column("_site", sa.String(64), nullable=True),
            sa.Column("_prev_seq", sa.BigInteger, nullable=True),
        ]
        op.create_table(name, *cols)
        op.create_index(f"ix_{name}_seq", name, ["_seq"])
        op.create_index(f"ix_{name}_region_seq", name, ["region", "_seq"])


def downgrade() -> None:
    for name in TABLES:
        op.drop_table(name)
