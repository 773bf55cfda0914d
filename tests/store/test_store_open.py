"""Opening a database: where it is, creating it by migration, and plain errors when it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from planner.paths import app_path
from planner.store.connection import ENV_VAR, database_url, head_revisions, parse_url
from planner.store.schema import metadata
from planner.store.snapshots import Store, StoreUnavailable
from planner.workforce.demo import load_demo


def test_the_migrations_create_exactly_the_tables_the_code_uses(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert set(context.get_current_heads()) == head_revisions()
        assert compare_metadata(context, metadata) == []


def test_opening_an_up_to_date_database_again_changes_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        info = store.save(load_demo(), by="HR", note="first")
    with Store.open(db_url) as again, again.engine.connect() as conn:
        assert conn.execute(
            text("SELECT version_num FROM alembic_version")
        ).scalars().all() == sorted(head_revisions())
        assert [s.id for s in again.snapshots()] == [info.id]


def test_a_database_from_a_newer_planner_is_refused_plainly(db_url: str) -> None:
    Store.open(db_url).close()
    engine = create_engine(parse_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreUnavailable, match="newer version of the planner"):
        Store.open(db_url)


def test_the_default_database_is_planner_db_beside_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert database_url() == f"sqlite:///{app_path().parent / 'planner.db'}"
    monkeypatch.setenv(ENV_VAR, "postgresql://planner@db.example/planner")
    assert database_url() == "postgresql://planner@db.example/planner"


def test_a_plain_postgresql_url_uses_psycopg_3() -> None:
    assert parse_url("postgresql://u@h/d").drivername == "postgresql+psycopg"
    assert parse_url("postgres://u@h/d").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u@localhost/planner", "SQLite or PostgreSQL"),
        ("sqlite:////no/such/folder/planner.db", "folder /no/such/folder does not exist"),
    ],
)
def test_unusable_urls_are_explained(url: str, needle: str) -> None:
    with pytest.raises(StoreUnavailable, match=needle):
        Store.open(url)


def test_an_unreachable_server_is_explained_without_the_password() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Store.open("postgresql://planner:s3cret@127.0.0.1:1/planner")
    message = str(caught.value)
    assert message.startswith("Cannot open the database postgresql+psycopg://planner:***@")
    assert "s3cret" not in message


def test_a_file_that_is_not_a_database_is_explained(tmp_path: Path) -> None:
    bogus = tmp_path / "planner.db"
    bogus.write_text("these are my notes, not a database")
    with pytest.raises(StoreUnavailable, match="Cannot open the database .*not a database"):
        Store.open(f"sqlite:///{bogus}")
    assert bogus.read_text() == "these are my notes, not a database"


def test_a_database_from_the_first_release_upgrades_in_place_keeping_its_snapshots(
    db_url: str,
) -> None:
    with Store.open(db_url) as store:
        info = store.save(load_demo(), by="HR", note="first")
    engine = create_engine(parse_url(db_url))
    with engine.begin() as conn:
        # Take the database back to the first schema, as an older planner left it.
        conn.execute(text("DROP TABLE releases"))
        conn.execute(text("DROP TABLE policy_settings"))
        conn.execute(text("DROP TABLE column_mappings"))
        conn.execute(text("DROP TABLE scenarios"))
        conn.execute(text("DROP TABLE app_secrets"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    with Store.open(db_url) as again, again.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert set(context.get_current_heads()) == head_revisions()
        assert again.load(info.id).service == load_demo()
