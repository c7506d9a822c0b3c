"""Alembic environment: runs on the connection handed over by server.storage."""

from alembic import context

connection = context.config.attributes["connection"]
schema = context.config.attributes.get("schema")
context.configure(connection=connection, version_table_schema=schema)
with context.begin_transaction():
    context.run_migrations()
