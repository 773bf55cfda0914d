"""Opening the database: which URL, how to connect safely, and bringing the schema up to date.

SQLite by default (`planner.db` beside the app), PostgreSQL (psycopg 3) for a shared deployment;
`PLANNER_DATABASE_URL` chooses. Opening runs the Alembic migrations to head, so a fresh database
is created by the same path that upgrades an old one. Every failure a user can cause (a bad URL,
a server that does not answer, a database from a newer planner) becomes a `StoreError` with a
plain sentence; passwords and row values never appear in messages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from planner.paths import app_path

ENV_VAR = "PLANNER_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE = "planner_write"  # execution option: this transaction will write
_PG_MIGRATION_LOCK = 7_301_112  # any constant; serialises first-time set-up between processes


class StoreError(Exception):
    """A problem a user can cause or fix, with a sentence that says what to do."""


class StoreUnavailable(StoreError):
    """The database cannot be opened or used."""


def database_url() -> str:
    """`PLANNER_DATABASE_URL`, or the SQLite file `planner.db` beside the app in a checkout
    (in the working folder when installed from a wheel: site-packages is no place for data)."""
    app = app_path()
    folder = Path.cwd() if "_app" in app.parts else app.parent
    return os.environ.get(ENV_VAR) or f"sqlite:///{folder / 'planner.db'}"


def parse_url(text_url: str) -> URL:
    try:
        url = make_url(text_url)
    except ArgumentError:
        raise StoreUnavailable(
            f"{text_url!r} is not a database URL (for example sqlite:///planner.db or "
            "postgresql://user@host/planner)"
        ) from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we install
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreUnavailable(f"{shown(url)}: the planner stores data in SQLite or PostgreSQL")
    return url


def shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        _check_sqlite_folder(url)
        engine = create_engine(
            url,
            hide_parameters=True,
            connect_args={"timeout": 30, "check_same_thread": False},
        )
        _sqlite_transactions(engine)
        return engine
    try:
        return create_engine(
            url,
            hide_parameters=True,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 10},
        )
    except NoSuchModuleError:
        raise StoreUnavailable(f"{shown(url)}: no driver for this database") from None


def _check_sqlite_folder(url: URL) -> None:
    if url.database and url.database != ":memory:":
        folder = Path(url.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreUnavailable(
                f"Cannot create the database file: the folder {folder} does not exist"
            )


def _sqlite_transactions(engine: Engine) -> None:
    """Real transactions in SQLite: DDL included, and writers take the lock before reading.

    pysqlite's own handling begins a transaction only before DML, so a migration's DDL would run
    outside one; this is SQLAlchemy's documented recipe. BEGIN IMMEDIATE for writes means two
    simultaneous saves queue rather than fail half-way.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def reason(exc: SQLAlchemyError) -> str:
    """The driver's first line (a cause such as "connection refused"), never SQL or values."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        lines = str(exc.orig).strip().splitlines()
        return lines[0] if lines else type(exc.orig).__name__
    return type(exc).__name__


def _alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def upgrade_to_head(engine: Engine) -> None:
    """Create or upgrade the schema; a no-op read when it is already current."""
    script = ScriptDirectory.from_config(_alembic_config())
    heads = set(script.get_heads())
    with engine.connect() as conn:
        if _current(conn, script) == heads:
            return
    with engine.execution_options(**{WRITE: True}).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        if _current(conn, script) != heads:  # another process may have finished meanwhile
            command.upgrade(_alembic_config(conn), "head")


def _current(conn: Connection, script: ScriptDirectory) -> set[str]:
    current = set(MigrationContext.configure(conn).get_current_heads())
    known = {rev.revision for rev in script.walk_revisions()}
    if current - known:
        raise StoreUnavailable(
            f"The database was written by a newer version of the planner (schema "
            f"{', '.join(sorted(current - known))}); upgrade the planner to open it"
        )
    return current
