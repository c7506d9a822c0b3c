"""Per-row writer site (pull skips a caller's own rows) and unsent counts per site.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

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
        op.add_column(table, sa.Column("_site", sa.String(64), nullable=True))
    op.add_column("sites", sa.Column("pending", sa.BigInteger(), nullable=True))
