"""One report: the graph built once, the three analyses and the departure sweep run over it.

`analyse` is the entry point the CLI, the workbook and the pages call. The report carries the
as-of date, the policy table (every value, its default and its source), each analysis with its
findings, and every source the report cites, so each figure can be traced back.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.analysis.amhp import AmhpSufficiency, amhp_sufficiency
from planner.analysis.amhp_horizon import add_months
from planner.analysis.findings import Finding, by_severity, finding, uk_date
from planner.analysis.leadership import LeadershipCover, leadership
from planner.analysis.population_basis import population_basis
from planner.analysis.supervision import SupervisionResult, supervision
from planner.analysis.sweep import DepartureImpact, departure_sweep, score
from planner.bulk import collector_paused
from planner.graph import WorkforceGraph, build
from planner.models import Service
from planner.policy import Policy, PolicyRow, default_policy, policy_table

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
    policy: list[PolicyRow]
    amhp: AmhpSufficiency
    supervision: SupervisionResult
    leadership: Leadership
    findings: list[Finding]
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
    sweep = departure_sweep(wg, policy, population.adults)
    lead = Leadership.model_construct(
        **{
            **dict(cover),
            "departure_sweep": sweep,
            "findings": [*cover.findings, *sweep_findings(wg, policy, sweep, cover.horizon_end)],
        }
    )
    findings = by_severity([*amhp.findings, *sup.findings, *lead.findings])
    table = policy_table(policy)
    return Report(
        service=wg.service.name,
        local_authority=wg.service.local_authority,
        as_of=wg.as_of,
        headcount=len(wg.index),
        policy=table,
        amhp=amhp,
        supervision=sup,
        leadership=lead,
        findings=findings,
        sources=_sources(wg, findings, table, amhp),
    )


def _losses(d: DepartureImpact) -> str:
    parts = []
    if d.needed_posts_vacant:
        parts.append(f"leave {', '.join(d.needed_posts_vacant)} vacant")
    if d.functions_uncovered:
        parts.append(f"leave {', '.join(d.functions_uncovered)} uncovered")
    if d.categories_without_eligible:
        parts.append(f"leave nobody eligible for {', '.join(d.categories_without_eligible)}")
    if d.new_single_points:
        parts.append(f"leave {', '.join(d.new_single_points)} resting on one person")
    if d.supervisees_orphaned:
        parts.append(f"leave {len(d.supervisees_orphaned)} without a supervisor")
    if d.amhp_lost:
        parts.append("take away an AMHP")
    return "; ".join(parts) or "change little"


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
                + "; ".join(f"{d.staff_id} ({_losses(d)})" for d in top)
                + ".",
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
                f"{d.staff_id} plans to leave on {uk_date(leaving)}; that would {_losses(d)}.",
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


def impact_between(before: Report, after: Report, staff_id: str, policy: Policy) -> DepartureImpact:
    """What one departure cost, read off two reports: the service with and without them."""

    def keys(r: Report, needed: bool) -> set[str]:
        rows = r.leadership.posts
        if needed:
            return {p.key for p in rows if p.needed and not p.holders}
        return {p.key for p in rows if p.holders}

    def functions(r: Report, covered: int | None) -> set[str]:
        rows = r.leadership.functions
        return {
            f.code for f in rows if (f.covered > 0 if covered is None else f.covered == covered)
        }

    def orphans(r: Report, rule: str) -> set[str]:
        return {i.staff_id for i in r.supervision.issues if i.rule == rule}

    def new(a: set[str], b: set[str]) -> list[str]:
        return sorted(a - b)

    eligible = {c.code for c in before.leadership.categories if c.eligible}
    impact = DepartureImpact(
        staff_id=staff_id,
        rank=0,
        score=0,
        posts_vacated=new(keys(before, False), keys(after, False)),
        needed_posts_vacant=new(keys(after, True), keys(before, True)),
        functions_uncovered=new(functions(before, None), functions(after, None)),
        new_single_points=new(functions(after, 1), functions(before, 1)),
        categories_without_eligible=new(
            eligible, {c.code for c in after.leadership.categories if c.eligible}
        ),
        supervisees_orphaned=new(
            *(orphans(r, "supervisor_not_in_service") for r in (after, before))
        ),
        line_reports_orphaned=new(
            *(orphans(r, "line_manager_not_in_service") for r in (after, before))
        ),
        amhp_supervisees_orphaned=new(
            *(orphans(r, "amhp_supervisor_not_in_service") for r in (after, before))
        ),
        amhp_lost=before.amhp.headcount - after.amhp.headcount == 1,
        duty_fte_lost=round(before.amhp.duty_fte - after.amhp.duty_fte, 4),
        amhp_per_100k_after=after.amhp.per_100k_adults,
    )
    return impact.model_copy(update={"score": score(impact, policy.departure_weights)})


def departure_by_reanalysis(
    service: Service,
    staff_id: str,
    policy: Policy | None = None,
    as_of: date | None = None,
    before: Report | None = None,
) -> DepartureImpact:
    """The naive way: analyse the service again without the worker and compare the reports."""
    policy = policy or default_policy()
    before = before or analyse(service, policy, as_of)
    after = analyse(service.without(staff_id), policy, as_of)
    return impact_between(before, after, staff_id, policy)
