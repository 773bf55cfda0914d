"""Undo and the role preview in a real browser (issue 20): a wrong import is restored from the
History page after an explicit confirmation, and the principal social worker previews HR's view
and comes back."""

from __future__ import annotations

from typing import Any

import pytest

from planner.store.snapshots import Store
from planner.workforce.demo import load_demo
from tests.e2e.conftest import SHOTS
from tests.e2e.test_browser import _open, _settled

pytestmark = pytest.mark.e2e


def test_a_wrong_import_is_restored_from_the_history_page(
    browser: Any, app_url: str, e2e_database: str
) -> None:
    page = _open(browser, f"{app_url}/history")  # the app seeds the demo on first open
    page.get_by_role("heading", name="History").first.wait_for(timeout=60_000)
    # the snapshot table: the page has opened the store (seeding the demo) by then
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    demo = load_demo()
    with Store.open(e2e_database) as db:
        sid = db.find_service(demo.name)
        assert sid is not None
        good = db.latest(sid)
        assert good is not None
        preview = db.preview(demo.with_workers(demo.workers[:3]), sid)
        db.confirm(preview, by="HR", note="wrong file", leavers_confirmed=len(preview.diff.leavers))
    page.reload()
    page.get_by_role("heading", name="Restore an earlier snapshot").wait_for(timeout=60_000)
    _settled(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Snapshot to restore").click()
    page.get_by_role("option", name=f"#{good.info.number} ").first.click()
    _settled(page)
    restore = page.get_by_role("button", name="Restore")
    restore.wait_for(timeout=30_000)
    assert restore.is_disabled()  # not before the explicit confirmation
    page.get_by_role("checkbox", name="make snapshot").check(force=True)
    _settled(page)
    page.get_by_role("button", name="Restore").click()
    page.get_by_text("restored as snapshot").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(SHOTS / "history_restored.png"), full_page=True)
    page.close()


def test_the_principal_social_worker_previews_hrs_view(browser: Any, app_url: str) -> None:
    page = _open(browser, f"{app_url}/")
    page.get_by_text("View as").first.wait_for(timeout=60_000)
    _settled(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="View as").click()
    page.get_by_role("option", name="HR").click()
    page.get_by_text("Previewing the HR view").wait_for(timeout=60_000)
    _settled(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text("Overview", exact=True).wait_for(state="detached", timeout=60_000)
    assert nav.get_by_text("Team", exact=True).count() == 1
    page.screenshot(path=str(SHOTS / "view_as_hr.png"), full_page=True)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="View as").click()
    page.get_by_role("option", name="Principal social worker").click()
    nav.get_by_text("Overview", exact=True).wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
