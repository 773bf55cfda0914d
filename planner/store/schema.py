"""The database tables: services, their dated snapshots, a per-worker index, and the audit log.

A snapshot stores the validated `Service` whole, as compressed JSON: the pydantic model is the
schema of a roster, so a snapshot loads back exactly as it was saved, and a new Worker field
needs no table change. Beside it sit the few columns people query without loading a service
(when, who, why, as-of date, headcount) and `snapshot_workers`, one row per worker per snapshot
with staff id, team, level and FTE, for questions across snapshots (a worker's history, team
sizes over time). Alembic migrations in `planner/migrations` create exactly these tables; a test
checks they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints keep migrations identical on SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

services = Table(
    "services",
    metadata,
    Column("id", Integer, primary_key=True),
    # The name a service was first saved under; snapshots may later carry a new name.
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("service_id", ForeignKey("services.id"), nullable=False),
    # 1, 2, 3... within a service; unique, so two simultaneous saves cannot both be "latest".
    Column("number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("source", String(500), nullable=True),
    Column("note", Text, nullable=False),
    Column("service_name", String(200), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("headcount", Integer, nullable=False),
    Column("fte", Float, nullable=False),
    Column("amhps", Integer, nullable=False),
    Column("adult_population", Integer, nullable=True),
    Column("format_version", Integer, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
    UniqueConstraint("service_id", "number", name="uq_snapshots_service_id_number"),
)

snapshot_workers = Table(
    "snapshot_workers",
    metadata,
    Column("snapshot_id", ForeignKey("snapshots.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("staff_id", String(64), nullable=False),
    Column("team", String(200), nullable=False),
    Column("pcf_level", String(64), nullable=True),
    Column("fte", Float, nullable=False),
    Column("amhp", Boolean, nullable=False),
    Index("ix_snapshot_workers_staff_id", "staff_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("service_id", ForeignKey("services.id"), nullable=True),
    Column("snapshot_id", ForeignKey("snapshots.id"), nullable=True),
    Index("ix_audit_log_at", "at"),
)

# What-if scenarios: named edit lists on top of a snapshot. The baseline snapshot is referenced,
# never copied or changed; the edits are JSON so a new kind of edit needs no table change.
scenarios = Table(
    "scenarios",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("service_id", ForeignKey("services.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("base_snapshot_id", ForeignKey("snapshots.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("content", Text, nullable=False),
    UniqueConstraint("service_id", "name", name="uq_scenarios_service_id_name"),
)

# Secrets the deployment generates once and keeps. Older planners kept the pseudonym key here,
# beside the staff ids; it now lives outside the database (`planner.store.secrets`), and
# migration 0005 deletes the old copy. The table stays for any secret that may live here.
app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Commissioners' releases: the aggregate view of one snapshot, published at most once a quarter
# per service and never changed. The content is the view's JSON (no names or staff ids), so a
# commissioner's page is drawn from it without loading the snapshot (`planner.store.releases`).
releases = Table(
    "releases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("service_id", ForeignKey("services.id"), nullable=False),
    Column("snapshot_id", ForeignKey("snapshots.id"), nullable=False),
    Column("period", String(16), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", String(200), nullable=False),
    Column("content", Text, nullable=False),
    UniqueConstraint("service_id", "period", name="uq_releases_service_id_period"),
)

# Column mappings a user chose when importing, remembered per service so the next file from the
# same HR system is read the same way. Only choices that differ from the planner's own match
# are kept; saved when the user confirms an import (`planner.store.mappings`).
column_mappings = Table(
    "column_mappings",
    metadata,
    Column("service_id", ForeignKey("services.id"), primary_key=True),
    Column("heading", String(500), primary_key=True),
    Column("target", String(64), nullable=False),  # a field or part name; "" keeps the column
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("saved_by", String(200), nullable=False),
)

# Policy settings saved per service: each save a new row (who and when), so the settings in use
# are the newest and every earlier one stays readable. Only values that differ from the
# defaults are kept, as JSON, so a policy value added later takes its default.
policy_settings = Table(
    "policy_settings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("service_id", ForeignKey("services.id"), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("saved_by", String(200), nullable=False),
    Column("changes", Text, nullable=False),
)
