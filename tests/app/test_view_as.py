"""Local mode: the principal social worker previews what HR and a commissioner see (issue 20),
with the pages and figures those roles get, and goes back.

AppTest does not follow st.switch_page (the browser opens the role's first page by itself) and
drops the sidebar after a page switch, so each role's pages are opened from a session already
previewing it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def _previewing(role: str, page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["previewed_role"] = role
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def _everything_shown(at: AppTest) -> str:
    kinds = ("markdown", "caption", "title", "header", "subheader", "metric")
    parts = [str(getattr(e, "value", "")) for kind in kinds for e in getattr(at, kind)]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(parts)


def test_choosing_a_role_to_view_as_previews_it_and_can_go_back() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    box = at.selectbox(key="view_as")
    assert box.value == "principal_social_worker" and set(box.options) >= {"HR", "Commissioner"}
    box.set_value("hr").run()
    assert at.session_state["previewed_role"] == "hr"
    back = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    back.session_state["previewed_role"] = "principal_social_worker"
    back.run()
    assert back.title[0].value == load_demo().name


def test_previewing_hr_shows_hrs_pages_only() -> None:
    assert _previewing("hr", "screens/team.py").title[0].value == "Team"
    with pytest.raises(ValueError, match="Known pages"):  # no Overview in HR's navigation
        _previewing("hr", "screens/overview.py")


def test_previewing_a_commissioner_shows_no_names_or_staff_ids() -> None:
    at = _previewing("commissioner", "screens/amhp.py")
    assert not at.error
    shown = _everything_shown(at)
    assert "AMHP" in shown
    assert not [w.name for w in load_demo().workers if w.name in shown]
    assert not [w.staff_id for w in load_demo().workers if w.staff_id in shown]
