"""The Overview leads with what to do: the actions, each with the findings behind it, naming
people; then per area the counts and a link onwards."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.analysis.report import analyse
from planner.present.overview import ICON, action_views, headlines
from planner.reference.policy import default_policy
from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def test_overview_shows_the_actions_and_each_areas_counts() -> None:
    demo = load_demo()
    report = analyse(demo, default_policy(), demo.as_of)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    views = action_views(report.actions)
    assert 0 < len(views) <= 10
    assert [v.heading for v in views] == labels[: len(views)]
    markdown = [m.value.removeprefix("- ") for m in at.markdown]
    assert all(line in markdown for v in views for line in v.reasons)
    captions = [c.value for c in at.caption]
    assert all(h.summary in captions for h in headlines(report.findings))


def test_the_overview_names_people_not_staff_ids_alone() -> None:
    demo = load_demo()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    text = " ".join(m.value for m in at.markdown) + " ".join(e.label for e in at.expander)
    named = [w for w in demo.workers if f"{w.name} ({w.staff_id})" in text]
    assert len(named) >= 3
    assert "@" not in text and "amhp_lead" not in text


def test_headlines_count_every_finding() -> None:
    demo = load_demo()
    findings = analyse(demo, default_policy(), demo.as_of).findings
    assert sum(sum(h.counts.values()) for h in headlines(findings)) == len(findings)


def test_severity_is_shown_with_material_icons_not_emoji() -> None:
    # Emoji render as empty boxes in a browser without an emoji font (headless Chromium).
    demo = load_demo()
    views = action_views(analyse(demo).actions)
    lines = [v.heading for v in views] + [r for v in views for r in v.reasons]
    assert lines
    assert all(line.startswith(tuple(ICON.values())) for line in lines)
    assert not any(ord(ch) > 0xFFFF for line in lines for ch in line)
    assert all(":material/" in icon for icon in ICON.values())


def test_overview_shows_the_fte_for_casework_and_why() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    casework = next(m for m in at.metric if m.label == "FTE for casework")
    assert casework.value == "33.3"
    assert any("3 people are in their first (ASYE) year" in c.value for c in at.caption)
    teams = at.dataframe[0].value
    assert list(teams["FTE for casework"]) == [1.0, 7.9, 8.5, 10.5, 5.4]


def test_the_overview_says_team_kinds_in_words_and_what_is_fine() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    teams = at.dataframe[0].value
    assert "amhp_service" not in set(teams["Kind"]) and "AMHP service" in " ".join(teams["Kind"])
    fine = next(e for e in at.expander if e.label.startswith("What is fine"))
    assert fine.markdown and all(":material/check_circle:" in m.value for m in fine.markdown)
