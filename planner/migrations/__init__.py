"""Alembic migrations for the planner's database, run by `planner.store_db.upgrade_to_head`."""
