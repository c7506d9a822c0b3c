"""Per-row number of the version each write replaced (pull skips a caller's own
writes over versions it has already seen).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

# the synced tables at this revision (frozen: never the live list)
TABLES = (
    "employees",
    "timesheets",
    "vehicles",
    "drivers",
    "vehicle_faults",
    "vehicle_inspections",
    "reports",
    "users",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("_prev_seq", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "_prev_seq")
