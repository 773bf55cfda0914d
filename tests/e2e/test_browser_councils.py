"""Across councils in a real browser (issue 19): three councils' aggregates files uploaded, one
table and chart shown, then a projection year picked; nothing of any person on the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.disclosure.test_councils import council_files
from tests.e2e.conftest import SHOTS
from tests.e2e.test_browser import _open, _settled

pytestmark = pytest.mark.e2e


def test_three_councils_are_compared_on_the_page(
    browser: Any, app_url: str, tmp_path: Path
) -> None:
    paths = []
    for name, body in council_files():
        path = tmp_path / name
        path.write_text(body)
        paths.append(str(path))
    page = _open(browser, f"{app_url}/councils")
    page.get_by_role("heading", name="Across councils").first.wait_for(timeout=60_000)
    _settled(page)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(paths)
    page.get_by_role("heading", name="AMHPs and duty FTE per 100,000").wait_for(timeout=60_000)
    _settled(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "councils.png"), full_page=True)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Year").click()
    page.get_by_role("option", name="2 years on (2028)").click()
    page.get_by_role("heading", name="AMHPs and duty FTE per 100,000: 2 years on (2028)").wait_for(
        timeout=60_000
    )
    _settled(page)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    assert page.get_by_text("Below the minimum (2 years on (2028)): Sefton").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(SHOTS / "councils-2028.png"), full_page=True)
    page.close()
