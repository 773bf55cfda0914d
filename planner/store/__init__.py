"""Keeping the work: dated snapshots of services, the audit log, saved scenarios and secrets, in
SQLite or PostgreSQL (schema migrated by Alembic on open). Start from `snapshots.Store`."""
