"""The scenarios and projection page's content: the edit list, the before/after headline table
and the projection charts. Pure: no Streamlit, so every table and chart is tested directly.

The headline table and the charts are counts and rates only; the worker picker is the one place
names appear, because a manager choosing who leaves has to see who they are choosing.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from planner.whatif.headlines import Movement
from planner.whatif.projection import Band, Projection
from planner.whatif.scenarios import Edit, describe
from planner.workforce.models import Service

ARROWS = {"better": "▲ better", "worse": "▼ worse", "same": "", "changed": "changed"}
BAND = "10th-90th percentile"


def worker_options(service: Service) -> dict[str, str]:
    """Staff id to the label a manager picks from: id, name and team."""
    return {w.staff_id: f"{w.staff_id} {w.name} ({w.team})" for w in service.workers}


def edit_lines(edits: list[Edit], service: Service | None = None) -> list[str]:
    return [f"{n}. {describe(e, service)}" for n, e in enumerate(edits, start=1)]


def headline_rows(moves: list[Movement]) -> list[dict[str, Any]]:
    """Every headline figure before and after, with the way it moved."""
    return [
        {
            "Figure": m.label,
            "Before": _shown(m.before),
            "After": _shown(m.after),
            "Change": ARROWS[m.direction],
        }
        for m in moves
    ]


def headline(moves: list[Movement], figure: str) -> Movement:
    return next(m for m in moves if m.figure == figure)


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def band_rows(p: Projection, band: Band, target: float | None = None) -> list[dict[str, Any]]:
    """One row a month: median, band, planned path and (if given) the target."""
    return [
        {
            "Month": month.isoformat(),
            "Median": band.median[i],
            "P10": band.p10[i],
            "P90": band.p90[i],
            "Planned": band.planned[i],
            **({"Target": target} if target is not None else {}),
        }
        for i, month in enumerate(p.months)
    ]


def band_chart(
    p: Projection, band: Band, title: str, target: float | None = None
) -> alt.LayerChart:
    """The median line over its 10th-90th percentile band, the planned path dashed, the target
    as a red rule."""
    base = alt.Chart(alt.InlineData(values=band_rows(p, band, target))).encode(
        x=alt.X("Month:T", title=None)
    )
    layers: list[Any] = [
        base.mark_area(opacity=0.25, color="#1f77b4").encode(
            y=alt.Y("P10:Q", title=title), y2="P90:Q", tooltip=["Month:T", "P10:Q", "P90:Q"]
        ),
        base.mark_line(color="#1f77b4").encode(y="Median:Q", tooltip=["Month:T", "Median:Q"]),
        base.mark_line(color="#555555", strokeDash=[4, 3]).encode(
            y="Planned:Q", tooltip=["Month:T", "Planned:Q"]
        ),
    ]
    if target is not None:
        layers.append(
            alt.Chart(alt.InlineData(values=[{"Target": target}]))
            .mark_rule(color="#d62728", strokeWidth=2)
            .encode(y="Target:Q", tooltip=["Target:Q"])
        )
    return alt.LayerChart(layer=layers)


def amhp_chart(p: Projection) -> alt.LayerChart:
    target = float(p.amhp_target) if p.amhp_target is not None else None
    return band_chart(p, p.amhp, "AMHPs", target)


def yearly_rows(p: Projection) -> list[dict[str, Any]]:
    """Once a year: every projected figure's median and band."""
    rows = []
    for k, i in enumerate(range(0, len(p.months), 12)):
        year = p.amhp_by_year[k] if k < len(p.amhp_by_year) else None
        rows.append(
            {
                "Month": p.months[i].strftime("%m/%Y"),
                "AMHPs": p.amhp.median[i],
                f"AMHPs {BAND}": f"{p.amhp.p10[i]:g}-{p.amhp.p90[i]:g}",
                "AMHPs planned": p.amhp.planned[i],
                "Population": year.population if year else None,
                "AMHPs per 100,000": year.per_100k_median if year else None,
                "AMHP target": year.amhp_target if year else None,
                "Supervision slots": p.supervision_slots.median[i],
                "Supervisees": p.supervisees.median[i],
                "Needed posts covered": f"{p.posts_covered.median[i]:g} of {p.posts_needed}",
            }
        )
    return rows


def projection_caption(p: Projection) -> str:
    target = f"; target {p.amhp_target} AMHPs" if p.amhp_target is not None else ""
    return (
        f"Median of {p.runs:,} runs (seed {p.seed}), shaded {BAND}; dashed: planned path "
        f"(no turnover){target}. Turnover {p.annual_turnover:.1%} a year, re-approval "
        f"{p.reapproval_rate:.0%}."
    )
