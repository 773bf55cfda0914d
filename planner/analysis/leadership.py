"""Leadership cover: needed posts filled, role functions covered, single points of failure.

Posts and who may hold them come from `data/posts.yaml` (principal social worker: Care and
Support Statutory Guidance 1.27-1.31; AMHP service lead: national AMHP service standards 2019;
team managers; practice educators for students, PEPS). Role categories A-E, their functions and
who is eligible for them follow TCSW 2014 section 3 and Appendix One (`data/roles/`). A function
is *covered* by a worker who is allocated to it and eligible for its category; a function or
post that rests on exactly one person is a single point of failure. The departure sweep is in
`planner.analysis.sweep`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from planner.analysis.findings import Finding, agree, finding, ids_text, plural, uk_date
from planner.framework import Post
from planner.graph import BoolArray, IntArray, WorkforceGraph, post_key
from planner.policy import Policy

PostStatus = Literal["filled", "unqualified", "vacant"]


class PostCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str  # post id, with "@team" for a team-level post
    post_id: str
    name: str
    team: str | None
    needed: bool
    holders: list[str]
    qualified_holders: list[str]
    status: PostStatus
    holders_leaving: list[str]  # planned leaving date within the horizon
    bench_in_team: int | None  # others in the team eligible now (team-level posts)
    bench_in_service: int  # others anywhere in the service eligible now


class FunctionCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    category: str
    allocated: int
    allocated_fte: float
    covered: int  # allocated and eligible for the category
    sole_cover: str | None
    allocated_not_eligible: list[str]  # only for categories where policy asks for eligibility


class CategoryCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    title: str
    eligible: int
    allocated: int  # workers with any function of the category
    allocated_fte: float
    functions_uncovered: list[str]
    single_points: list[str]


class SinglePoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["function", "post", "category"]
    id: str
    staff_id: str
    bench: int  # others eligible now who could step in


class LeadershipCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    horizon_end: date
    posts: list[PostCover]
    categories: list[CategoryCover]
    functions: list[FunctionCover]
    single_points: list[SinglePoint]
    findings: list[Finding]


def post_needed(post: Post, amhps: int, students: int) -> bool:
    """Whether the service needs this post, given how many AMHPs and students it has."""
    return {
        "always": True,
        "when_amhps": amhps > 0,
        "when_students": students > 0,
        "optional": False,
    }[post.needed]


def post_slots(wg: WorkforceGraph) -> list[tuple[str, Post, str | None, bool]]:
    """(key, post, team, needed) for every post the service needs or someone holds."""
    amhps, students = int(wg.index.amhp.sum()), int(wg.index.student.sum())
    slots: dict[str, tuple[str, Post, str | None, bool]] = {}
    for post in wg.framework.posts:
        needed = post_needed(post, amhps, students)
        if post.scope == "service":
            slots[post.id] = (post.id, post, None, needed)
            continue
        for t in wg.service.teams:
            key = post_key(post.id, t.name)
            slots[key] = (key, post, t.name, needed and t.kind in post.team_kinds)
    for key in wg.index.post_holders:
        if key not in slots:
            post_id, _, team = key.partition("@")
            slots[key] = (key, wg.framework.post(post_id), team or None, False)
    return [slots[k] for k in slots if slots[k][3] or k in wg.index.post_holders]


def function_cover(wg: WorkforceGraph) -> dict[str, IntArray]:
    """Positions of the workers covering each function: allocated and eligible."""
    ix = wg.index
    out = {}
    for code, (idx, _) in ix.allocations.items():
        out[code] = idx[ix.eligible[code.split(".")[0]][idx]]
    return out


def leadership(wg: WorkforceGraph, policy: Policy, horizon_end: date) -> LeadershipCover:
    posts = _posts(wg, horizon_end)
    cover = function_cover(wg)
    functions = _functions(wg, policy, cover)
    categories = _categories(wg, functions)
    singles = _single_points(wg, posts, functions, categories)
    result = LeadershipCover(
        horizon_end=horizon_end,
        posts=posts,
        categories=categories,
        functions=functions,
        single_points=singles,
        findings=[],
    )
    return result.model_copy(update={"findings": leadership_findings(result, policy)})


def _posts(wg: WorkforceGraph, horizon_end: date) -> list[PostCover]:
    ix = wg.index
    end = np.datetime64(horizon_end, "D")
    eligible: dict[str, BoolArray] = {p.id: wg.post_eligible(p) for p in wg.framework.posts}
    total = {post_id: int(ok.sum()) for post_id, ok in eligible.items()}
    teams = len(ix.team_names)
    per_team = {pid: np.bincount(ix.team[ok], None, teams) for pid, ok in eligible.items()}
    team_of = {name: i for i, name in enumerate(ix.team_names)}
    rows = []
    for key, post, team, needed in post_slots(wg):
        holders = ix.post_holders.get(key, [])
        ok = eligible[post.id]
        qualified = [i for i in holders if ok[i]]
        others = total[post.id] - len(qualified)
        in_team = None
        if team is not None:
            in_team = int(per_team[post.id][team_of[team]]) - len(qualified)
        status: PostStatus = "filled" if qualified else ("unqualified" if holders else "vacant")
        rows.append(
            PostCover(
                key=key,
                post_id=post.id,
                name=post.name,
                team=team,
                needed=needed,
                holders=[ix.ids[i] for i in holders],
                qualified_holders=[ix.ids[i] for i in qualified],
                status=status,
                holders_leaving=[ix.ids[i] for i in holders if ix.leaving[i] <= end],
                bench_in_team=in_team,
                bench_in_service=others,
            )
        )
    return rows


def _functions(
    wg: WorkforceGraph, policy: Policy, cover: dict[str, IntArray]
) -> list[FunctionCover]:
    ix = wg.index
    rows = []
    for code in wg.framework.function_codes():
        idx, shares = ix.allocations[code]
        cat = code.split(".")[0]
        covering = cover[code]
        beyond: list[str] = []
        if cat in policy.allocation_needs_eligibility:
            beyond = [ix.ids[i] for i in idx[~ix.eligible[cat][idx]].tolist()]
        rows.append(
            FunctionCover(
                code=code,
                category=cat,
                allocated=len(idx),
                allocated_fte=round(float((ix.fte[idx] * shares).sum()), 3),
                covered=len(covering),
                sole_cover=ix.ids[int(covering[0])] if len(covering) == 1 else None,
                allocated_not_eligible=beyond,
            )
        )
    return rows


def _categories(wg: WorkforceGraph, functions: list[FunctionCover]) -> list[CategoryCover]:
    ix = wg.index
    rows = []
    for cat in wg.framework.categories:
        codes = [f.code for f in cat.functions]
        mine = [f for f in functions if f.category == cat.code]
        members = np.unique(np.concatenate([ix.allocations[c][0] for c in codes]))
        rows.append(
            CategoryCover(
                code=cat.code,
                title=cat.title,
                eligible=int(ix.eligible[cat.code].sum()),
                allocated=len(members),
                allocated_fte=round(sum(f.allocated_fte for f in mine), 3),
                functions_uncovered=[f.code for f in mine if f.covered == 0],
                single_points=[f.code for f in mine if f.covered == 1],
            )
        )
    return rows


def _single_points(
    wg: WorkforceGraph,
    posts: list[PostCover],
    functions: list[FunctionCover],
    categories: list[CategoryCover],
) -> list[SinglePoint]:
    ix = wg.index
    eligible = {c.code: c.eligible for c in categories}
    out = [
        SinglePoint(kind="post", id=p.key, staff_id=p.holders[0], bench=p.bench_in_service)
        for p in posts
        if p.needed and len(p.holders) == 1
    ]
    out += [
        SinglePoint(
            kind="function", id=f.code, staff_id=f.sole_cover, bench=eligible[f.category] - 1
        )
        for f in functions
        if f.sole_cover is not None
    ]
    for c in categories:
        if c.eligible == 1:
            only = ix.ids[int(np.flatnonzero(ix.eligible[c.code])[0])]
            out.append(SinglePoint(kind="category", id=c.code, staff_id=only, bench=0))
    return out


def leadership_findings(r: LeadershipCover, policy: Policy) -> list[Finding]:
    return [*_post_findings(r, policy), *_function_findings(r, policy)]


def _post_findings(r: LeadershipCover, policy: Policy) -> list[Finding]:
    needed = [p for p in r.posts if p.needed]
    vacant = [p.key for p in needed if p.status == "vacant"]
    out = [
        finding(
            "leadership",
            "needed_posts",
            "red" if vacant else "green",
            f"{plural(len(vacant), 'needed post')} vacant: {ids_text(vacant)}."
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
                    f"{p.name} ({p.key}) is held by {ids_text(p.holders)}, who "
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
                    "red" if all_go else "amber",
                    f"{p.name} ({p.key}): {ids_text(p.holders_leaving)} "
                    f"{agree(len(p.holders_leaving), 'plans', 'plan')} to leave by "
                    f"{uk_date(r.horizon_end)}"
                    + (f"; {plural(p.bench_in_service, 'other')} eligible now." if all_go else "."),
                    evidence=[p.key, *p.holders_leaving],
                    policy=policy,
                    used=("horizon_months",),
                )
            )
        if len(p.holders) == 1 and p.bench_in_service == 0:
            out.append(
                finding(
                    "leadership",
                    "post_without_bench",
                    "amber",
                    f"{p.name} ({p.key}) rests on {p.holders[0]} and nobody else is eligible now.",
                    evidence=[p.key, p.holders[0]],
                )
            )
    return out


def _function_findings(r: LeadershipCover, policy: Policy) -> list[Finding]:
    out = []
    for c in r.categories:
        if c.eligible == 0:
            out.append(
                finding(
                    "leadership",
                    "category_without_eligible",
                    "red",
                    f"Nobody meets the Appendix One requirements for category {c.code} ({c.title}).",
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
                f"{ids_text(uncovered, 8)}.",
                evidence=uncovered,
                sources=("tcsw-mh-2014",),
            )
        )
    eligible = {c.code: c.eligible for c in r.categories}
    for f in r.functions:
        if f.sole_cover is not None:
            others = eligible[f.category] - 1
            out.append(
                finding(
                    "leadership",
                    "single_point_of_failure",
                    "amber",
                    f"{f.code} is covered only by {f.sole_cover}; "
                    f"{plural(others, 'other worker')} eligible could take it on.",
                    evidence=[f.code, f.sole_cover],
                    sources=("tcsw-mh-2014",),
                )
            )
        if f.allocated_not_eligible:
            out.append(
                finding(
                    "leadership",
                    "allocated_beyond_eligibility",
                    "amber",
                    f"{f.code} is allocated to {ids_text(f.allocated_not_eligible)}, who "
                    f"{agree(len(f.allocated_not_eligible), 'does', 'do')} not "
                    f"meet category {f.category}'s Appendix One requirements.",
                    evidence=[f.code, *f.allocated_not_eligible],
                    policy=policy,
                    used=("allocation_needs_eligibility",),
                    sources=("tcsw-mh-2014",),
                )
            )
    return out
