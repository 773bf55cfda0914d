"""Alembic environment: migrate the connection `planner.store.connection` hands over.

The planner runs migrations itself when it opens a database, inside its own transaction (and,
on PostgreSQL, under an advisory lock), so this file only binds that connection.
"""

from __future__ import annotations

from alembic import context

from planner.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through planner.store.snapshots.Store.open, which supplies a connection"
    )
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
