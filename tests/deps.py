"""A test that needs a Debian tool (`tools/test_deps.py`: Chromium, LibreOffice, the Carlito
font, Poppler, PostgreSQL) is skipped where it is missing, the reason naming the command that
installs it; where PLANNER_REQUIRE_TEST_DEPS is set (CI) it fails instead, so nothing is skipped
there."""

from __future__ import annotations

import os

import pytest

from tools.test_deps import missing_reason

REQUIRE = "PLANNER_REQUIRE_TEST_DEPS"


def require(*names: str) -> None:
    reason = missing_reason(*names)
    if reason is None:
        return
    if os.environ.get(REQUIRE):
        pytest.fail(f"{REQUIRE} is set but {reason}", pytrace=False)
    pytest.skip(reason)
