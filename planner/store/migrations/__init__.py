"""Alembic migrations for the planner's database, run by `planner.store.connection.upgrade_to_head`."""
