"""The demo service and the synthetic generator."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner.reference.policy import default_policy
from planner.workforce.checks import check_service
from planner.workforce.demo import demo_file, generate_service, load_demo
from planner.workforce.models import Contract, Supervision


def test_the_demo_loads_clean_and_realistic() -> None:
    s = load_demo()
    assert 30 <= len(s.workers) <= 40
    assert check_service(s, default_policy()) == []
    levels = Counter(w.pcf_level for w in s.workers)
    assert {"asye", "social_worker", "experienced", "advanced", "strategic"} <= set(levels)
    assert {Contract.AGENCY, Contract.FIXED_TERM} <= {w.contract for w in s.workers}
    assert any(w.fte < 1 for w in s.workers)
    assert sum(w.in_amhp_training(s.as_of) for w in s.workers) >= 2
    assert {t.kind for t in s.teams} >= {"community", "amhp_service"}


def test_the_demo_has_the_gaps_it_claims() -> None:
    s, policy = load_demo(), default_policy()
    assert len(demo_file().known_gaps) >= 4
    horizon = s.as_of.replace(year=s.as_of.year + 1)
    lapsing = [
        w.staff_id
        for w in s.workers
        if w.is_amhp(s.as_of) and w.amhp_approval_expires and w.amhp_approval_expires <= horizon
    ]
    assert lapsing == ["NB020", "NB024"]
    load = Counter(w.supervisor_id for w in s.workers)
    assert [sid for sid, n in load.items() if n > policy.max_supervisees] == ["NB004"]
    holders = Counter(code for w in s.workers for code in w.role_functions)
    assert {"A.vii", "C.vi", "D.iii"} <= {c for c, n in holders.items() if n == 1}
    lead = next(w for w in s.workers if "amhp_lead" in w.posts)
    assert lead.planned_leaving_date is not None and lead.planned_leaving_date <= horizon


def _valid(size: int, seed: int) -> None:
    s = generate_service(size, seed)
    assert len(s.workers) == size
    assert len({w.staff_id for w in s.workers}) == size
    assert [p for p in check_service(s, default_policy()) if p.severity == "error"] == []
    amhp_share = sum(w.is_amhp(s.as_of) for w in s.workers) / size
    assert 0.1 <= amhp_share <= 0.5
    assert s.adult_population and s.adult_population > 0
    assert sum(1 for w in s.workers if "principal_social_worker" in w.posts) == 1


@pytest.mark.parametrize("size", [10, 1000])
def test_generated_services_are_valid(size: int) -> None:
    _valid(size, seed=7)


@pytest.mark.slow
def test_a_generated_service_of_100000_is_valid() -> None:
    _valid(100_000, seed=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(min_value=10, max_value=400), seed=st.integers(0, 2**16))
@example(size=21, seed=441)  # one team drew 2 AMHPs in 21
def test_any_generated_service_is_valid_and_acyclic(size: int, seed: int) -> None:
    _valid(size, seed)
    s = generate_service(size, seed)
    # Every supervision chain ends at the principal social worker, who is supervised outside.
    by_id = {w.staff_id: w for w in s.workers}
    for w in s.workers:
        seen, node = set(), w
        while node.supervisor_id:
            assert node.staff_id not in seen
            seen.add(node.staff_id)
            node = by_id[node.supervisor_id]
        assert node.external_supervisor


def test_the_generator_is_repeatable() -> None:
    assert generate_service(60, seed=5) == generate_service(60, seed=5)
    assert generate_service(60, seed=5) != generate_service(60, seed=6)


def test_generated_amhp_supervisors_are_amhps() -> None:
    s = generate_service(300, seed=1)
    for w in s.workers:
        sup = w.supervisors().get(Supervision.AMHP)
        if sup:
            assert s.worker(sup) is not None and s.worker(sup).is_amhp(s.as_of)  # type: ignore[union-attr]
