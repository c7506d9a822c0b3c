"""Batch results scoped to (token, site, batch id) with a digest of the batch;
each site bound to the token that first used it; conflicts findable by row.

The stored results of revision 0003 are dropped: they only let a resent batch
return its first reply, and a batch applied again changes nothing (stamps decide).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.drop_table("batches")
    op.create_table(
        "batches",
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(64), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("token_id", "site_id", "batch_id"),
    )
    op.add_column("sites", sa.Column("token_id", sa.Integer(), nullable=True))
    op.create_index("ix_conflicts_row", "conflicts", ["row_id", "column_name"])


def downgrade() -> None:
    op.drop_index("ix_conflicts_row", "conflicts")
    op.drop_column("sites", "token_id")
    op.drop_table("batches")
    op.create_table(
        "batches",
        sa.Column("batch_id", sa.String(64), primary_key=True),
        sa.Column("site_id", sa.String(64), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
