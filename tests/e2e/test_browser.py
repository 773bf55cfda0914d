"""The app in a real browser: every page opens without an error and is photographed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import SHOTS

pytestmark = pytest.mark.e2e

PAGES = [
    ("", "Northbridge Adult Mental Health Social Work"),
    ("team", "Team"),
    ("amhp", "AMHP sufficiency"),
    ("supervision", "Supervision"),
    ("leadership", "Leadership & succession"),
    ("scenarios", "Scenarios & projection"),
    ("settings", "Settings"),
]


def _open(browser: Any, url: str) -> Any:
    page = browser.new_page()
    page.goto(url, wait_until="domcontentloaded")
    return page


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_every_page_opens_without_an_error(
    browser: Any, app_url: str, path: str, heading: str
) -> None:
    page = _open(browser, f"{app_url}/{path}")
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
    # Wait for the script run to finish (Streamlit's running indicator goes away), then give
    # the charts a moment to draw before the photograph.
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)
    page.wait_for_timeout(1500)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(SHOTS / f"{path or 'overview'}.png"), full_page=True)
    page.close()
