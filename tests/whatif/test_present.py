"""The scenarios page's content without Streamlit: the headline table names nobody and the
projection chart has its band, median, planned path and target."""

from __future__ import annotations

from planner.analysis.report import analyse
from planner.present.scenarios import amhp_chart, band_rows, headline_rows, yearly_rows
from planner.reference.policy import default_policy
from planner.whatif.headlines import headline_movement
from planner.whatif.projection import project
from planner.workforce.demo import load_demo

DEMO = load_demo()


def test_the_headline_table_shows_moves_and_names_nobody() -> None:
    before = analyse(DEMO, default_policy())
    after = analyse(DEMO.without("NB020"), default_policy())
    rows = headline_rows(headline_movement(before, after))
    first = rows[0]
    assert first == {
        "Figure": "AMHPs with current approval",
        "Before": "12",
        "After": "11",
        "Change": "▼ worse",
    }
    text = str(rows)
    for w in DEMO.workers:
        assert w.staff_id not in text and w.name not in text


def test_the_amhp_chart_has_a_band_a_median_a_planned_path_and_the_target() -> None:
    p = project(DEMO, default_policy(), years=2, runs=100)
    spec = amhp_chart(p).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["area", "line", "line", "rule"]
    rows = band_rows(p, p.amhp, 19.0)
    assert len(rows) == 25 and all(r["P10"] <= r["Median"] <= r["P90"] for r in rows)
    assert [r["Month"] for r in yearly_rows(p)] == ["11/2026", "11/2027", "11/2028"]
