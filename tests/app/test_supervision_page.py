"""The Supervision page on the demo: loads and problems equal the analysis, named, and the
toggle narrows the table to supervisors over capacity."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.analysis.report import analyse
from planner.reference.policy import default_policy
from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def supervision_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("screens/supervision.py").run()
    assert not at.exception
    return at


def test_supervision_page_shows_the_analysis() -> None:
    demo = load_demo()
    result = analyse(demo, default_policy(), demo.as_of).supervision
    at = supervision_page()
    loads = at.dataframe[0].value
    assert list(loads["Supervisees"]) == [s.supervisees for s in result.supervisors]
    problems = at.dataframe[1].value
    over = [s for s in result.supervisors if s.over_hours or s.over_max]
    assert len(problems) == len(result.issues) + len(over) + len(result.cycles)
    assert not problems["Problem"].str.contains("_").any()  # words, not rule codes
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


def test_a_what_if_move_changes_the_load_shown_and_is_not_saved() -> None:
    demo = load_demo()
    before = {s.staff_id: s for s in analyse(demo).supervision.supervisors}
    busiest = max(before.values(), key=lambda s: s.supervisees)
    mover = busiest.supervisee_ids[0]
    target = next(s for s in before.values() if s.staff_id not in (busiest.staff_id, mover))
    at = supervision_page()
    at.selectbox(key="whatif_who").set_value(mover).run()
    at.selectbox(key="whatif_to").set_value(target.staff_id).run()
    at.button(key="whatif_add").click().run()
    assert not at.exception
    compared = next(df.value for df in at.dataframe if "When" in df.value.columns)
    label = f"{next(w.name for w in demo.workers if w.staff_id == busiest.staff_id)} "
    rows = compared[compared["Supervisor"].str.startswith(label)].set_index("When")
    assert rows.loc["before", "Supervisees"] == busiest.supervisees
    assert rows.loc["after", "Supervisees"] == busiest.supervisees - 1
    # The service in use is unchanged: the load table above still shows the analysis.
    assert list(at.dataframe[0].value["Supervisees"]) == [before[s].supervisees for s in before]


def test_a_refused_move_is_explained_in_a_sentence() -> None:
    demo = load_demo()
    someone = next(s.staff_id for s in analyse(demo).supervision.supervisors)
    at = supervision_page()
    at.selectbox(key="whatif_who").set_value(someone).run()
    at.selectbox(key="whatif_to").set_value(someone).run()
    at.button(key="whatif_add").click().run()
    assert [e.value for e in at.error] == [
        f"Move 1: {demo.worker(someone).name} ({someone}) cannot be their own supervisor."  # type: ignore[union-attr]
    ]
