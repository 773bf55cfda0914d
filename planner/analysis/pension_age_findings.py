"""State Pension age as a possible loss within the horizon.

Someone who may reach State Pension age by the horizon's end (`state_pension_age`, the Pensions
Act 2014 s.26 timetable; `planner.workforce.pension_age`) may choose to go. It is not a
retirement date and nobody has to stop work, so the finding says "may" and names the birth
year it rests on (a roster holds no more). Amber only where losing them would leave a gap: they
hold a needed post, or are the only one covering a role function. Everyone else is counted in
one green line; the succession plan carries it as a risk of loss.
"""

from __future__ import annotations

from datetime import date

from planner.analysis.findings import Finding, agree, finding, plural, uk_date
from planner.analysis.results import LeadershipCover
from planner.reference.policy import Policy
from planner.workforce.graph import WorkforceGraph
from planner.workforce.models import Worker
from planner.workforce.pension_age import may_reach_pension_age

USED = ("state_pension_age", "horizon_months")
SOURCES = ("pensions-act-2014",)
NAMED = 8  # people named for each birth year in the one green line; the rest counted


def pension_age_findings(
    wg: WorkforceGraph, cover: LeadershipCover, policy: Policy
) -> list[Finding]:
    posts: dict[str, list[str]] = {}
    for p in cover.posts:
        for sid in p.holders if p.needed else []:
            posts.setdefault(sid, []).append(p.key)
    sole: dict[str, list[str]] = {}
    for f in cover.functions:
        if f.sole_cover is not None:
            sole.setdefault(f.sole_cover, []).append(f.code)
    out, others = [], []
    for w in wg.index.workers:
        when = may_reach_pension_age(w, policy.state_pension_age, cover.horizon_end)
        if when is None:
            continue
        held, covered = posts.get(w.staff_id, []), sole.get(w.staff_id, [])
        if held or covered:
            out.append(_gap_finding(wg, policy, w, when, held, covered))
        else:
            others.append(w)
    if others:
        out.append(_watch_finding(wg, policy, others, cover.horizon_end, more=bool(out)))
    return out


def _reaches(wg: WorkforceGraph, w: Worker, when: date) -> str:
    if when <= wg.as_of:
        return "may already have reached State Pension age"
    return f"may reach State Pension age by {uk_date(when)}"


def _gap_finding(
    wg: WorkforceGraph,
    policy: Policy,
    w: Worker,
    when: date,
    held: list[str],
    covered: list[str],
) -> Finding:
    parts = []
    if held:
        titles = wg.names.posts(held)
        parts.append(f"holds the {'post' if len(held) == 1 else 'posts'} of {titles}")
    if covered:
        parts.append(f"is the only one covering {wg.names.functions(covered)}")
    return finding(
        "leadership",
        "state_pension_age",
        "amber",
        f"{wg.names.person(w.staff_id)} {_reaches(wg, w, when)} (born {w.birth_year}; the roster gives "
        f"only the year) and {' and '.join(parts)}: a possible loss to plan for, not a "
        "retirement date.",
        evidence=[w.staff_id, *held, *covered],
        policy=policy,
        used=USED,
        sources=SOURCES,
    )


def _watch_finding(
    wg: WorkforceGraph, policy: Policy, others: list[Worker], end: date, more: bool
) -> Finding:
    n = len(others)
    who = plural(n, "more person", "more people") if more else plural(n, "person", "people")
    years: dict[int | None, list[str]] = {}
    for w in sorted(others, key=lambda w: w.birth_year or 0):
        years.setdefault(w.birth_year, []).append(w.staff_id)
    names = "; ".join(f"born {y}, {wg.names.people(ids, NAMED)}" for y, ids in years.items())
    return finding(
        "leadership",
        "state_pension_age_watch",
        "green",
        f"{who} may reach State Pension age by {uk_date(end)} but {agree(n, 'holds', 'hold')} "
        f"no needed post and no role function only they cover: {names}.",
        evidence=[w.staff_id for w in others],
        policy=policy,
        used=USED,
        sources=SOURCES,
    )
