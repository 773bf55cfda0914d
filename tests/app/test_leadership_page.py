"""The Leadership & succession page on the demo: posts, single points and the sweep equal the
analysis, the toggle shows everyone in the sweep, and the succession plan shown is
plan_service's, narrowed by the readiness filter."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from planner.analysis.report import analyse
from planner.present.succession import READINESS
from planner.reference.policy import default_policy
from planner.succession.plan import plan_service
from planner.workforce.demo import generate_service, load_demo
from tests.conftest import ROOT


def leadership_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("screens/leadership.py").run()
    assert not at.exception
    return at


def plan_table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "First successor" in df.value.columns)


def test_leadership_page_shows_the_analysis() -> None:
    demo = load_demo()
    lead = analyse(demo, default_policy(), demo.as_of).leadership
    at = leadership_page()
    posts, points, sweep = (df.value for df in at.dataframe[:3])
    assert list(posts["Status"]) == [p.status for p in lead.posts]
    assert len(points) == len(lead.single_points)
    # readable names, not keys, and the ones nobody else could cover first
    assert "Principal social worker" in set(points["What"])
    assert not any("@" in what or "_" in what for what in points["What"])
    assert list(points["Others eligible now"]) == sorted(points["Others eligible now"])
    ranked = [d for d in lead.departure_sweep if d.score > 0]
    assert list(sweep["Score"]) == [d.score for d in ranked]
    top = ranked[0]
    name = next(w.name for w in demo.workers if w.staff_id == top.staff_id)
    assert sweep["Person"][0] == f"{name} ({top.staff_id})"


def test_leadership_page_shows_who_covers_each_function() -> None:
    demo = load_demo()
    lead = analyse(demo, default_policy(), demo.as_of).leadership
    functions = leadership_page().dataframe[3].value
    assert len(functions) == len(lead.functions)
    below = [f for f in lead.functions if f.covering_below_level]
    assert below  # some A, B or D work is done below the experienced level: shown, not a gap
    column = functions["Covering, below Appendix One's level"]
    assert sum(bool(v) for v in column) == len(below)


def test_leadership_toggle_shows_every_departure() -> None:
    demo = load_demo()
    at = leadership_page()
    at.toggle(key="sweep_only_impact").set_value(False).run()
    assert len(at.dataframe[2].value) == len(analyse(demo).leadership.departure_sweep)


def test_the_succession_plan_shown_is_plan_services() -> None:
    demo = load_demo()
    plan = plan_service(demo, default_policy(), demo.as_of)
    at = leadership_page()
    shown = plan_table(at)
    names = {w.staff_id: w.name for w in demo.workers}
    firsts = [p.successors[0] for p in plan.positions]
    assert list(shown["First successor"]) == [f"{names[c.staff_id]} ({c.staff_id})" for c in firsts]
    assert list(shown["Readiness"]) == [READINESS[c.readiness] for c in firsts]


def test_filtering_by_readiness_keeps_only_that_band() -> None:
    demo = load_demo()
    plan = plan_service(demo, default_policy(), demo.as_of)
    soon = [p for p in plan.positions if p.successors[0].readiness == "ready_1_2_years"]
    at = leadership_page()
    everyone = len(plan_table(at))
    at.multiselect(key="succ_band").set_value(["1-2 years"]).run()
    shown = plan_table(at)
    assert 0 < len(shown) == len(soon) < everyone
    assert set(shown["Readiness"]) == {"1-2 years"}


def test_positions_without_a_successor_are_listed_apart() -> None:
    service = generate_service(1000, seed=1)
    plan = plan_service(service, default_policy(), service.as_of)
    lacking = [p for p in plan.positions if not p.successors]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["service"] = service
    at.switch_page("screens/leadership.py").run()
    assert not at.exception
    assert any(f"{len(lacking)} position(s) with no successor" in m.value for m in at.markdown)
    apart = next(
        df.value
        for df in at.dataframe
        if list(df.value.columns)[:2] == ["Position", "Incumbent"]
        and "First successor" not in df.value.columns
    )
    assert len(apart) == len(lacking)
