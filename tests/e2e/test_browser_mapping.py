"""The column-mapping step in a real browser: a file with a heading the planner does not know is
uploaded, the heading is mapped on the page, the file is read again and imported; the next
upload of the same file is read with the mapping remembered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import SHOTS
from tests.e2e.test_browser import _open, _settled

pytestmark = pytest.mark.e2e

ROWS = [
    "Staff ID,Name,Team,FTE,PCF level,Boss",
    "NB001,Helen Okafor,North CMHT,1,Advanced social worker,",
    "NB002,Sam Lee,North CMHT,0.8,Experienced social worker,NB001",
]


UPLOADER = '[data-testid="stFileUploader"] input[type=file]'


def _upload(page: Any, path: Path) -> None:
    # After a save the page is drawn again; until the run ends the old uploader may linger
    # beside the new one, so wait for one before choosing the file.
    page.wait_for_function(f"document.querySelectorAll({UPLOADER!r}).length === 1", timeout=60_000)
    page.locator(UPLOADER).set_input_files(str(path))
    page.get_by_role("heading", name="How each column is read", exact=True).wait_for(timeout=60_000)
    _settled(page)


def _choose(page: Any, heading: str, field: str) -> None:
    """Pick `field` for `heading`, typing to narrow the long list as people do; tried again if
    the page redraws under the open list (seen under load)."""
    for attempt in range(3):
        _settled(page)
        page.locator('[data-testid="stSelectbox"]').filter(has_text=heading).click()
        page.keyboard.type(field.split()[0] + " " + field.split()[1])
        try:
            page.get_by_role("option", name=field, exact=True).click(timeout=10_000)
            return
        except Exception:
            page.keyboard.press("Escape")
            if attempt == 2:
                raise


def test_an_unknown_heading_is_mapped_on_the_page_then_imported(
    browser: Any, app_url: str, tmp_path: Path
) -> None:
    roster = tmp_path / "hr_export.csv"
    roster.write_text("\n".join(ROWS) + "\n")
    page = _open(browser, f"{app_url}/import_export")
    page.get_by_role("heading", name="Import / export").first.wait_for(timeout=60_000)
    _settled(page)
    _upload(page, roster)
    page.get_by_text("5 of 6 columns are read as the planner's columns").wait_for(timeout=10_000)

    page.get_by_text("Change how a column is read").click()
    _choose(page, "Boss", "Line manager ID")
    page.get_by_role("button", name="Read the file with these columns").click()
    _settled(page)
    page.get_by_text("6 of 6 columns are read as the planner's columns").wait_for(timeout=30_000)
    page.get_by_text("2 of 2 rows imported").wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "import_mapping.png"), full_page=True)

    confirm = page.get_by_role("button", name="Confirm import")
    leavers = page.get_by_role("checkbox", name="people leave")
    if leavers.count():
        leavers.check(force=True)
        _settled(page)
    confirm.click()
    page.get_by_text("Saved snapshot").wait_for(timeout=60_000)
    _settled(page)

    _upload(page, roster)  # the next file from the same system is read as it was mapped
    page.get_by_text("6 of 6 columns are read as the planner's columns").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
