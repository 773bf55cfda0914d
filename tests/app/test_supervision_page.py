"""The Supervision page on the demo: loads and problems equal the analysis, named, and the
toggle narrows the table to supervisors over capacity."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.analysis import analyse
from planner.demo import load_demo
from planner.policy import default_policy
from tests.conftest import ROOT


def supervision_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/supervision.py").run()
    assert not at.exception
    return at


def test_supervision_page_shows_the_analysis() -> None:
    demo = load_demo()
    result = analyse(demo, default_policy(), demo.as_of).supervision
    at = supervision_page()
    loads = at.dataframe[0].value
    assert list(loads["Supervisees"]) == [s.supervisees for s in result.supervisors]
    problems = at.dataframe[1].value
    assert len(problems) == len(result.issues) + len(result.cycles)
    names = {w.staff_id: w.name for w in demo.workers}
    first = result.issues[0]
    assert problems["Person"][0] == f"{names[first.staff_id]} ({first.staff_id})"


def test_supervision_toggle_keeps_only_those_over_capacity() -> None:
    at = supervision_page()
    everyone = len(at.dataframe[0].value)
    at.toggle(key="sup_over_only").set_value(True).run()
    loads = at.dataframe[0].value
    assert 0 < len(loads) < everyone
    assert loads["Over capacity"].all()
