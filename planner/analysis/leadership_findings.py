"""The leadership findings: needed posts, their holders and bench, and role-function cover.

A needed post left vacant, or a category nobody is eligible for, is red; a post or function
resting on one person with fewer than the policy's bench of others eligible (`single_point_bench`),
or a function allocated below its category's required level (TCSW 2014:
category C's allocation note, category E's minimum level), is amber.
"""

from __future__ import annotations

from planner.analysis.findings import Finding, agree, finding, plural, uk_date
from planner.analysis.results import CategoryCover, FunctionCover, LeadershipCover
from planner.reference.policy import Policy
from planner.workforce.names import Names, listed


def leadership_findings(r: LeadershipCover, policy: Policy, names: Names) -> list[Finding]:
    return [*_post_findings(r, policy, names), *_function_findings(r, policy, names)]


def _post_findings(r: LeadershipCover, policy: Policy, names: Names) -> list[Finding]:
    needed = [p for p in r.posts if p.needed]
    single = {s.id for s in r.single_points if s.kind == "post"}
    vacant = [p.key for p in needed if p.status == "vacant"]
    out = [
        finding(
            "leadership",
            "needed_posts",
            "red" if vacant else "green",
            f"{plural(len(vacant), 'needed post')} vacant: {names.posts(vacant)}."
            if vacant
            else f"All {len(needed)} posts the service needs are filled.",
            evidence=vacant,
            sources=("dhsc-care-act-guidance", "amhp-standards-2019", "basw-peps-2020"),
        )
    ]
    for p in needed:
        if p.status == "unqualified":
            out.append(
                finding(
                    "leadership",
                    "post_holder_unqualified",
                    "amber",
                    f"{names.post(p.key)} is held by {names.people(p.holders)}, who "
                    f"{agree(len(p.holders), 'does', 'do')} not meet its "
                    "level or credentials.",
                    evidence=[p.key, *p.holders],
                )
            )
        if p.holders_leaving:
            all_go = len(p.holders_leaving) == len(p.holders)
            out.append(
                finding(
                    "leadership",
                    "post_holder_leaving",
                    # red when nobody, or fewer than the bench, could step in
                    "red" if all_go and p.bench_in_service < policy.single_point_bench else "amber",
                    f"{names.post(p.key)}: {names.people(p.holders_leaving)} "
                    f"{agree(len(p.holders_leaving), 'plans', 'plan')} to leave by "
                    f"{uk_date(r.horizon_end)}"
                    + (f"; {plural(p.bench_in_service, 'other')} eligible now." if all_go else "."),
                    evidence=[p.key, *p.holders_leaving],
                    policy=policy,
                    used=("horizon_months", "single_point_bench"),
                )
            )
        if p.key in single:
            out.append(
                finding(
                    "leadership",
                    "post_without_bench",
                    "amber",
                    f"{names.post(p.key)} rests on {names.person(p.holders[0])} and "
                    + (
                        "nobody else is eligible now."
                        if p.bench_in_service == 0
                        else f"only {plural(p.bench_in_service, 'other')} eligible now."
                    ),
                    evidence=[p.key, p.holders[0]],
                    policy=policy,
                    used=("single_point_bench",),
                )
            )
    return out


def rule_text(c: CategoryCover) -> str:
    """Who a category's rule lets take on its functions, in words."""
    if c.level_required:
        return (
            f"a registered social worker at the {c.level} level in the PCF domains "
            "Appendix One maps"
        )
    return "a registered, qualified social worker"


def _function_findings(r: LeadershipCover, policy: Policy, names: Names) -> list[Finding]:
    out = []
    for c in r.categories:
        if c.eligible == 0:
            out.append(
                finding(
                    "leadership",
                    "category_without_eligible",
                    "red",
                    f"Nobody is eligible for category {c.code} ({c.title}), which needs "
                    f"{rule_text(c)}.",
                    evidence=[c.code],
                    sources=("tcsw-mh-2014",),
                )
            )
    uncovered = [code for c in r.categories for code in c.functions_uncovered]
    if uncovered:
        out.append(
            finding(
                "leadership",
                "functions_uncovered",
                "amber",
                f"{plural(len(uncovered), 'role function')} with no eligible worker allocated: "
                f"{names.functions(uncovered)}.",
                evidence=uncovered,
                sources=("tcsw-mh-2014",),
            )
        )
    cats = {c.code: c for c in r.categories}
    single = {s.id for s in r.single_points if s.kind == "function"}
    benched = [f for f in r.functions if f.sole_cover is not None and f.code not in single]
    if benched:
        out.append(_benched_finding(benched, policy, names))
    for f in r.functions:
        if f.code in single and f.sole_cover is not None:
            others = f.eligible - 1
            out.append(
                finding(
                    "leadership",
                    "single_point_of_failure",
                    "amber",
                    f"{names.function(f.code)} is covered only by {names.person(f.sole_cover)}; "
                    + (
                        "nobody else is eligible to take it on."
                        if others == 0
                        else f"only {plural(others, 'other worker')} eligible could take it on."
                    ),
                    evidence=[f.code, f.sole_cover],
                    policy=policy,
                    used=("single_point_bench",),
                    sources=("tcsw-mh-2014",),
                )
            )
        if f.allocated_not_eligible:
            out.append(
                finding(
                    "leadership",
                    "allocated_beyond_eligibility",
                    "amber",
                    f"{names.function(f.code)} is allocated to {names.people(f.allocated_not_eligible)}, who "
                    f"{agree(len(f.allocated_not_eligible), 'is', 'are')} not "
                    f"{rule_text(cats[f.category])}, as category {f.category} needs.",
                    evidence=[f.code, *f.allocated_not_eligible],
                    policy=policy,
                    used=("allocation_needs_eligibility",),
                    sources=("tcsw-mh-2014",),
                )
            )
    return out


def _benched_finding(benched: list[FunctionCover], policy: Policy, names: Names) -> Finding:
    """Functions one person covers with enough others eligible behind them: worth sharing,
    not an alarm."""
    codes = [f.code for f in benched]
    return finding(
        "leadership",
        "sole_cover_with_bench",
        "green",
        f"{plural(len(codes), 'role function')} {agree(len(codes), 'rests', 'rest')} on one "
        f"person each, with at least {policy.single_point_bench} others eligible to take "
        f"{agree(len(codes), 'it', 'them')} on: "
        + listed(
            [f"{names.function(f.code)} by {names.person(f.sole_cover or '')}" for f in benched], 8
        )
        + ".",
        evidence=[x for f in benched for x in (f.code, f.sole_cover or "")],
        policy=policy,
        used=("single_point_bench",),
        sources=("tcsw-mh-2014",),
    )
