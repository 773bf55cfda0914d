"""The AMHP sufficiency page on the demo: the figures equal the analysis, the inputs change
them, and nothing on it names a worker or shows a staff id."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.analysis.report import analyse
from planner.reference.policy import default_policy
from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def amhp_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("screens/amhp.py").run()
    assert not at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def all_text(at: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in ("title", "caption", "markdown", "subheader", "metric", "info", "error")
        for e in getattr(at, kind)
    ]
    parts += [m.label for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def test_amhp_page_shows_the_analysis_figures() -> None:
    demo = load_demo()
    a = analyse(demo, default_policy(), demo.as_of).amhp
    at = amhp_page()
    assert metric(at, "AMHPs with current approval") == str(a.headcount)
    assert metric(at, "AMHPs per 100,000 people of all ages") == f"{a.per_100k:g}"
    rota = at.dataframe[1].value
    assert list(rota["AMHPs needed"]) == [r.amhps_needed for r in a.rota]
    horizon = at.dataframe[2].value
    assert list(horizon["AMHPs"]) == [m.headcount for m in a.horizon.months]


def test_amhp_page_inputs_change_the_figures() -> None:
    at = amhp_page()
    before = metric(at, "AMHPs per 100,000 people of all ages")
    needed = list(at.dataframe[1].value["AMHPs needed"])
    at.number_input(key="amhp_people").set_value(1_000_000).run()
    assert not at.exception
    assert metric(at, "AMHPs per 100,000 people of all ages") != before
    at.number_input(key="amhp_rate").set_value(1000.0).run()
    assert sum(at.dataframe[1].value["AMHPs needed"]) > sum(needed)


def test_amhp_page_names_nobody() -> None:
    demo = load_demo()
    text = all_text(amhp_page()).lower()
    for w in demo.workers:
        assert w.staff_id.lower() not in text
        assert w.name.lower() not in text


def test_a_stricter_rota_target_needs_more_amhps_on_the_rota() -> None:
    at = amhp_page()
    needed = sum(at.dataframe[1].value["AMHPs needed"])
    at.number_input(key="amhp_wait_hours").set_value(1.0).run()
    at.number_input(key="amhp_wait_share").set_value(0.95).run()
    assert not at.exception
    assert sum(at.dataframe[1].value["AMHPs needed"]) > needed
    at.number_input(key="amhp_min_per_shift").set_value(6).run()
    assert min(at.dataframe[1].value["AMHPs needed"]) >= 6


def test_findings_use_material_icons_not_emoji() -> None:
    lines = [m.value for m in amhp_page().markdown if ":material/" in m.value]
    assert lines, "the service-wide findings carry an icon"
    assert not any(ord(ch) > 0x2FFF for line in lines for ch in line)


def test_the_page_offers_the_commissioners_release_and_its_downloads() -> None:
    at = amhp_page()
    assert "For commissioners" in [s.value for s in at.subheader]
    assert "Newest release" in "\n".join(m.value for m in at.markdown)
    assert {"amhp_download_xlsx", "amhp_download_json"} <= {
        getattr(b, "key", None) for b in at.get("download_button")
    }
