"""Alembic environment: sursur always hands in an open connection (see store.database.migrate)."""

from alembic import context

from sursur.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
