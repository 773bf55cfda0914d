"""Headline figures of a report, and how they moved between two reports.

One list of figures serves both questions a manager asks: "what changed since last month's
snapshot?" (`headline_movement`) and "what would this scenario change?" (`planner.whatif.scenarios`).
Each figure says whether a higher value is better, so a move is read as better, worse or the
same. Every figure is a count or a rate over the service: no names or staff ids, so the table
can go to a commissioner.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.findings import Severity
from planner.analysis.report import Report

Direction = Literal["better", "worse", "same", "changed"]
Better = Literal["higher", "lower", "neither"]


class Movement(BaseModel):
    model_config = ConfigDict(frozen=True)

    figure: str  # a stable key, for scripts
    label: str  # the plain-English name a page shows
    before: float | None
    after: float | None
    direction: Direction


def _over_capacity(r: Report) -> float:
    return float(sum(s.over_max or s.over_hours for s in r.supervision.supervisors))


def _posts_not_filled(r: Report) -> float:
    return float(sum(p.needed and p.status != "filled" for p in r.leadership.posts))


def _posts_without_successor(r: Report) -> float:
    return float(sum(sp.kind == "post" and sp.bench == 0 for sp in r.leadership.single_points))


def _rota_cover(r: Report) -> float | None:
    needed = r.amhp.rota_fte_needed
    return round(r.amhp.duty_fte / needed, 3) if needed else None


def _severity(level: Severity) -> Callable[[Report], float]:
    return lambda r: float(Counter(f.severity for f in r.findings)[level])


# (key, label, which way is better, how to read it off a report)
FIGURES: tuple[tuple[str, str, Better, Callable[[Report], float | None]], ...] = (
    ("amhp_headcount", "AMHPs with current approval", "higher", lambda r: r.amhp.headcount),
    ("amhp_fte", "AMHP FTE", "higher", lambda r: r.amhp.fte),
    ("amhp_duty_fte", "AMHP duty FTE", "higher", lambda r: r.amhp.duty_fte),
    (
        "amhp_per_100k",
        "AMHPs per 100,000 (policy's population basis)",
        "higher",
        lambda r: r.amhp.per_100k,
    ),
    (
        "amhp_target_per_100k",
        "Target per 100,000",
        "neither",
        lambda r: r.amhp.target_per_100k,
    ),
    (
        "amhp_headcount_shortfall",
        "AMHPs short of the target",
        "lower",
        lambda r: r.amhp.headcount_shortfall,
    ),
    ("rota_cover", "Rota cover (duty FTE over FTE needed)", "higher", _rota_cover),
    ("rota_fte_shortfall", "Rota FTE short", "lower", lambda r: r.amhp.rota_fte_shortfall),
    (
        "amhps_at_horizon_end",
        "AMHPs at the end of the horizon",
        "higher",
        lambda r: r.amhp.horizon.months[-1].headcount,
    ),
    ("fte", "FTE", "higher", lambda r: r.casework.fte),
    (
        "casework_fte",
        "FTE for casework (less ASYE protected time)",
        "higher",
        lambda r: r.casework.casework_fte,
    ),
    ("supervisors_over_capacity", "Supervisors over capacity", "lower", _over_capacity),
    ("posts_not_filled", "Needed posts vacant or unqualified", "lower", _posts_not_filled),
    (
        "posts_without_successor",
        "Posts held by one person with nobody to step in",
        "lower",
        _posts_without_successor,
    ),
    ("findings_red", "Red findings", "lower", _severity("red")),
    ("findings_amber", "Amber findings", "lower", _severity("amber")),
    ("findings_green", "Green findings", "neither", _severity("green")),
)


def headline_figures(report: Report) -> dict[str, float | None]:
    return {key: _num(read(report)) for key, _, _, read in FIGURES}


def headline_movement(before: Report, after: Report) -> list[Movement]:
    """Every headline figure before and after, and whether the move is better or worse."""
    a, b = headline_figures(before), headline_figures(after)
    return [
        Movement(
            figure=key,
            label=label,
            before=a[key],
            after=b[key],
            direction=_way(a[key], b[key], way),
        )
        for key, label, way, _ in FIGURES
    ]


def _num(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _way(before: float | None, after: float | None, better: Better) -> Direction:
    if before == after:
        return "same"
    if before is None or after is None or better == "neither":
        return "changed"
    return "better" if (after > before) == (better == "higher") else "worse"


def movement_lines(moves: list[Movement]) -> list[str]:
    """The figures that moved, one line each, for a terminal."""
    lines = [
        f"  {m.label}: {_show(m.before)} → {_show(m.after)} ({m.direction})"
        for m in moves
        if m.direction != "same"
    ]
    return lines or ["  No headline figure moved."]


def _show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"
