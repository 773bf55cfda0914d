"""One report: the graph built once, the three analyses and the departure sweep run over it.

`analyse` is the entry point the CLI, the workbook and the pages call. The report carries the
as-of date, the policy table (every value, its default and its source), each analysis with its
findings, and every source the report cites, so each figure can be traced back.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.analysis.actions import Action, actions
from planner.analysis.amhp import amhp_sufficiency
from planner.analysis.amhp_approvals import add_months
from planner.analysis.findings import Finding, by_severity, finding, uk_date
from planner.analysis.leadership import leadership
from planner.analysis.pension_age_findings import pension_age_findings
from planner.analysis.population_basis import population_basis
from planner.analysis.recruitment import recruitment_findings
from planner.analysis.results import AmhpSufficiency, LeadershipCover, SupervisionResult
from planner.analysis.supervision import supervision
from planner.analysis.sweep import DepartureImpact, departure_sweep
from planner.gc_pause import collector_paused
from planner.reference.policy import Policy, PolicyRow, default_policy, policy_table
from planner.workforce.capacity import CaseworkCapacity, casework_capacity
from planner.workforce.graph import WorkforceGraph, build
from planner.workforce.models import Service
from planner.workforce.names import Names, listed

TOP_DEPARTURES = 3


class Leadership(LeadershipCover):
    departure_sweep: list[DepartureImpact]


class SourceRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    citation: str
    licence: str | None


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    service: str
    local_authority: str
    as_of: date
    headcount: int
    casework: CaseworkCapacity
    policy: list[PolicyRow]
    amhp: AmhpSufficiency
    supervision: SupervisionResult
    leadership: Leadership
    findings: list[Finding]
    actions: list[Action]
    sources: list[SourceRow]


def analyse(
    service: Service,
    policy: Policy | None = None,
    as_of: date | None = None,
    population_year: int | None = None,
) -> Report:
    """AMHP sufficiency, supervision capacity and leadership cover for a service on a date."""
    return analyse_graph(build(service, as_of), policy or default_policy(), population_year)


def analyse_graph(wg: WorkforceGraph, policy: Policy, population_year: int | None = None) -> Report:
    """The same, over a graph already built (the app builds it once per service and date)."""
    with collector_paused():
        return _analyse(wg, policy, population_year)


def _analyse(wg: WorkforceGraph, policy: Policy, population_year: int | None) -> Report:
    population = population_basis(wg.service, population_year, wg.as_of)
    amhp = amhp_sufficiency(wg, policy, population)
    sup = supervision(wg, policy)
    cover = leadership(wg, policy, add_months(wg.as_of, policy.horizon_months))
    sweep = departure_sweep(wg, policy, population.people(policy.population_basis))
    lead = Leadership.model_construct(
        **{
            **dict(cover),
            "departure_sweep": sweep,
            "findings": [
                *cover.findings,
                *sweep_findings(wg, policy, sweep, cover.horizon_end),
                *recruitment_findings(wg, cover, policy),
                *pension_age_findings(wg, cover, policy),
            ],
        }
    )
    findings = by_severity([*amhp.findings, *sup.findings, *lead.findings])
    table = policy_table(policy)
    return Report(
        service=wg.service.name,
        local_authority=wg.service.local_authority,
        as_of=wg.as_of,
        headcount=len(wg.index),
        casework=casework_capacity(wg.index.workers, policy, wg.as_of),
        policy=table,
        amhp=amhp,
        supervision=sup,
        leadership=lead,
        findings=findings,
        actions=actions(wg, findings),
        sources=_sources(wg, findings, table, amhp),
    )


def _losses(d: DepartureImpact, names: Names) -> str:
    parts = []
    if d.needed_posts_vacant:
        parts.append(f"leave {names.posts(d.needed_posts_vacant)} vacant")
    if d.functions_uncovered:
        parts.append(f"leave {names.functions(d.functions_uncovered)} uncovered")
    if d.categories_without_eligible:
        cats = ", ".join(d.categories_without_eligible)
        parts.append(f"leave nobody eligible for role category {cats}")
    if d.new_single_points:
        parts.append(f"leave {names.functions(d.new_single_points)} resting on one person")
    if d.supervisees_orphaned:
        parts.append(f"leave {len(d.supervisees_orphaned)} without a supervisor")
    if d.amhp_lost:
        parts.append("take away an AMHP")
    return listed(parts, len(parts)) or "change little"


def sweep_findings(
    wg: WorkforceGraph, policy: Policy, sweep: list[DepartureImpact], horizon_end: date
) -> list[Finding]:
    out = []
    top = [d for d in sweep[:TOP_DEPARTURES] if d.score > 0]
    if top:
        out.append(
            finding(
                "leadership",
                "highest_impact_departures",
                "amber",
                "The departures that would hurt most: "
                + " ".join(
                    f"({n}) {wg.names.person(d.staff_id)} would {_losses(d, wg.names)}."
                    for n, d in enumerate(top, start=1)
                ),
                evidence=[d.staff_id for d in top],
                policy=policy,
                used=("departure_weights",),
            )
        )
    for d in sweep:
        w = wg.worker(d.staff_id)
        leaving = w.planned_leaving_date if w else None
        if leaving is None or leaving > horizon_end or d.score == 0:
            continue
        hard = bool(d.needed_posts_vacant or d.functions_uncovered or d.categories_without_eligible)
        out.append(
            finding(
                "leadership",
                "planned_departure",
                "red" if hard else "amber",
                f"{wg.names.person(d.staff_id)} plans to leave on {uk_date(leaving)}; that would "
                f"{_losses(d, wg.names)}.",
                evidence=[d.staff_id, *d.needed_posts_vacant, *d.functions_uncovered],
                policy=policy,
                used=("horizon_months", "departure_weights"),
            )
        )
    return out


def _sources(
    wg: WorkforceGraph, findings: list[Finding], table: list[PolicyRow], amhp: AmhpSufficiency
) -> list[SourceRow]:
    ids = {s for f in findings for s in f.sources}
    ids |= {row.source for row in table}
    ids |= {b.source for b in amhp.benchmarks}
    if amhp.population.source_id:
        ids.add(amhp.population.source_id)
    fw = wg.framework
    return [
        SourceRow(id=sid, citation=fw.source(sid).citation(), licence=fw.source(sid).licence)
        for sid in sorted(ids)
    ]
