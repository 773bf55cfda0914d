"""The departure sweep: for every worker, what the service loses if they leave tomorrow.

Re-analysing the service without each person in turn is quadratic (days at 100,000 workers).
Instead each loss is counted from what the person contributes: a post is vacated when they are
its only holder; a function loses its cover when they are the only eligible worker allocated to
it; supervisees whose supervisor they are lose their supervisor; an AMHP takes their approval
and duty time with them. `departure_by_reanalysis` in `planner.analysis.report` does it the
slow way, and the tests hold the two equal. The ranking weights are policy values.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from planner.analysis.amhp import duty_fte
from planner.analysis.leadership import function_cover, post_needed, post_slots
from planner.gc_pause import collector_paused
from planner.reference.policy import DepartureWeights, Policy
from planner.workforce.graph import WorkforceGraph
from planner.workforce.models import Supervision

PER = 100_000


class DepartureImpact(BaseModel):
    model_config = ConfigDict(frozen=True)

    staff_id: str
    rank: int
    score: float
    posts_vacated: list[str]
    needed_posts_vacant: list[str]
    functions_uncovered: list[str]
    new_single_points: list[str]
    categories_without_eligible: list[str]
    supervisees_orphaned: list[str]
    line_reports_orphaned: list[str]
    amhp_supervisees_orphaned: list[str]
    amhp_lost: bool
    duty_fte_lost: float
    amhp_per_100k_after: float | None


def score(impact: DepartureImpact, w: DepartureWeights) -> float:
    return _score(impact.model_dump(), w)


def _score(f: dict[str, Any], w: DepartureWeights) -> float:
    points: float = round(
        w.needed_post_vacant * len(f["needed_posts_vacant"])
        + w.post_vacated * len(f["posts_vacated"])
        + w.function_uncovered * len(f["functions_uncovered"])
        + w.category_without_eligible * len(f["categories_without_eligible"])
        + w.new_single_point * len(f["new_single_points"])
        + w.supervisee_orphaned * len(f["supervisees_orphaned"])
        + w.other_link_orphaned
        * (len(f["line_reports_orphaned"]) + len(f["amhp_supervisees_orphaned"]))
        + w.amhp_lost * f["amhp_lost"],
        4,
    )
    return points


def _by_worker(pairs: list[tuple[int, str]]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for i, item in pairs:
        out.setdefault(i, []).append(item)
    return out


def _children(wg: WorkforceGraph, kind: Supervision) -> dict[int, list[str]]:
    parent = wg.index.links[kind]
    ids = wg.index.ids
    return _by_worker([(p, ids[i]) for i, p in enumerate(parent.tolist()) if p >= 0 and p != i])


def _vacating(wg: WorkforceGraph) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Posts each worker holds alone, and those of them still needed once they have gone."""
    ix = wg.index
    amhps, students = int(ix.amhp.sum()), int(ix.student.sum())
    post_of = {key: post for key, post, _, _ in post_slots(wg)}
    kind_of = {t.name: t.kind for t in wg.service.teams}
    alone = [(members[0], key) for key, members in ix.post_holders.items() if len(members) == 1]
    needed = []
    for i, key in alone:
        post = post_of[key]
        team = key.partition("@")[2]
        team_ok = post.scope == "service" or kind_of.get(team) in post.team_kinds
        if team_ok and post_needed(post, amhps - int(ix.amhp[i]), students - int(ix.student[i])):
            needed.append((i, key))
    return _by_worker(alone), _by_worker(needed)


def _cover_losses(wg: WorkforceGraph, bench: int) -> tuple[dict[int, list[str]], ...]:
    """Functions each worker alone covers, functions their going would leave as a single point
    of failure (one cover and fewer than `bench` others eligible), categories for which they
    alone are eligible."""
    sole, single = [], []
    for code, covering in function_cover(wg).items():
        eligible = wg.function_eligible(code)
        others = int(eligible.sum()) - 1  # the bench behind one cover
        if len(covering) == 1:
            sole.append((int(covering[0]), code))
            if others == bench:  # any other eligible worker's going takes it below the bench
                single += [(int(i), code) for i in np.flatnonzero(eligible) if i != covering[0]]
        elif len(covering) == 2 and others - 1 < bench:
            single += [(int(covering[0]), code), (int(covering[1]), code)]
    only = []
    for code, ok in wg.index.eligible.items():
        where = np.flatnonzero(ok)
        if len(where) == 1:
            only.append((int(where[0]), code))
    return _by_worker(sole), _by_worker(single), _by_worker(only)


@collector_paused()
def departure_sweep(
    wg: WorkforceGraph, policy: Policy, population: int | None
) -> list[DepartureImpact]:
    """Every worker's departure impact, highest score first (ties in roster order)."""
    ix = wg.index
    vacated, needed = _vacating(wg)
    sole, single, only = _cover_losses(wg, policy.single_point_bench)
    kids = {kind: _children(wg, kind) for kind in Supervision}
    duty = duty_fte(wg).tolist()
    amhp = ix.amhp.tolist()
    headcount = sum(amhp)
    weights = policy.departure_weights
    rows = []
    for i, sid in enumerate(ix.ids):
        after = headcount - amhp[i]
        fields: dict[str, Any] = dict(
            staff_id=sid,
            posts_vacated=vacated.get(i, []),
            needed_posts_vacant=needed.get(i, []),
            functions_uncovered=sole.get(i, []),
            new_single_points=single.get(i, []),
            categories_without_eligible=only.get(i, []),
            supervisees_orphaned=kids[Supervision.PROFESSIONAL].get(i, []),
            line_reports_orphaned=kids[Supervision.LINE].get(i, []),
            amhp_supervisees_orphaned=kids[Supervision.AMHP].get(i, []),
            amhp_lost=amhp[i],
            duty_fte_lost=round(duty[i], 4) if amhp[i] else 0.0,
            amhp_per_100k_after=round(after / population * PER, 2) if population else None,
        )
        rows.append((_score(fields, weights), i, fields))
    rows.sort(key=lambda r: (-r[0], r[1]))
    return [
        DepartureImpact.model_validate({**fields, "rank": n, "score": points})
        for n, (points, _, fields) in enumerate(rows, start=1)
    ]
