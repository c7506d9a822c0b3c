"""Each site's last comparison with the server (in step, or which rows differ).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.add_column("sites", sa.Column("divergence", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("sites", "divergence")
