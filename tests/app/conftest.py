"""Each app test gets its own empty database, never the planner.db beside the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.store.connection import ENV_VAR


@pytest.fixture(autouse=True)
def private_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    monkeypatch.setenv(ENV_VAR, url)
    return url
