"""Invariants over many services: generated ones, then roughed up (levels changed, approvals
moved, supervisors re-pointed so loops and missing links appear, people given leaving dates)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.findings import SEVERITY_ORDER
from planner.analysis.reanalysis import departure_by_reanalysis
from planner.analysis.report import Report, analyse
from planner.reference.policy import default_policy
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service, Worker

LEVELS = ["asye", "social_worker", "experienced", "advanced", "strategic"]
AS_OF = date(2026, 11, 1)


@st.composite
def services(draw: st.DrawFn, max_size: int = 40) -> Service:
    s = generate_service(draw(st.integers(10, max_size)), draw(st.integers(0, 10_000)))
    rows = [w.model_dump() for w in s.workers]
    ids = [w.staff_id for w in s.workers]
    for _ in range(draw(st.integers(0, 8))):
        row = rows[draw(st.integers(0, len(rows) - 1))]
        change = draw(st.sampled_from(["level", "approval", "supervisor", "leaving", "posts"]))
        if change == "level" and row["pcf_level"] not in (None, "last_placement"):
            row["domain_levels"] = draw(st.dictionaries(st.integers(1, 9), st.sampled_from(LEVELS)))
        elif change == "approval":
            start = AS_OF + timedelta(days=draw(st.integers(-2000, 200)))
            row.update(amhp_approved_on=start, amhp_approval_expires=start + timedelta(days=1800))
        elif change == "supervisor":
            row["supervisor_id"] = draw(st.sampled_from([*ids, "GONE", None]))
        elif change == "leaving":
            row["planned_leaving_date"] = AS_OF + timedelta(days=draw(st.integers(1, 600)))
        elif change == "posts" and row["pcf_level"] != "last_placement":
            row["posts"] = draw(
                st.lists(st.sampled_from(["amhp_lead", "team_manager"]), unique=True)
            )
    return s.with_workers(tuple(Worker.model_validate(r) for r in rows))


def _worse(after: str, before: str) -> bool:
    return SEVERITY_ORDER[after] < SEVERITY_ORDER[before]  # type: ignore[index]


def _amhp_severities(r: Report) -> dict[str, str]:
    return {f.code: f.severity for f in r.amhp.findings if f.code in _SUFFICIENCY}


_SUFFICIENCY = {"per_100k_against_target", "demand_against_duty", "rota_cover"}


@settings(max_examples=40)
@given(
    service=services(),
    fte=st.sampled_from([0.2, 0.5, 0.8, 1.0]),
    rota=st.sampled_from([0.0, 0.3, 1.0]),
    level=st.sampled_from(["experienced", "advanced"]),
    leaves=st.none() | st.integers(1, 400),
)
def test_adding_a_qualified_amhp_never_lowers_sufficiency(
    service: Service, fte: float, rota: float, level: str, leaves: int | None
) -> None:
    approved = AS_OF - timedelta(days=100)
    amhp = Worker(
        staff_id="NEW-AMHP",
        name="New Amhp",
        team=service.teams[-1].name,
        fte=fte,
        pcf_level=level,
        swe_registration="SW99999",
        amhp_approved_on=approved,
        amhp_approval_expires=approved + timedelta(days=1800),
        amhp_cpd_hours=20,
        amhp_rota_share=rota,
        planned_leaving_date=AS_OF + timedelta(days=leaves) if leaves else None,
    )
    before, after = analyse(service), analyse(service.with_worker(amhp))
    a, b = before.amhp, after.amhp
    assert b.headcount == a.headcount + 1
    assert b.fte >= a.fte and b.duty_fte >= a.duty_fte
    assert (b.per_100k_adults or 0) >= (a.per_100k_adults or 0)
    assert (b.headcount_shortfall or 0) <= (a.headcount_shortfall or 0)
    assert (b.fte_shortfall or 0) <= (a.fte_shortfall or 0)
    assert (b.rota_fte_shortfall or 0) <= (a.rota_fte_shortfall or 0)
    for m_before, m_after in zip(a.horizon.months, b.horizon.months, strict=True):
        assert m_after.headcount >= m_before.headcount
    for code, severity in _amhp_severities(after).items():
        assert not _worse(severity, _amhp_severities(before)[code]), code


def _coverage(r: Report) -> dict[str, int]:
    lead = r.leadership
    cover: dict[str, int] = {f"function {f.code}": f.covered for f in lead.functions}
    cover |= {f"eligible {c.code}": c.eligible for c in lead.categories}
    cover["needed posts filled"] = sum(p.needed and bool(p.holders) for p in lead.posts)
    cover["AMHPs"] = r.amhp.headcount
    cover["may supervise"] = r.supervision.may_supervise
    return cover


@settings(max_examples=40)
@given(service=services(), pick=st.integers(0, 10_000))
def test_removing_a_worker_never_raises_coverage(service: Service, pick: int) -> None:
    gone = service.workers[pick % len(service.workers)].staff_id
    before, after = _coverage(analyse(service)), _coverage(analyse(service.without(gone)))
    assert all(after[k] <= before[k] for k in before), {
        k: (before[k], after[k]) for k in before if after[k] > before[k]
    }


def _comparable(impact: Any) -> dict[str, Any]:
    d = impact.model_dump()
    d.pop("rank")
    return {k: sorted(v) if isinstance(v, list) else v for k, v in d.items()}


@settings(max_examples=40)
@given(
    service=services(max_size=25),
    picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=4),
    bench=st.integers(1, 4),
)
def test_the_sweep_equals_a_fresh_analysis_without_each_worker(
    service: Service, picks: list[int], bench: int
) -> None:
    """Whatever bench makes a single point of failure, the sweep's 'new single points' are the
    ones a fresh analysis without the worker finds."""
    policy = default_policy().with_changes(single_point_bench=bench)
    report = analyse(service, policy)
    sweep = {d.staff_id: d for d in report.leadership.departure_sweep}
    assert len(sweep) == len(service.workers)
    for pick in picks:
        sid = service.workers[pick % len(service.workers)].staff_id
        slow = departure_by_reanalysis(service, sid, policy, before=report)
        fast, naive = _comparable(sweep[sid]), _comparable(slow)
        assert fast.pop("duty_fte_lost") == _approx(naive.pop("duty_fte_lost"))
        assert fast == naive, sid


def _approx(x: float) -> Any:
    return pytest.approx(x, abs=1e-3)


def test_the_sweep_is_ranked_by_score() -> None:
    sweep = analyse(generate_service(120, 5)).leadership.departure_sweep
    assert [d.rank for d in sweep] == list(range(1, len(sweep) + 1))
    scores = [d.score for d in sweep]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_on_the_demo_the_sweep_equals_reanalysis_for_everyone() -> None:
    service = load_demo()
    policy = default_policy()
    report = analyse(service, policy)
    for fast in report.leadership.departure_sweep:
        slow = departure_by_reanalysis(service, fast.staff_id, policy, before=report)
        a, b = _comparable(fast), _comparable(slow)
        assert a.pop("duty_fte_lost") == _approx(b.pop("duty_fte_lost"))
        assert a == b, fast.staff_id
