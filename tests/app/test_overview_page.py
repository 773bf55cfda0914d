"""The Overview's headline findings equal the analysis, area by area, and link onwards."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.analysis.report import analyse
from planner.present.overview import ICON, headlines
from planner.reference.policy import default_policy
from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def test_overview_shows_each_areas_findings() -> None:
    demo = load_demo()
    expected = headlines(analyse(demo, default_policy(), demo.as_of).findings)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    markdown = [m.value for m in at.markdown]
    for h in expected:
        assert h.summary in captions
        assert any(h.title in m for m in markdown)
        assert all(line in [m.removeprefix("- ") for m in markdown] for line in h.top)


def test_headlines_count_every_finding() -> None:
    demo = load_demo()
    findings = analyse(demo, default_policy(), demo.as_of).findings
    assert sum(sum(h.counts.values()) for h in headlines(findings)) == len(findings)


def test_severity_is_shown_with_material_icons_not_emoji() -> None:
    # Emoji render as empty boxes in a browser without an emoji font (headless Chromium).
    demo = load_demo()
    lines = [line for h in headlines(analyse(demo).findings) for line in h.top]
    assert lines
    assert all(line.startswith(tuple(ICON.values())) for line in lines)
    assert not any(ord(ch) > 0xFFFF for line in lines for ch in line)
    assert all(":material/" in icon for icon in ICON.values())
