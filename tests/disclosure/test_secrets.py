"""The pseudonym key is made once and shared by every process; exports leave an audit entry."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from planner.store.secrets import KEY_ENV, pseudonym_key, record_export
from planner.store.snapshots import Store, StoreError


def test_key_is_made_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    with Store.open(url) as store:
        first = pseudonym_key(store)
    with Store.open(url) as store:
        assert pseudonym_key(store) == first
    assert len(first) == 32


def test_racing_first_uses_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    stores = [Store.open(url) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        keys = set(pool.map(pseudonym_key, stores))
    for store in stores:
        store.close()
    assert len(keys) == 1


def test_environment_key_wins_and_must_be_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'planner.db'}") as store:
        monkeypatch.setenv(KEY_ENV, "a long enough random secret")
        assert pseudonym_key(store) == b"a long enough random secret"
        monkeypatch.setenv(KEY_ENV, "short")
        with pytest.raises(StoreError, match="too short"):
            pseudonym_key(store)


def test_an_export_is_in_the_audit_log(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'planner.db'}") as store:
        record_export(store, "commissioner@council.gov.uk", "commissioner aggregates (Excel)")
        entry = store.audit_log()[0]
    assert entry.action == "export"
    assert entry.detail == "Exported commissioner aggregates (Excel)"
