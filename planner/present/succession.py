"""The succession plan on the Leadership & succession page: critical positions with their first
successor, readiness and gaps in plain words, counts per readiness band, development actions per
person and the AMHP training pipeline (TCSW 2014 role category E.ii), with people named."""

from __future__ import annotations

import re
from typing import Any

import altair as alt

from planner.present.supervision import names
from planner.reference.framework import load_framework
from planner.succession.models import Credential, Gap, PositionPlan, Readiness, SuccessionPlan
from planner.workforce.models import Service

NO_SUCCESSOR = "no successor"
READINESS: dict[Readiness, str] = {
    "ready_now": "ready now",
    "ready_1_2_years": "1-2 years",
    "ready_3_plus_years": "3+ years",
}
BANDS = (*READINESS.values(), NO_SUCCESSOR)
BAND_COLOURS = ("#2ca02c", "#ff9f1c", "#d62728", "#555555")
CREDENTIALS: dict[Credential, str] = {
    "amhp_approval": "AMHP approval",
    "practice_educator_stage_1": "practice educator stage 1",
    "practice_educator_stage_2": "practice educator stage 2",
    "bia": "BIA",
}
_DOMAIN_ACTION = re.compile(r"^(PCF domain (\d)|overall PCF level): (\S+) to (\S+)$")


def level(level_id: str | None) -> str:
    """A level's short name: 'Experienced' rather than 'Experienced social worker'."""
    if level_id is None:
        return "none"
    name = load_framework().level(level_id).name
    short = name.removesuffix(" social worker")
    return short if short else name


def gap_text(gap: Gap) -> str:
    """'Domain 9 <its name>: Experienced -> Advanced', the names from the framework data."""
    change = f"{level(gap.from_level)} -> {level(gap.to_level)}"
    if gap.domain is None:
        return f"Overall PCF level: {change}"
    return f"Domain {gap.domain} {load_framework().domain(gap.domain).name}: {change}"


def _who(sid: str, known: dict[str, str]) -> str:
    return f"{known.get(sid, sid)} ({sid})"


def position_name(p: PositionPlan) -> str:
    pos = p.position
    if pos.kind == "function":
        summary = load_framework().function(pos.name).summary
        short = summary if len(summary) <= 60 else summary[:57].rsplit(" ", 1)[0] + "…"
        return f"Role function {pos.name}: {short}"
    team = pos.key.split(":")[1].partition("@")[2]
    return f"{pos.name}, {team}" if team else pos.name


def _risk(p: PositionPlan) -> str:
    risk = p.position.risk
    return f"{risk.band}: {'; '.join(risk.reasons)}".replace("_", " ")


def band(p: PositionPlan) -> str:
    return READINESS[p.successors[0].readiness] if p.successors else NO_SUCCESSOR


def position_rows(
    plan: SuccessionPlan, service: Service, bands: list[str] | None = None
) -> list[dict[str, Any]]:
    """One row per critical position; `bands` keeps only those whose first successor is in one
    of these readiness bands (or has none, for 'no successor')."""
    known = names(service)
    rows = []
    for p in plan.positions:
        if bands and band(p) not in bands:
            continue
        first = p.successors[0] if p.successors else None
        rows.append(
            {
                "Position": position_name(p),
                "Incumbent": _who(p.position.incumbent, known),
                "Risk": _risk(p),
                "May reach State Pension age": p.position.risk.may_reach_pension_age,
                "Impact": p.position.impact,
                "First successor": _who(first.staff_id, known) if first else NO_SUCCESSOR,
                "Readiness": band(p),
                "Gaps": "; ".join(gap_text(g) for g in first.gaps) if first else "",
                "Missing credentials": ", ".join(CREDENTIALS[m] for m in first.missing)
                if first
                else "",
                "Next successors": ", ".join(_who(c.staff_id, known) for c in p.successors[1:]),
            }
        )
    return rows


def band_counts(plan: SuccessionPlan) -> list[dict[str, Any]]:
    """Positions per readiness band of their first successor, every band shown even if none."""
    found = [band(p) for p in plan.positions]
    return [{"Readiness": b, "Positions": found.count(b)} for b in BANDS]


def band_chart(counts: list[dict[str, Any]]) -> alt.Chart:
    chart: alt.Chart = (
        alt.Chart(alt.InlineData(values=counts))
        .mark_bar()
        .encode(
            x=alt.X("Positions:Q", title="Critical positions"),
            y=alt.Y("Readiness:N", sort=list(BANDS), title="First successor ready"),
            color=alt.Color(
                "Readiness:N",
                scale=alt.Scale(domain=list(BANDS), range=list(BAND_COLOURS)),
                legend=None,
            ),
            tooltip=["Readiness:N", "Positions:Q"],
        )
    )
    return chart


def action_text(detail: str) -> str:
    """A development action in plain words, PCF level ids turned into names."""
    m = _DOMAIN_ACTION.match(detail)
    if m is None:
        return detail[:1].upper() + detail[1:]
    where = (
        f"Domain {m[2]} {load_framework().domain(int(m[2])).name}" if m[2] else "Overall PCF level"
    )
    to = m[4]
    return f"{where}: {level(None if m[3] == 'none' else m[3])} -> {level(to)}"


def development_rows(plan: SuccessionPlan, service: Service) -> dict[str, list[dict[str, Any]]]:
    """Each named successor's actions, keyed by who they are."""
    known = names(service)
    titles = {p.position.key: position_name(p) for p in plan.positions}
    return {
        _who(d.staff_id, known): [
            {
                "Action": action_text(a.detail),
                "For": "; ".join(titles.get(k, k) for k in a.for_positions),
                "By": a.target,
            }
            for a in d.actions
        ]
        for d in plan.development
    }


def pipeline_rows(plan: SuccessionPlan) -> list[dict[str, Any]]:
    return [
        {
            "Year": y.year,
            "AMHPs at start": y.headcount_start,
            "Approvals expiring": y.expiries,
            "Expected renewals": y.renewals,
            "Expected leavers": y.leavers,
            "Trainees approved": y.completions,
            "AMHPs at end": y.headcount_end,
            "Trainees to start": y.starts_needed,
        }
        for y in plan.amhp.years
    ]
