"""Suggested supervision moves a principal social worker could act on (issue 20): never under
someone at a lower PCF level, ASYE workers supervised below the supervisor level moved first,
and the count of problems fixed true."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.analysis.supervision import supervision
from planner.present.supervision import load_chart, load_rows, problem_changes
from planner.reference.framework import load_framework
from planner.reference.policy import default_policy
from planner.whatif.reassign import reassign
from planner.whatif.reassign_suggest import suggest_moves
from planner.workforce.demo import generate_service
from planner.workforce.graph import build
from planner.workforce.models import Service, Team, Worker

ON = date(2026, 11, 1)


def _w(sid: str, level: str, sup: str | None = None, **kw: Any) -> Worker:
    return Worker.model_validate(
        {"staff_id": sid, "name": f"Person {sid}", "team": "T", "fte": 1.0, "pcf_level": level}
        | {"supervisor_id": sup, "start_date": date(2020, 1, 1), "swe_registration": "SW1"}
        | kw
    )


def _service(*workers: Worker) -> Service:
    return Service(
        name="S", local_authority="LA", as_of=ON, teams=(Team(name="T"),), workers=workers
    )


def test_a_senior_practitioner_is_never_moved_under_a_main_grade_worker() -> None:
    # Seen on the demo: a senior practitioner suggested to move under an experienced social
    # worker who holds no post.
    policy = default_policy().with_changes(max_supervisees=2)
    service = _service(
        _w("M", "advanced"),
        _w("SP", "experienced", "M", posts=("senior_practitioner",)),
        _w("X1", "social_worker", "M"),
        _w("X2", "social_worker", "M"),  # M has three supervisees: one over the limit
        _w("O", "experienced", external_supervisor="Agency"),  # may supervise, holds no post
    )
    advice = suggest_moves(service, policy)
    assert advice.moves and not advice.unresolved
    assert all(s.move.staff_id != "SP" for s in advice.moves)
    fw = load_framework()
    for s in advice.moves:
        mover, to = service.worker(s.move.staff_id), service.worker(s.move.new_supervisor_id)
        assert mover and to and mover.pcf_level and to.pcf_level
        assert fw.rank(to.pcf_level) >= fw.rank(mover.pcf_level), s


def test_an_asye_worker_supervised_below_the_level_is_moved_first() -> None:
    policy = default_policy()
    low = "social_worker" if policy.supervisor_min_level != "social_worker" else "asye"
    service = _service(
        _w("L", "advanced"),
        _w("J", low, "L"),
        _w("A", "asye", "J", start_date=date(2024, 1, 1)),  # ASYE under someone below the level
    )
    result = supervision(build(service), policy)
    assert any(i.rule == "asye_supervisor_below_level" for i in result.issues)
    advice = suggest_moves(service, policy)
    assert [(s.move.staff_id, s.move.new_supervisor_id) for s in advice.moves][:1] == [("A", "L")]
    changed = reassign(service, [s.move for s in advice.moves], policy)
    assert isinstance(changed, Service)
    after = supervision(build(changed), policy)
    assert not any(i.rule == "asye_supervisor_below_level" for i in after.issues)


def test_problems_fixed_counts_the_over_capacity_problem_the_moves_remove() -> None:
    service, policy = generate_service(300, seed=3), default_policy()
    advice = suggest_moves(service, policy)
    changed = reassign(service, [s.move for s in advice.moves], policy)
    assert isinstance(changed, Service)
    before, after = supervision(build(service), policy), supervision(build(changed), policy)
    relieved = {s.staff_id for s in before.supervisors if s.over_hours or s.over_max} - {
        s.staff_id for s in after.supervisors if s.over_hours or s.over_max
    }
    assert relieved
    fixed, _ = problem_changes(before, after, service)
    assert {r["Person"].split("(")[-1].rstrip(")") for r in fixed} >= relieved


def test_the_chart_follows_the_over_capacity_filter() -> None:
    service = generate_service(300, seed=3)
    result = supervision(build(service), default_policy())
    rows = load_rows(result, service, over_only=True)
    assert rows and all(r["Over capacity"] for r in rows)
    drawn = load_chart(rows).to_dict()
    values = (
        next(iter(drawn["datasets"].values())) if "datasets" in drawn else drawn["data"]["values"]
    )
    assert len(values) == len(rows)


def test_the_chart_colours_in_words_not_true_and_false() -> None:
    service = generate_service(300, seed=3)
    rows = load_rows(supervision(build(service), default_policy()), service, over_only=False)
    drawn = load_chart(rows).to_dict()
    values = (
        next(iter(drawn["datasets"].values())) if "datasets" in drawn else drawn["data"]["values"]
    )
    assert {v["Load"] for v in values} <= {
        "Within the limits",
        "Over a limit (hours or supervisees)",
    }
