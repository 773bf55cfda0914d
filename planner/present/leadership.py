"""The Leadership & succession page's content: each post with its holders and the cover behind
them, single points of failure, and the departure sweep ranking, with people named."""

from __future__ import annotations

from typing import Any

from planner.analysis.leadership import LeadershipCover, PostCover
from planner.analysis.sweep import DepartureImpact
from planner.models import Service
from planner.present.supervision import names


def _named(ids: list[str], known: dict[str, str]) -> str:
    return ", ".join(f"{known.get(i, i)} ({i})" for i in ids)


def _bench(p: PostCover) -> int:
    return p.bench_in_team if p.bench_in_team is not None else p.bench_in_service


def post_rows(cover: LeadershipCover, service: Service) -> list[dict[str, Any]]:
    known = names(service)
    return [
        {
            "Post": p.name,
            "Team": p.team or "service-wide",
            "Needed": p.needed,
            "Status": p.status,
            "Held by": _named(p.holders, known),
            "Leaving within horizon": _named(p.holders_leaving, known),
            "Others eligible in team": p.bench_in_team,
            "Others eligible in service": p.bench_in_service,
        }
        for p in cover.posts
    ]


def single_point_rows(cover: LeadershipCover, service: Service) -> list[dict[str, Any]]:
    known = names(service)
    return [
        {
            "Kind": s.kind,
            "What": s.id,
            "Rests on": _named([s.staff_id], known),
            "Others who could step in": s.bench,
        }
        for s in cover.single_points
    ]


def _counts(d: DepartureImpact) -> dict[str, Any]:
    return {
        "Needed posts left vacant": ", ".join(d.needed_posts_vacant),
        "Functions uncovered": ", ".join(d.functions_uncovered),
        "New single points": ", ".join(d.new_single_points),
        "Supervisees left without a supervisor": len(d.supervisees_orphaned),
        "AMHP lost": d.amhp_lost,
    }


def sweep_rows(
    sweep: list[DepartureImpact], service: Service, only_impact: bool
) -> list[dict[str, Any]]:
    known = names(service)
    return [
        {"Rank": d.rank, "Person": _named([d.staff_id], known), "Score": d.score, **_counts(d)}
        for d in sweep
        if d.score > 0 or not only_impact
    ]
