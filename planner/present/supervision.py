"""The Supervision page's content: each supervisor's monthly hours owed against the hours their
FTE allows, and every problem with the people it involves, named."""

from __future__ import annotations

from typing import Any

import altair as alt

from planner.analysis.supervision import SupervisionResult
from planner.models import Service


def names(service: Service) -> dict[str, str]:
    return {w.staff_id: w.name for w in service.workers}


def _who(staff_id: str | None, known: dict[str, str]) -> str:
    if staff_id is None:
        return ""
    return f"{known[staff_id]} ({staff_id})" if staff_id in known else staff_id


def load_rows(result: SupervisionResult, service: Service) -> list[dict[str, Any]]:
    known = names(service)
    return [
        {
            "Supervisor": _who(s.staff_id, known),
            "Supervisees": s.supervisees,
            "Hours owed a month": round(s.hours_owed, 1),
            "Hours allowed a month": round(s.hours_allowed, 1),
            "Over capacity": s.over_max or s.over_hours,
            "May supervise": s.may_supervise,
        }
        for s in result.supervisors
    ]


def load_chart(result: SupervisionResult, service: Service) -> alt.LayerChart:
    rows = load_rows(result, service)
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        y=alt.Y("Supervisor:N", sort="-x", title=None)
    )
    bars = base.mark_bar().encode(
        x=alt.X("Hours owed a month:Q", title="Supervision hours a month"),
        color=alt.Color("Over capacity:N", scale=alt.Scale(range=["#4c78a8", "#d62728"])),
        tooltip=[
            "Supervisor:N",
            "Supervisees:Q",
            "Hours owed a month:Q",
            "Hours allowed a month:Q",
        ],
    )
    ticks = base.mark_tick(color="black", thickness=3, size=18).encode(x="Hours allowed a month:Q")
    return alt.LayerChart(layer=[bars, ticks])


def issue_rows(result: SupervisionResult, service: Service) -> list[dict[str, Any]]:
    known = names(service)
    rows = [
        {
            "Severity": i.severity,
            "Problem": i.rule,
            "Person": _who(i.staff_id, known),
            "Involving": _who(i.related_id, known),
        }
        for i in result.issues
    ]
    rows += [
        {
            "Severity": "red",
            "Problem": f"cycle in {c.link}",
            "Person": ", ".join(_who(m, known) for m in c.members),
            "Involving": "",
        }
        for c in result.cycles
    ]
    return rows
