"""The succession plan as the Leadership page shows it: gaps and actions in plain words, the
readiness filter, counts per band, positions with no successor, and the AMHP pipeline."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from planner.present.succession import (
    BANDS,
    NO_SUCCESSOR,
    band_counts,
    development_rows,
    gap_text,
    pipeline_rows,
    position_rows,
)
from planner.succession.models import Gap, SuccessionPlan
from planner.succession.plan import plan_service
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service


@cache
def big() -> tuple[Service, SuccessionPlan]:
    service = generate_service(1000, seed=1)
    return service, plan_service(service)


def test_gaps_read_as_plain_words() -> None:
    assert (
        gap_text(Gap(domain=9, from_level="experienced", to_level="advanced"))
        == "Domain 9 Professional Leadership: Experienced -> Advanced"
    )
    assert (
        gap_text(Gap(domain=None, from_level=None, to_level="social_worker"))
        == "Overall PCF level: none -> Social worker"
    )


def test_each_band_filter_keeps_its_own_positions_and_all_add_up() -> None:
    service, plan = big()
    every = position_rows(plan, service)
    assert len(every) == len(plan.positions)
    parts = [position_rows(plan, service, [b]) for b in BANDS]
    assert sum(len(p) for p in parts) == len(every)
    for b, rows in zip(BANDS, parts, strict=True):
        assert all(r["Readiness"] == b for r in rows)
    assert [c["Positions"] for c in band_counts(plan)] == [len(p) for p in parts]


def test_positions_without_a_successor_say_so() -> None:
    service, plan = big()
    rows = position_rows(plan, service, [NO_SUCCESSOR])
    assert rows, "the 1,000-worker service has positions nobody can succeed to"
    assert all(r["First successor"] == NO_SUCCESSOR and not r["Gaps"] for r in rows)


def test_development_actions_name_levels_not_ids() -> None:
    demo = load_demo()
    plan = plan_service(demo)
    people = development_rows(plan, demo)
    assert len(people) == len(plan.development)
    texts = [a["Action"] for rows in people.values() for a in rows]
    assert any("->" in t for t in texts)
    assert not any(re.search(r"[a-z]+_[a-z]+", t) for t in texts)


def test_pipeline_rows_follow_the_plan() -> None:
    plan = plan_service(load_demo())
    rows = pipeline_rows(plan)
    assert [r["Trainees to start"] for r in rows] == [y.starts_needed for y in plan.amhp.years]


def test_positions_say_when_the_incumbent_may_reach_state_pension_age() -> None:
    from pathlib import Path

    from planner.reference.strict_yaml import read_yaml

    case = Path(__file__).resolve().parent / "cases" / "state_pension_age.yaml"
    service = Service.model_validate(read_yaml(case)["service"])
    rows = {r["Position"]: r for r in position_rows(plan_service(service), service)}
    manager = rows["Team manager, Parkside CMHT"]
    assert manager["May reach State Pension age"] == date(2027, 10, 1)
    assert manager["Risk"].startswith("medium: may reach State Pension age by 2027-10-01")
