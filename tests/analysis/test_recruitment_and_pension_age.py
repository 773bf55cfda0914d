"""Who the recruitment-timing and State Pension age rules raise, and who they leave alone, on the
worked cases (tests/cases/recruit_before_they_go.yaml, state_pension_age.yaml); that they name
people and posts in words; and that they add little to the demo (issue 18: fewer, truer alarms)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.analysis.report import Report, analyse
from planner.reference.strict_yaml import read_yaml
from planner.succession.plan import plan_service
from planner.workforce.demo import load_demo
from planner.workforce.models import Service

CASES = Path(__file__).resolve().parent.parent / "cases"


def _case(name: str) -> Service:
    return Service.model_validate(read_yaml(CASES / f"{name}.yaml")["service"])


def _raised(report: Report, *codes: str) -> dict[str, tuple[str, str]]:
    """Each person the findings with these codes name first: their severity and sentence."""
    return {f.evidence[0]: (f.severity, f.message) for f in report.findings if f.code in codes}


def test_recruitment_is_raised_only_where_a_needed_post_must_go_out_within_the_horizon() -> None:
    raised = _raised(
        analyse(_case("recruit_before_they_go")), "recruitment_too_late", "recruitment_start_by"
    )
    # W3 starts recruiting after the horizon; W4 holds no post; W5 is not leaving.
    assert {sid: sev for sid, (sev, _) in raised.items()} == {"W1": "red", "W2": "amber"}
    assert not any("@" in message or "_" in message for _, message in raised.values())


def test_a_post_someone_qualified_keeps_holding_needs_no_recruitment() -> None:
    service = _case("recruit_before_they_go")
    w1 = service.worker("W1")
    assert w1 is not None
    stays = w1.model_copy(
        update={
            "staff_id": "W9",
            "name": "Walt Young",
            "planned_leaving_date": None,
            "swe_registration": "SW8009",
        }
    )
    raised = _raised(
        analyse(service.with_worker(stays)), "recruitment_too_late", "recruitment_start_by"
    )
    assert "W1" not in raised


def test_too_late_counts_the_vacancy_from_today() -> None:
    report = analyse(_case("recruit_before_they_go"), as_of=date(2026, 12, 15))
    # Filled 137 days after 15/12/2026 is 01/05/2027: about 3 months after 01/02/2027.
    assert "vacant about 3 months" in _raised(report, "recruitment_too_late")["W1"][1]


def test_state_pension_age_is_amber_only_for_a_needed_post_or_sole_cover() -> None:
    report = analyse(_case("state_pension_age"))
    raised = _raised(report, "state_pension_age")
    assert {sid: sev for sid, (sev, _) in raised.items()} == {
        "P1": "amber",
        "P2": "amber",
        "P3": "amber",
    }
    watch = _raised(report, "state_pension_age_watch")
    assert list(watch) == ["P4"] and watch["P4"][0] == "green"
    named = " ".join(m for _, m in [*raised.values(), *watch.values()])
    assert "P5" not in named and "P6" not in named  # after the horizon; a leaving date given


def test_the_succession_plan_counts_state_pension_age_as_a_risk() -> None:
    plan = plan_service(_case("state_pension_age"))
    risk = {p.position.key: p.position.risk for p in plan.positions}
    psw = risk["post:principal_social_worker:P1"]
    assert psw.band == "medium" and psw.may_reach_pension_age == date(2024, 1, 1)
    assert "may already have reached State Pension age (born 1958)" in psw.reasons
    manager = risk["post:team_manager@Parkside CMHT:P2"]
    assert manager.band == "medium" and manager.may_reach_pension_age == date(2027, 10, 1)
    assert risk["function:C.i"].may_reach_pension_age == date(2027, 10, 1)
    # Born 1962: 67 on 01/01/2029 at the earliest, after the horizon: turnover alone.
    assert risk["function:D.i"].band == "low" and risk["function:D.i"].may_reach_pension_age is None


def test_the_demo_gains_few_findings() -> None:
    codes = (
        "recruitment_too_late",
        "recruitment_start_by",
        "state_pension_age",
        "state_pension_age_watch",
    )
    new = [f for f in analyse(load_demo()).findings if f.code in codes]
    assert len(new) <= 3
    assert sum(f.severity in ("red", "amber") for f in new) <= 2


def test_each_rule_joins_the_action_a_manager_would_take() -> None:
    report = analyse(load_demo())
    mine = [a.title for a in report.actions for f in a.findings if f.code == "recruitment_start_by"]
    # Each leaver's recruitment date sits with the rest of their leaving, not apart from it.
    assert sorted(mine) == [
        "Plan for Joanne Hughes (NB005) leaving on 30/11/2027",
        "Plan for Marcus Bell (NB002) leaving on 31/03/2027",
    ]
    pension = analyse(_case("state_pension_age"))
    titles = {a.title for a in pension.actions for f in a.findings if f.code == "state_pension_age"}
    assert titles == {"Name and develop successors where a post or function rests on one person"}
