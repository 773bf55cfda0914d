"""App pages (issue 8): time from "click" to rendered page on a 1,000-worker generated service.

Each page is run with `streamlit.testing.v1.AppTest`, the service put where screens/common.py
reads it (session state "service"). Cold: the first visit, every st.cache_data cleared. Warm:
the rerun after a widget on the page changes (the click), target under 1 second. A page with no
widget of its own (Overview) is simply rerun, as returning to it does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.common import registry, verdict
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service

BENCHES, bench = registry()
APP = str(Path(__file__).resolve().parent.parent / "app.py")
SIZE = 1_000
TARGET = 1.0  # seconds, for the warm click

Click = Callable[[AppTest], object]
PAGES: list[tuple[str, str, Click]] = [
    ("overview", "screens/overview.py", lambda at: at),
    ("team", "screens/team.py", lambda at: at.multiselect(key="f_level").set_value(["advanced"])),
    ("amhp", "screens/amhp.py", lambda at: at),
    (
        "supervision",
        "screens/supervision.py",
        lambda at: at.toggle(key="sup_over_only").set_value(True),
    ),
    (
        "leadership",
        "screens/leadership.py",
        lambda at: at.multiselect(key="succ_band").set_value(["ready now"]),
    ),
]


def _app(service: Service, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=600)
    at.session_state["service"] = service
    at.switch_page(page)
    return at


def _run(at: AppTest) -> float:
    t0 = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"the page failed: {at.exception[0].message}")
    return elapsed


def page_times(service: Service, page: str, click: Click) -> tuple[float, float]:
    """(cold first run, warm run after the click) in seconds."""
    st.cache_data.clear()
    st.cache_resource.clear()
    at = _app(service, page)
    cold = _run(at)
    if page == PAGES[0][1] and at.metric[0].value != str(len(service.workers)):
        raise RuntimeError("the app did not pick up the generated service")
    click(at)
    return cold, _run(at)


@bench
def click_to_render() -> None:
    """Pages on 1,000 workers: cold first visit, and the warm click (< 1 s)."""
    _run(_app(load_demo(), "screens/overview.py"))  # imports and first-use costs, not timed
    service = generate_service(SIZE, seed=1)
    for name, page, click in PAGES:
        cold, warm = page_times(service, page, click)
        print(f"  {name:12} cold {cold:6.2f} s   click {warm:5.2f} s: {verdict(warm < TARGET)}")
