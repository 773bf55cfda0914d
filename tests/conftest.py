from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from planner.paths import data_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def private_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Every test gets its own database: nothing ever writes planner.db in the checkout."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'planner.db'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    # and its own config folder (the pseudonym key): never the user's ~/.config/planner
    monkeypatch.setenv("PLANNER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("PLANNER_PSEUDONYM_KEY", raising=False)
    return url


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ a test may break without touching the real one."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


# Hypothesis: no per-example deadline (CI shares two cores with other work); the example
# count stays at the default so properties are really exercised.
settings.register_profile("planner", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("planner")
