"""One succession plan for a service: critical positions, ranked candidates, first successors
by matching, development actions and the AMHP training pipeline (TCSW 2014 E.ii)."""

from __future__ import annotations

from datetime import date

from planner.analysis.findings import Finding, Severity, finding
from planner.analysis.population_basis import population_basis
from planner.analysis.report import Report, analyse_graph
from planner.reference.policy import Policy, default_policy
from planner.succession.candidates import Requirement, Scored, rank_candidates
from planner.succession.development import development_plans
from planner.succession.matching import first_successors
from planner.succession.models import (
    AmhpPipeline,
    Candidate,
    PositionPlan,
    SuccessionPlan,
)
from planner.succession.pipeline import amhp_pipeline
from planner.succession.positions import critical_positions
from planner.workforce.graph import WorkforceGraph, build
from planner.workforce.models import Service


def plan_service(
    service: Service, policy: Policy | None = None, as_of: date | None = None
) -> SuccessionPlan:
    """Build the graph, analyse the service and plan its succession in one call."""
    policy = policy or default_policy()
    wg = build(service, as_of)
    report = analyse_graph(wg, policy)
    population = population_basis(service, None, wg.as_of).people(policy.population_basis)
    return succession_plan(wg, report, policy, population)


def succession_plan(
    wg: WorkforceGraph, report: Report, policy: Policy, population: int | None
) -> SuccessionPlan:
    """`population`: the people served on the policy's population basis, for the AMHP target."""
    crit = critical_positions(wg, report, policy)
    end = report.leadership.horizon_end
    cache: dict[Requirement, Scored] = {}
    ranked = [
        rank_candidates(wg, req, p.incumbent, team, policy, end, cache) for p, req, team in crit
    ]
    firsts = first_successors(ranked, policy.max_first_successor_positions)
    plans = [
        PositionPlan(
            position=pos,
            candidates=cands,
            successors=_successors(first, cands),
        )
        for (pos, _, _), cands, first in zip(crit, ranked, firsts, strict=True)
    ]
    amhp = amhp_pipeline(wg, policy, population)
    return SuccessionPlan(
        as_of=wg.as_of,
        horizon_end=report.leadership.horizon_end,
        positions=plans,
        development=development_plans(plans, wg.as_of, policy),
        amhp=amhp,
        findings=[*_findings(plans, policy), *_pipeline_findings(amhp, policy)],
    )


def _successors(first: Candidate | None, ranked: list[Candidate]) -> list[Candidate]:
    """The matched first successor, then the next two ranked candidates."""
    if first is None:
        return []
    return [first, *[c for c in ranked if c.staff_id != first.staff_id][:2]]


def _findings(plans: list[PositionPlan], policy: Policy) -> list[Finding]:
    out = []
    for p in plans:
        if p.successors:
            continue
        pos = p.position
        severity: Severity = "red" if pos.risk.band == "high" else "amber"
        out.append(
            finding(
                "leadership",
                "succession_no_successor",
                severity,
                f"No successor can be named for {pos.name} ({pos.key}), held by "
                f"{pos.incumbent}: {_why_none(p, policy)}.",
                [pos.incumbent, pos.key],
                policy,
                ("max_first_successor_positions", "readiness_max_short_domains"),
            )
        )
    return out


def _pipeline_findings(amhp: AmhpPipeline, policy: Policy) -> list[Finding]:
    """The AMHP workforce as a pool (TCSW 2014 E.ii): trainees to start to hold the target."""
    starts = [y.starts_needed for y in amhp.years]
    if not any(starts):
        return []
    by_year = ", ".join(f"{n} in year {k}" for k, n in enumerate(starts, start=1) if n)
    severity: Severity = "red" if amhp.headcount < amhp.target else "amber"
    return [
        finding(
            "amhp",
            "succession_amhp_pipeline",
            severity,
            f"To hold {amhp.target} AMHPs over the horizon, {sum(starts)} more people must "
            f"start AMHP training ({by_year}), beyond the {amhp.in_training} in training now.",
            (),
            policy,
            (
                "amhp_target_per_100k",
                "annual_turnover",
                "amhp_reapproval_rate",
                "amhp_approval_lag_months",
                "amhp_training_months",
                "horizon_months",
            ),
        )
    ]


def _why_none(p: PositionPlan, policy: Policy) -> str:
    if not p.candidates:
        return "nobody else in the service could grow into it"
    n = policy.max_first_successor_positions
    return f"every candidate is already first successor for {n} other position(s)"
