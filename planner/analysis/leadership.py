"""Leadership cover: needed posts filled, role functions covered, single points of failure.

Posts and who may hold them come from `data/posts.yaml` (principal social worker: Care and
Support Statutory Guidance 1.27-1.31; AMHP service lead: national AMHP service standards 2019;
team managers; practice educators for students, PEPS); posts in the team kinds the policy names
(`posts_need_amhp_approval_in`, an AMHP hub by default) also need an AMHP approval. Role
categories A-E, their functions and who is eligible for them follow TCSW 2014 section 3 and
Appendix One as each category's rule in `data/roles/` reads them: a registered social worker,
at Appendix One's level where the rule requires it (C, E). A function is *covered* by a worker
who is allocated to it and eligible for it; a covering worker below Appendix One's level where
that level is only a readiness signal (A, B, D) is listed, not discounted. A function or post
that rests on exactly one person is a single point of failure when fewer than the policy's bench
(`single_point_bench`) of others are eligible to step in now. The departure sweep is in
`planner.analysis.sweep`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np

from planner.analysis.leadership_findings import leadership_findings
from planner.analysis.results import (
    CategoryCover,
    FunctionCover,
    LeadershipCover,
    PostCover,
    PostStatus,
    SinglePoint,
)
from planner.reference.framework import Post, PostCredential
from planner.reference.policy import Policy
from planner.workforce.graph import WorkforceGraph
from planner.workforce.graph_index import BoolArray, IntArray, post_key


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


def post_credentials(
    wg: WorkforceGraph,
    policy: Policy,
    post: Post,
    team: str | None,
    kinds: Mapping[str, str] | None = None,
) -> tuple[PostCredential, ...]:
    """What a post slot asks for: the post's own credentials, and an AMHP approval where the
    policy asks it of posts in that kind of team (the AMHP hub's team manager). `kinds` (each
    team's kind) saves a walk over the teams per slot: a large service has thousands."""
    kind = (kinds or _team_kinds(wg)).get(team or "")
    extra: tuple[PostCredential, ...] = ()
    if kind in policy.posts_need_amhp_approval_in and "amhp_approval" not in post.requires:
        extra = ("amhp_approval",)
    return (*post.requires, *extra)


def _team_kinds(wg: WorkforceGraph) -> dict[str, str]:
    return {t.name: t.kind for t in wg.service.teams}


def function_cover(wg: WorkforceGraph) -> dict[str, IntArray]:
    """Positions of the workers covering each function: allocated and eligible."""
    ix = wg.index
    out = {}
    for code, (idx, _) in ix.allocations.items():
        out[code] = idx[wg.function_eligible(code)[idx]]
    return out


def leadership(wg: WorkforceGraph, policy: Policy, horizon_end: date) -> LeadershipCover:
    posts = _posts(wg, policy, horizon_end)
    cover = function_cover(wg)
    functions = _functions(wg, policy, cover)
    categories = _categories(wg, functions, policy.single_point_bench)
    singles = _single_points(wg, policy, posts, functions, categories)
    result = LeadershipCover(
        horizon_end=horizon_end,
        posts=posts,
        categories=categories,
        functions=functions,
        single_points=singles,
        findings=[],
    )
    return result.model_copy(update={"findings": leadership_findings(result, policy, wg.names)})


def _posts(wg: WorkforceGraph, policy: Policy, horizon_end: date) -> list[PostCover]:
    ix = wg.index
    end = np.datetime64(horizon_end, "D")
    eligible: dict[tuple[str, tuple[PostCredential, ...]], BoolArray] = {}
    per_team: dict[tuple[str, tuple[PostCredential, ...]], IntArray] = {}
    teams = len(ix.team_names)
    team_of = {name: i for i, name in enumerate(ix.team_names)}
    kinds = _team_kinds(wg)
    rows = []
    for key, post, team, needed in post_slots(wg):
        need = post_credentials(wg, policy, post, team, kinds)
        if (post.id, need) not in eligible:
            eligible[(post.id, need)] = wg.post_eligible(post, need[len(post.requires) :])
            # eligible workers counted by team once per rule, not once per team's slot
            per_team[(post.id, need)] = np.bincount(ix.team[eligible[(post.id, need)]], None, teams)
        ok = eligible[(post.id, need)]
        holders = ix.post_holders.get(key, [])
        qualified = [i for i in holders if ok[i]]
        others = int(ok.sum()) - len(qualified)
        in_team = None
        if team is not None:
            in_team = int(per_team[(post.id, need)][team_of[team]]) - len(qualified)
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
    ix, fw = wg.index, wg.framework
    rows = []
    for code in fw.function_codes():
        idx, shares = ix.allocations[code]
        cat = code.split(".")[0]
        covering = cover[code]
        ok = wg.function_eligible(code)
        beyond: list[str] = []
        if cat in policy.allocation_needs_eligibility:
            beyond = [ix.ids[i] for i in idx[~ok[idx]].tolist()]
        below: list[str] = []
        if not fw.category(cat).eligibility.level_required:
            below = [ix.ids[i] for i in covering[~ix.at_level[cat][covering]].tolist()]
        rows.append(
            FunctionCover(
                code=code,
                category=cat,
                allocated=len(idx),
                allocated_fte=round(float((ix.fte[idx] * shares).sum()), 3),
                covered=len(covering),
                sole_cover=ix.ids[int(covering[0])] if len(covering) == 1 else None,
                eligible=int(ok.sum()),
                allocated_not_eligible=beyond,
                covering_below_level=below,
            )
        )
    return rows


def _categories(
    wg: WorkforceGraph, functions: list[FunctionCover], bench: int
) -> list[CategoryCover]:
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
                level=cat.level_mapping.level,
                level_required=cat.eligibility.level_required,
                eligible=int(ix.eligible[cat.code].sum()),
                at_level=int(ix.at_level[cat.code].sum()),
                allocated=len(members),
                allocated_fte=round(sum(f.allocated_fte for f in mine), 3),
                functions_uncovered=[f.code for f in mine if f.covered == 0],
                single_points=[f.code for f in mine if f.covered == 1 and f.eligible - 1 < bench],
            )
        )
    return rows


def _single_points(
    wg: WorkforceGraph,
    policy: Policy,
    posts: list[PostCover],
    functions: list[FunctionCover],
    categories: list[CategoryCover],
) -> list[SinglePoint]:
    ix, bench = wg.index, policy.single_point_bench
    out = [
        SinglePoint(kind="post", id=p.key, staff_id=p.holders[0], bench=p.bench_in_service)
        for p in posts
        if p.needed and len(p.holders) == 1 and p.bench_in_service < bench
    ]
    out += [
        SinglePoint(kind="function", id=f.code, staff_id=f.sole_cover, bench=f.eligible - 1)
        for f in functions
        if f.sole_cover is not None and f.eligible - 1 < bench
    ]
    for c in categories:
        if c.eligible == 1:
            only = ix.ids[int(np.flatnonzero(ix.eligible[c.code])[0])]
            out.append(SinglePoint(kind="category", id=c.code, staff_id=only, bench=0))
    return out
