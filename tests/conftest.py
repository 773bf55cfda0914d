from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.paths import data_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ a test may break without touching the real one."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target
