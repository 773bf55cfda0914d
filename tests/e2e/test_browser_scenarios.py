"""The Scenarios page in a real browser with one invalid change among valid ones (issue 20).

Entered on the page, the invalid change (an ASYE recruit bringing an AMHP approval) is refused
with its sentence as it is added, the valid ones stand and move the figures, and saving keeps
exactly the valid ones, saying so. Loaded from a saved scenario, a change that no longer
applies is named with its sentence, the others are applied, and saving is refused until it is
removed. Never a silent save: every save is checked in the database the app uses.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from planner.store.scenarios import load_scenario, save_scenario
from planner.store.snapshots import Store
from planner.whatif.scenarios import ChangeFte, Leaves, Scenario
from planner.workforce.demo import load_demo
from tests.e2e.conftest import SHOTS
from tests.e2e.test_browser import _open, _settled

pytestmark = pytest.mark.e2e
AMHPS = "AMHPs with current approval"


def _scenarios_page(browser: Any, app_url: str, database: str) -> Any:
    page = _open(browser, f"{app_url}/scenarios")  # the app seeds the demo on first open
    page.get_by_role("heading", name="Scenarios & projection").first.wait_for(timeout=60_000)
    page.get_by_role("heading", name="Before and after").wait_for(timeout=60_000)
    if _demo_made_latest(database):  # another browser test saved a roster over it: start again
        page.reload()
        page.get_by_role("heading", name="Before and after").wait_for(timeout=60_000)
    _settled(page)
    return page


def _demo_made_latest(database: str) -> bool:
    """The demo as the service's latest snapshot: the browser tests share one database, and the
    import test saves its messy roster into the same service."""
    demo = load_demo()
    with Store.open(database) as store:
        sid = store.find_service(demo.name)
        assert sid is not None
        latest = store.latest(sid)
        if latest is not None and latest.service == demo:
            return False
        preview = store.preview(demo, sid)
        store.confirm(
            preview, by="test", note="the demo again", leavers_confirmed=len(preview.diff.leavers)
        )
        return True


def _pick(page: Any, label: str, option: str) -> None:
    """Pick from the drop-down labelled exactly `label` (the one on the open tab: "Who", not
    "Who leaves"); tried again if the page redraws under the open list."""
    name = page.locator('[data-testid="stWidgetLabel"]', has_text=re.compile(f"^{label}$"))
    box = page.locator('[data-testid="stSelectbox"]').filter(has=name).filter(visible=True)
    for attempt in range(3):
        _settled(page)
        box.first.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            return
        except Exception:
            page.keyboard.press("Escape")
            if attempt == 2:
                page.screenshot(path=str(SHOTS / "scenario_pick_failed.png"), full_page=True)
                raise


def _amhps(page: Any) -> tuple[str, str]:
    """The AMHP figure after the changes, and how far it moved ("" when it did not)."""
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=AMHPS)
    value = metric.locator('[data-testid="stMetricValue"]').inner_text()
    delta = metric.locator('[data-testid="stMetricDelta"]')
    return value.strip(), delta.inner_text().strip() if delta.count() else ""


def _changes(page: Any) -> list[str]:
    """The changes the page lists as this scenario's."""
    items = page.locator('[data-testid="stMarkdownContainer"] li').all_inner_texts()
    return [item.strip() for item in items]


def _open_saved(page: Any) -> None:
    """The Saved scenarios expander open (it stays open across the page's reruns)."""
    name = page.get_by_label("Scenario name")
    if not name.is_visible():
        page.locator('[data-testid="stExpander"]').filter(has_text="Saved scenarios").locator(
            "summary"
        ).click()
    name.wait_for(timeout=30_000)


def _saved_edits(database: str, name: str) -> tuple[Any, ...]:
    with Store.open(database) as store:
        sid = store.find_service(load_demo().name)
        assert sid is not None
        return load_scenario(store, sid, name).edits


def test_an_invalid_change_is_refused_as_entered_and_only_the_valid_ones_are_saved(
    browser: Any, app_url: str, e2e_database: str
) -> None:
    page = _scenarios_page(browser, app_url, e2e_database)
    assert _amhps(page) == ("12", "")
    # valid: an AMHP leaves today, and another goes part-time
    _pick(page, "Who leaves", "NB020 Priya Shah (AMHP Hub)")
    page.get_by_role("button", name="Add leaver").click()
    page.get_by_text("Priya Shah (NB020) leaves on 01/11/2026").wait_for(timeout=60_000)
    _settled(page)
    page.get_by_role("tab", name="FTE change").click()
    _pick(page, "Who", "NB021 Tom Gallagher (AMHP Hub)")
    page.get_by_label("New FTE").fill("0.5")
    page.get_by_role("button", name="Add FTE change").click()
    page.get_by_text("Tom Gallagher (NB021) to 0.5 FTE").wait_for(timeout=60_000)
    _settled(page)
    # invalid: a recruit in their ASYE (the form's first level) bringing an AMHP approval
    page.get_by_role("tab", name="Recruit").click()
    page.get_by_role("checkbox", name="Brings an AMHP approval").check(force=True)
    page.get_by_role("button", name="Add recruit").click()
    refusal = page.get_by_text("cannot hold an AMHP approval")
    refusal.wait_for(timeout=60_000)
    _settled(page)
    assert "Change 3 (recruit" in refusal.inner_text()
    assert "It was not added" in refusal.inner_text()
    # the valid ones stand, listed and applied: one AMHP fewer than before
    assert _changes(page) == [
        "Priya Shah (NB020) leaves on 01/11/2026",
        "Tom Gallagher (NB021) to 0.5 FTE",
    ]
    assert _amhps(page) == ("11", "-1")
    # saved, it says so, and what is saved is the two valid changes and nothing else
    _open_saved(page)
    page.get_by_label("Scenario name").fill("Winter")
    page.get_by_label("Your name").fill("Priya")
    page.get_by_role("button", name="Save scenario").click()
    page.get_by_text("Saved Winter.").wait_for(timeout=60_000)
    _settled(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(SHOTS / "scenario_invalid_change.png"), full_page=True)
    demo = load_demo()
    assert _saved_edits(e2e_database, "Winter") == (
        Leaves(staff_id="NB020", planned_leaving_date=demo.as_of),
        ChangeFte(staff_id="NB021", fte=0.5),
    )
    page.close()


def test_a_loaded_change_that_no_longer_applies_is_named_and_blocks_the_save(
    browser: Any, app_url: str, e2e_database: str
) -> None:
    page = _scenarios_page(browser, app_url, e2e_database)
    demo = load_demo()
    leaves = Leaves(staff_id="NB020", planned_leaving_date=demo.as_of)
    with Store.open(e2e_database) as store:
        sid = store.find_service(demo.name)
        assert sid is not None
        stale = Scenario(name="Stale", edits=(leaves, ChangeFte(staff_id="NB020", fte=0.5)))
        save_scenario(store, sid, stale, by="Priya")
    page.reload()
    page.get_by_role("heading", name="Before and after").wait_for(timeout=60_000)
    _settled(page)
    _open_saved(page)
    _pick(page, "Saved scenarios", "Stale")
    page.get_by_role("button", name="Load", exact=True).click()
    refusal = page.get_by_text("there is no worker NB020")
    refusal.wait_for(timeout=60_000)
    _settled(page)
    assert "Change 2" in refusal.inner_text() and "Not applied" in refusal.inner_text()
    page.get_by_text("1 of 2 changes applied.").wait_for(timeout=30_000)
    assert _changes(page) == [
        "Priya Shah (NB020) leaves on 01/11/2026",
        "Priya Shah (NB020) to 0.5 FTE",
    ]
    assert _amhps(page) == ("11", "-1")  # the leaver is applied
    # saving is refused, saying why, until the change is removed
    _open_saved(page)
    page.get_by_text("Remove the changes that cannot be made before saving.").wait_for()
    save = page.get_by_role("button", name="Save scenario")
    assert save.is_disabled()
    page.screenshot(path=str(SHOTS / "scenario_stale_change.png"), full_page=True)
    page.get_by_role("button", name="Remove the last change").click()
    page.get_by_text("there is no worker NB020").wait_for(state="detached", timeout=60_000)
    _settled(page)
    assert _changes(page) == ["Priya Shah (NB020) leaves on 01/11/2026"]
    _open_saved(page)
    page.get_by_label("Scenario name").fill("Stale, mended")
    page.get_by_label("Your name").fill("Priya")
    page.get_by_role("button", name="Save scenario").click()
    page.get_by_text("Saved Stale, mended.").wait_for(timeout=60_000)
    assert _saved_edits(e2e_database, "Stale, mended") == (leaves,)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
