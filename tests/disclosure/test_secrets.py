"""The pseudonym key lives outside the database: from the environment, or an owner-only file
made once and shared by every process; it can be rotated; the copy older planners kept in the
database is deleted. Exports leave an audit entry."""

from __future__ import annotations

import json
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, select, text

from planner.cli.main import main
from planner.store.connection import parse_url
from planner.store.schema import app_secrets
from planner.store.secrets import (
    KEY_ENV,
    PseudonymKeyError,
    key_path,
    pseudonym_key,
    record_export,
)
from planner.store.snapshots import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_key_is_made_once_outside_the_database_for_its_owner_only(
    private_database: str,
) -> None:
    first = pseudonym_key()
    assert pseudonym_key() == first and len(first) == 32
    path = key_path()
    assert path.is_file() and _mode(path) == 0o600 and _mode(path.parent) == 0o700
    with Store.open(private_database) as store, store.engine.connect() as conn:
        assert conn.execute(select(app_secrets)).all() == []  # nothing beside the staff ids


def test_racing_first_uses_agree() -> None:
    with ThreadPoolExecutor(4) as pool:
        keys = set(pool.map(lambda _: pseudonym_key(), range(8)))
    assert len(keys) == 1


def test_a_key_file_others_can_read_is_refused() -> None:
    pseudonym_key()
    os.chmod(key_path(), 0o644)
    with pytest.raises(PseudonymKeyError, match="chmod 600"):
        pseudonym_key()


def test_environment_key_wins_and_must_be_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "a long enough random secret")
    assert pseudonym_key() == b"a long enough random secret"
    assert not key_path().exists()
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(PseudonymKeyError, match="too short"):
        pseudonym_key()


def test_rotate_key_replaces_it_and_keeps_it_owner_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = pseudonym_key()
    assert main(["rotate-key", "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said == {"rotated": str(key_path())}
    after = pseudonym_key()
    assert after != before and _mode(key_path()) == 0o600
    assert before.hex() not in key_path().read_text() and after.hex() not in str(said)


def test_rotate_key_with_the_key_in_the_environment_says_to_change_it_there(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(KEY_ENV, "a long enough random secret")
    assert main(["rotate-key"]) == 2
    assert KEY_ENV in capsys.readouterr().err


def test_the_key_an_older_planner_kept_in_the_database_is_deleted(private_database: str) -> None:
    with Store.open(private_database):
        pass
    engine = create_engine(parse_url(private_database))
    with engine.begin() as conn:  # as a planner before migration 0005 left it
        conn.execute(text("DROP TABLE releases"))
        conn.execute(
            insert(app_secrets).values(
                name="pseudonym_key", value=b"k" * 32, created_at=text("CURRENT_TIMESTAMP")
            )
        )
        conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    engine.dispose()
    with Store.open(private_database) as store, store.engine.connect() as conn:
        assert conn.execute(select(app_secrets.c.name)).all() == []


def test_an_export_is_in_the_audit_log(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'planner.db'}") as store:
        record_export(store, "commissioner@council.gov.uk", "commissioner aggregates (Excel)")
        entry = store.audit_log()[0]
    assert entry.action == "export"
    assert entry.detail == "Exported commissioner aggregates (Excel)"
