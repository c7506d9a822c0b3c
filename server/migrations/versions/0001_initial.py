"""Initial server schema: synced tables, tokens, sites, conflicts, rejections, batches.

Revision ID: 0001
Revises:
"""

from alembic import context, op
from sqlalchemy import insert

from server.schema import build_metadata

revision = "0001"
down_revision = None


def upgrade() -> None:
    bind = op.get_bind()
    metadata = build_metadata(context.config.attributes.get("schema"), version=1)
    metadata.create_all(bind)
    bind.execute(
        insert(metadata.tables[_name(metadata, "sync_counter")]).values(id=1, value=0)
    )


def _name(metadata, table: str) -> str:
    return f"{metadata.schema}.{table}" if metadata.schema else table
