"""The app in a real browser: every page opens without an error and is photographed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.e2e.conftest import SHOTS

pytestmark = pytest.mark.e2e

PAGES = [
    ("", "Northbridge Adult Mental Health Social Work"),
    ("team", "Team"),
    ("amhp", "AMHP sufficiency"),
    ("supervision", "Supervision"),
    ("leadership", "Leadership & succession"),
    ("scenarios", "Scenarios & projection"),
    ("import_export", "Import / export"),
    ("history", "History"),
    ("settings", "Settings"),
]
MESSY = ROOT / "tests" / "data" / "messy_roster.xlsx"


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
    assert page.get_by_text("Deploy", exact=True).count() == 0  # served as a product
    # Our menu, by title, even on a deep link (a folder Streamlit auto-discovers would list the
    # file names instead, with none of the sidebar's controls).
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("Leadership & succession", exact=True).count() == 1
    assert nav.get_by_text("import export", exact=True).count() == 0
    page.screenshot(path=str(SHOTS / f"{path or 'overview'}.png"), full_page=True)
    page.close()


def _settled(page: Any) -> None:
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)


def test_a_messy_roster_is_previewed_then_imported_on_confirmation(
    browser: Any, app_url: str
) -> None:
    page = _open(browser, f"{app_url}/import_export")
    page.get_by_role("heading", name="Import / export").first.wait_for(timeout=60_000)
    _settled(page)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(MESSY))
    page.get_by_role("heading", name="Problems").wait_for(timeout=60_000)
    _settled(page)
    page.get_by_text("left out because of an error (row 10, 17, 18)").wait_for(timeout=10_000)
    # the problems table and the unused columns table
    page.locator('[data-testid="stDataFrame"]').nth(1).wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "import_preview.png"), full_page=True)
    with page.expect_download(timeout=60_000) as report:
        page.get_by_role("button", name="Download the problem report").click()
    assert report.value.suggested_filename == "problems_messy_roster.xlsx"
    # the file's people replace everyone saved: a second, explicit confirmation first
    confirm = page.get_by_role("button", name="Confirm import")
    assert confirm.is_disabled()
    page.get_by_role("checkbox", name="people leave").check(force=True)
    _settled(page)
    confirm.click()
    page.get_by_text("Saved snapshot").wait_for(timeout=60_000)
    _settled(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Deploy", exact=True).count() == 0  # served as a product
    # Our menu, by title, even on a deep link (a folder Streamlit auto-discovers would list the
    # file names instead, with none of the sidebar's controls).
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("Leadership & succession", exact=True).count() == 1
    assert nav.get_by_text("import export", exact=True).count() == 0
    page.screenshot(path=str(SHOTS / "import_saved.png"), full_page=True)
    page.close()


def test_the_succession_workbook_downloads_from_the_leadership_page(
    browser: Any, app_url: str, tmp_path: Path
) -> None:
    page = _open(browser, f"{app_url}/leadership")
    page.get_by_role("heading", name="Leadership & succession").first.wait_for(timeout=60_000)
    _settled(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download the succession workbook (.xlsx)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    book = load_workbook(saved, read_only=True)
    assert "Succession plan" in book.sheetnames
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
