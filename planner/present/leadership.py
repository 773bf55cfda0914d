"""The Leadership & succession page's content: each post with its holders and the cover behind
them, single points of failure, and the departure sweep ranking, with people named."""

from __future__ import annotations

from typing import Any

from planner.analysis.results import LeadershipCover, PostCover
from planner.analysis.sweep import DepartureImpact
from planner.reference.framework import load_framework
from planner.workforce.models import Service
from planner.workforce.names import Names


def _named(ids: list[str], words: Names) -> str:
    return ", ".join(map(words.person, ids))


def _words(service: Service) -> Names:
    return Names.of(service, load_framework())


def _bench(p: PostCover) -> int:
    return p.bench_in_team if p.bench_in_team is not None else p.bench_in_service


def post_rows(cover: LeadershipCover, service: Service) -> list[dict[str, Any]]:
    words = _words(service)
    return [
        {
            "Post": p.name,
            "Team": p.team or "service-wide",
            "Needed": p.needed,
            "Status": p.status,
            "Held by": _named(p.holders, words),
            "Leaving within horizon": _named(p.holders_leaving, words),
            "Others eligible in team": p.bench_in_team,
            "Others eligible in service": p.bench_in_service,
        }
        for p in cover.posts
    ]


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


_KINDS = {"post": "Post", "function": "Role function", "category": "Role category"}


def single_point_rows(cover: LeadershipCover, service: Service) -> list[dict[str, Any]]:
    """Each post, role function or category resting on one person, those with nobody else
    eligible first: they are the ones a departure would leave uncovered."""
    words = _words(service)
    posts = {p.key: p for p in cover.posts}
    rows = [
        {
            "Rests on one person": _KINDS[s.kind],
            "What": _what(s.kind, s.id, posts),
            "Held by": words.person(s.staff_id),
            "Others eligible now": s.bench,
        }
        for s in cover.single_points
    ]
    return sorted(rows, key=lambda r: r["Others eligible now"])


def _what(kind: str, key: str, posts: dict[str, PostCover]) -> str:
    fw = load_framework()
    if kind == "post" and key in posts:
        p = posts[key]
        return f"{p.name} ({p.team})" if p.team else p.name
    if kind == "function":
        return f"{key}: {_short(fw.function(key).summary)}"
    if kind == "category":
        return f"Category {key}: {fw.category(key).title}"
    return key


def function_rows(cover: LeadershipCover, service: Service) -> list[dict[str, Any]]:
    """Each role function with who covers it. Where Appendix One's level is only a readiness
    signal (A, B, D), those covering it below that level are named, not counted as a gap."""
    fw = load_framework()
    words = _words(service)
    cats = {c.code: c for c in cover.categories}
    rows = []
    for f in cover.functions:
        c = cats[f.category]
        rows.append(
            {
                "Function": f"{f.code}: {_short(fw.function(f.code).summary)}",
                "Who may take it on": (
                    f"registered social worker, {c.level} level"
                    if c.level_required
                    else "any registered social worker"
                ),
                "Allocated": f.allocated,
                "Covered": f.covered,
                "Others eligible": max(0, f.eligible - f.covered),
                "Covering, below Appendix One's level": _named(f.covering_below_level, words),
                "Allocated, not eligible": _named(f.allocated_not_eligible, words),
            }
        )
    return rows


def _counts(d: DepartureImpact, words: Names) -> dict[str, Any]:
    return {
        "Needed posts left vacant": "; ".join(map(words.post, d.needed_posts_vacant)),
        "Functions uncovered": "; ".join(map(words.function, d.functions_uncovered)),
        "New single points": "; ".join(map(words.function, d.new_single_points)),
        "Supervisees left without a supervisor": len(d.supervisees_orphaned),
        "AMHP lost": d.amhp_lost,
    }


def sweep_rows(
    sweep: list[DepartureImpact], service: Service, only_impact: bool
) -> list[dict[str, Any]]:
    words = _words(service)
    return [
        {
            "Rank": d.rank,
            "Person": words.person(d.staff_id),
            "Score": d.score,
            **_counts(d, words),
        }
        for d in sweep
        if d.score > 0 or not only_impact
    ]
