"""Store tests run against SQLite always and against PostgreSQL when a server can be started."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.store.snapshots import Store
from tests.store import pg

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pg.Server]:
    reason = pg.unavailable_reason()
    if reason:
        required = [name for name in pg.REQUIRE if os.environ.get(name)]
        if required:
            pytest.fail(f"{required[0]} is set but {reason}")
        pytest.skip(reason)
    server = pg.start()
    yield server
    server.close()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'planner.db'}"
        return
    server: pg.Server = request.getfixturevalue("postgres_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()
