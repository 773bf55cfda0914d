"""Findings read as sentences a principal social worker would write (issue 18, item 7): people by
name with the staff id after it, posts by title, role functions by a few words with the code
after them; no post keys (`team_manager@AMHP Hub`) or field names (`amhp_lead`)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.findings import Finding
from planner.analysis.report import analyse
from planner.reference.framework import load_framework
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
POST_KEY = re.compile(r"\w@\w")


def _people_named(service: Service, found: list[Finding]) -> None:
    names = {w.staff_id: w.name for w in service.workers if w.name}
    for f in found:
        assert not SNAKE.search(f.message), f.message
        assert not POST_KEY.search(f.message), f.message
        people = [i for i in f.evidence if i in names]
        shown = [i for i in people if re.search(rf"\b{re.escape(i)}\b", f.message)]
        assert shown or not people, f.message  # a long list ends "and 5 more"
        for item in shown:
            assert f"{names[item]} ({item})" in f.message, f.message


def test_the_demos_findings_name_people_posts_and_functions() -> None:
    service = load_demo()
    found = analyse(service).findings
    _people_named(service, found)
    text = " ".join(f.message for f in found)
    assert "Team manager, AMHP Hub" in text
    assert f"{load_framework().function('E.iii').title} (E.iii)" in text


@settings(max_examples=15, deadline=None)
@given(size=st.integers(10, 60), seed=st.integers(0, 10_000))
def test_generated_services_findings_are_in_words(size: int, seed: int) -> None:
    service = generate_service(size, seed)
    _people_named(service, analyse(service).findings)


def test_a_numeric_staff_id_is_never_mistaken_for_a_count() -> None:
    """Staff ids from HR are often numbers: the words are built where the sentence is written,
    so '18 hours' stays '18 hours' when someone's staff id is 18."""
    demo = load_demo()
    renamed = {w.staff_id: str(18 + n) for n, w in enumerate(demo.workers)}
    rows = []
    for w in demo.workers:
        row = w.model_dump()
        for key in ("staff_id", "supervisor_id", "line_manager_id", "amhp_supervisor_id"):
            if row.get(key) in renamed:
                row[key] = renamed[row[key]]
        rows.append(row)
    service = Service.model_validate({**demo.model_dump(), "workers": rows})
    training = next(f for f in analyse(service).findings if f.code == "cpd_shortfall")
    assert "below 18 hours of training" in training.message
    _people_named(service, [training])
