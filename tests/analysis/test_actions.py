"""Findings grouped into actions (issue 18, item 7): every red and amber finding answers to
exactly one action, a service of any size gets at most ten, and a leaver's action names them."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.actions import MAX_ACTIONS
from planner.analysis.report import Report, analyse
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service


def _each_raised_finding_once(report: Report) -> None:
    grouped = [f for a in report.actions for f in a.findings]
    raised = [f for f in report.findings if f.severity != "green"]
    assert sorted(map(repr, grouped)) == sorted(map(repr, raised))
    for a in report.actions:
        assert a.severity == min((f.severity for f in a.findings), key=["red", "amber"].index)


def _many_leaving(service: Service, every: int) -> Service:
    """Every `every`th worker plans to leave within the year, on different days."""
    rows = [w.model_dump() for w in service.workers]
    for n, row in enumerate(rows):
        if n % every == 0:
            row["planned_leaving_date"] = service.as_of + timedelta(days=30 + n)
    return Service.model_validate({**service.model_dump(), "workers": rows})


@settings(max_examples=12, deadline=None)
@given(size=st.integers(10, 300), seed=st.integers(0, 10_000), every=st.integers(1, 6))
def test_any_service_gets_at_most_ten_actions_covering_every_alarm(
    size: int, seed: int, every: int
) -> None:
    report = analyse(_many_leaving(generate_service(size, seed), every))
    assert len(report.actions) <= MAX_ACTIONS
    _each_raised_finding_once(report)


def test_the_demo_reads_as_a_short_list_led_by_red() -> None:
    report = analyse(load_demo())
    _each_raised_finding_once(report)
    severities = [a.severity for a in report.actions]
    assert severities == sorted(severities, key=["red", "amber"].index)
    assert len(report.actions) < len([f for f in report.findings if f.severity != "green"])


def test_a_leavers_findings_make_one_action_that_names_them() -> None:
    demo = load_demo()
    lead = next(w for w in demo.workers if "amhp_lead" in w.posts)
    assert lead.planned_leaving_date is not None
    report = analyse(demo)
    mine = [
        a for a in report.actions if a.title.startswith(f"Plan for {lead.name} ({lead.staff_id})")
    ]
    assert len(mine) == 1
    assert {"planned_departure", "post_holder_leaving"} <= {f.code for f in mine[0].findings}
    assert f"{lead.planned_leaving_date:%d/%m/%Y}" in mine[0].title
