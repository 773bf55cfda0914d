"""The Streamlit app, run headless with AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def test_the_app_opens_on_the_demo_service() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == load_demo().name
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Workers"] == "36"
    assert metrics["AMHPs with current approval"] == "12"
