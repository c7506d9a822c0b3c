"""Each user's last login (synced from the desktop where they logged in).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("users", sa.Column("last_login_at", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "last_login_at")
