"""Properties of the succession plan on generated services (TCSW 2014 E.ii)."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.reference.policy import default_policy
from planner.succession.matching import first_successors
from planner.succession.models import Candidate, SuccessionPlan
from planner.succession.plan import plan_service
from planner.workforce.demo import generate_service

POLICY = default_policy()


def _plan(size: int, seed: int, cap: int) -> SuccessionPlan:
    policy = POLICY.model_copy(update={"max_first_successor_positions": cap})
    return plan_service(generate_service(size, seed), policy)


services = st.tuples(st.integers(10, 80), st.integers(0, 10_000), st.integers(1, 3))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services)
def test_first_successor_cap(args: tuple[int, int, int]) -> None:
    size, seed, cap = args
    plan = _plan(size, seed, cap)
    firsts = Counter(p.successors[0].staff_id for p in plan.positions if p.successors)
    assert all(n <= cap for n in firsts.values())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services)
def test_incumbent_never_own_successor(args: tuple[int, int, int]) -> None:
    plan = _plan(*args)
    for p in plan.positions:
        assert p.position.incumbent not in {c.staff_id for c in p.candidates}
        assert p.position.incumbent not in {c.staff_id for c in p.successors}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services)
def test_ready_now_has_no_gaps(args: tuple[int, int, int]) -> None:
    plan = _plan(*args)
    for p in plan.positions:
        for c in p.candidates:
            assert (c.readiness == "ready_now") == (not c.gaps and not c.missing)
        assert [c.score for c in p.candidates] == sorted(
            (c.score for c in p.candidates), reverse=True
        )
        no_successor = {f.evidence[1] for f in plan.findings if f.code == "succession_no_successor"}
        assert (not p.successors) == (p.position.key in no_successor)


def _brute_force_total(ranked: list[list[Candidate]], cap: int) -> float:
    """Best total score by trying every assignment (tiny inputs only)."""
    best = 0.0

    def walk(row: int, used: Counter[str], total: float) -> None:
        nonlocal best
        if row == len(ranked):
            best = max(best, total)
            return
        walk(row + 1, used, total)
        for c in ranked[row]:
            if used[c.staff_id] < cap:
                used[c.staff_id] += 1
                walk(row + 1, used, total + c.score)
                used[c.staff_id] -= 1

    walk(0, Counter(), 0.0)
    return best


scores = st.lists(
    st.lists(st.tuples(st.sampled_from("abcd"), st.integers(1, 50)), max_size=3),
    min_size=1,
    max_size=4,
)


@settings(max_examples=100, deadline=None)
@given(scores, st.integers(1, 2))
def test_matching_equals_brute_force(rows: list[list[tuple[str, int]]], cap: int) -> None:
    ranked = [
        [
            Candidate(staff_id=s, readiness="ready_now", score=float(v), gaps=[], missing=[])
            for s, v in dict(row).items()
        ]
        for row in rows
    ]
    chosen = first_successors(ranked, cap)
    assert sum(c.score for c in chosen if c) == _brute_force_total(ranked, cap)
    assert all(n <= cap for n in Counter(c.staff_id for c in chosen if c).values())
