"""Failed authentications counted per client address for every worker and
instance; each token says where it came from (API_KEY's is revoked when the
key changes).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "auth_failures",
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("address", "bucket"),
    )
    op.create_index("ix_auth_failures_bucket", "auth_failures", ["bucket"])
    op.add_column(
        "tokens",
        sa.Column("origin", sa.String(16), nullable=False, server_default="cli"),
    )
    op.execute("UPDATE tokens SET origin = 'api_key' WHERE label = 'API_KEY'")


def downgrade() -> None:
    op.drop_column("tokens", "origin")
    op.drop_index("ix_auth_failures_bucket", "auth_failures")
    op.drop_table("auth_failures")
