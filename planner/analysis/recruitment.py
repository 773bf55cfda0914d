"""Recruitment timing: by when a planned leaver's needed post must go out to recruitment.

A post takes `time_to_fill_months` to fill, from advert to someone in post (our default, 4.5
months: no national figure is published). Someone with a planned leaving date who holds a
needed post (`data/posts.yaml`) that nobody qualified keeps holding after they go needs a
successor recruited that long before. Where that date has already passed at the as-of date it
is too late to recruit before they go and the post will be vacant for the difference: red.
Where it falls within the horizon: amber, with the date to start by. Later: nothing yet.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.analysis.findings import Finding, finding, plural, uk_date
from planner.analysis.results import LeadershipCover, PostCover
from planner.reference.policy import Policy
from planner.workforce.dates import DAYS_IN_MONTH, months_as_days
from planner.workforce.graph import WorkforceGraph
from planner.workforce.models import Worker
from planner.workforce.names import listed

USED = ("time_to_fill_months", "horizon_months")
WEEKS_SHOWN = 8  # a gap shorter than this is said in weeks, longer in months


def recruitment_findings(
    wg: WorkforceGraph, cover: LeadershipCover, policy: Policy
) -> list[Finding]:
    needed = {p.key: p for p in cover.posts if p.needed}
    fill = timedelta(days=months_as_days(policy.time_to_fill_months))
    out = []
    for i, w in enumerate(wg.index.workers):
        leaves = w.planned_leaving_date
        if leaves is None:
            continue
        keys = [
            k for k in wg.index.posts_of.get(i, []) if k in needed and not _kept(wg, needed[k], w)
        ]
        start = leaves - fill
        if keys and start <= cover.horizon_end:
            out.append(_finding(wg, policy, w, keys, start))
    return out


def _kept(wg: WorkforceGraph, post: PostCover, leaver: Worker) -> bool:
    """Someone else qualified holds the post and stays after the leaver goes."""
    for sid in post.qualified_holders:
        other = wg.index.workers[wg.index.pos[sid]]
        if sid != leaver.staff_id and not _gone_by(other, leaver.planned_leaving_date):
            return True
    return False


def _gone_by(w: Worker, day: date | None) -> bool:
    return day is not None and w.planned_leaving_date is not None and w.planned_leaving_date <= day


def _finding(
    wg: WorkforceGraph, policy: Policy, w: Worker, keys: list[str], start: date
) -> Finding:
    leaves = w.planned_leaving_date
    assert leaves is not None
    titles = listed([wg.names.post(k) for k in keys])
    holding = f"holding the {'post' if len(keys) == 1 else 'posts'} of {titles}"
    to_fill = f"with {policy.time_to_fill_months:g} months to fill a post"
    who = wg.names.person(w.staff_id)
    if start < wg.as_of:
        filled = wg.as_of + (leaves - start)
        the_post = "the post" if len(keys) == 1 else "the posts"
        return finding(
            "leadership",
            "recruitment_too_late",
            "red",
            f"Too late to recruit before {who} leaves on {uk_date(leaves)}, {holding}: "
            f"{to_fill}, recruitment had to start by {uk_date(start)}; {the_post} will be vacant "
            f"about {_gap((filled - leaves).days)}.",
            evidence=[w.staff_id, *keys],
            policy=policy,
            used=USED,
        )
    return finding(
        "leadership",
        "recruitment_start_by",
        "amber",
        f"{who} leaves on {uk_date(leaves)}, {holding}: {to_fill}, recruitment must start by "
        f"{uk_date(start)}.",
        evidence=[w.staff_id, *keys],
        policy=policy,
        used=USED,
    )


def _gap(days: int) -> str:
    """A vacancy's length as a person says it: 'about 6 weeks', 'about 3 months'."""
    if days < WEEKS_SHOWN * 7:
        return plural(max(1, round(days / 7)), "week")
    return plural(round(days / DAYS_IN_MONTH), "month")
