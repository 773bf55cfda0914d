"""The departure sweep done the slow, obvious way, to check the fast one and to time against.

Analyse the service again without one worker and read the loss off the two reports. The
property tests hold `departure_sweep` equal to this for every worker they try; the benchmark
times it on a sample to show what counting contributions saves.
"""

from __future__ import annotations

from datetime import date

from planner.analysis.report import Report, analyse
from planner.analysis.sweep import DepartureImpact, score
from planner.reference.policy import Policy, default_policy
from planner.workforce.models import Service


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

    def single_functions(r: Report) -> set[str]:
        return {s.id for s in r.leadership.single_points if s.kind == "function"}

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
        new_single_points=new(single_functions(after), single_functions(before)),
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
        amhp_per_100k_after=after.amhp.per_100k,
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
