"""The Supervision page's content: each supervisor's monthly hours owed against the hours their
FTE allows, every problem with the people it involves, named, and what-if moves compared
before and after."""

from __future__ import annotations

from typing import Any

import altair as alt

from planner.analysis.results import SupervisionResult, SupervisorLoad
from planner.analysis.supervision_findings import RULES
from planner.whatif.reassign import Move
from planner.workforce.models import Service


def names(service: Service) -> dict[str, str]:
    return {w.staff_id: w.name for w in service.workers}


def _who(staff_id: str | None, known: dict[str, str]) -> str:
    if staff_id is None:
        return ""
    return f"{known[staff_id]} ({staff_id})" if staff_id in known else staff_id


def load_rows(
    result: SupervisionResult, service: Service, over_only: bool = False
) -> list[dict[str, Any]]:
    """A row per supervisor; with `over_only`, only those over capacity."""
    known = names(service)
    rows = [
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
    return [r for r in rows if r["Over capacity"] or not over_only]


WITHIN, OVER = "Within the limits", "Over a limit (hours or supervisees)"


def load_chart(rows: list[dict[str, Any]]) -> alt.LayerChart:
    """The rows of `load_rows` (filtered as the table is) as bars against capacity ticks, the
    bars coloured in words: over a limit (hours or supervisees) or within them."""
    values = [{**r, "Load": OVER if r["Over capacity"] else WITHIN} for r in rows]
    base = alt.Chart(alt.InlineData(values=values)).encode(
        y=alt.Y("Supervisor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260))
    )
    bars = base.mark_bar().encode(
        x=alt.X("Hours owed a month:Q", title="Supervision hours a month"),
        color=alt.Color(
            "Load:N",
            title=None,
            scale=alt.Scale(domain=[WITHIN, OVER], range=["#4c78a8", "#d62728"]),
        ),
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
    """Every supervision problem in words, with the people involved named: the analysis's rules,
    supervisors over capacity, and loops."""
    known = names(service)
    rows = [
        {
            "Severity": i.severity,
            "Problem": _rule_words(i.rule),
            "Person": _who(i.staff_id, known),
            "Involving": _who(i.related_id, known),
        }
        for i in result.issues
    ]
    rows += [
        {
            "Severity": "amber",
            "Problem": _over_words(s, result),
            "Person": _who(s.staff_id, known),
            "Involving": "",
        }
        for s in result.supervisors
        if s.over_hours or s.over_max
    ]
    rows += [
        {
            "Severity": "red",
            "Problem": f"Supervision links go round in a loop ({_LINK_WORDS.get(c.link, c.link)})",
            "Person": ", ".join(_who(m, known) for m in c.members),
            "Involving": "",
        }
        for c in result.cycles
    ]
    return rows


_LINK_WORDS = {
    "supervisor_id": "professional supervision",
    "line_manager_id": "line management",
    "amhp_supervisor_id": "AMHP supervision",
}


def _rule_words(rule: str) -> str:
    """A rule's sentence for one person: "Someone without a professional supervisor"."""
    known = RULES.get(rule)
    return known.sentence.format(n="Someone") if known else rule.replace("_", " ").capitalize()


def _over_words(s: SupervisorLoad, result: SupervisionResult) -> str:
    # The limit itself is on the load table; here, which limit, so a move that relieves one
    # and not the other is not counted as fixing it.
    if s.over_hours and s.over_max:
        return (
            "Over capacity: more supervision hours than their FTE allows, and too many supervisees"
        )
    if s.over_hours:
        return "Over capacity: more supervision hours than their FTE allows"
    return "Over capacity: more supervisees than the limit"


def _loads_by_id(result: SupervisionResult) -> dict[str, SupervisorLoad]:
    return {s.staff_id: s for s in result.supervisors}


def affected(service: Service, moves: list[Move]) -> list[str]:
    """The supervisors a what-if touches: each move's old and new supervisor, in move order."""
    old = {w.staff_id: w.supervisor_id for w in service.workers}
    ids = [i for m in moves for i in (old.get(m.staff_id), m.new_supervisor_id) if i]
    return list(dict.fromkeys(ids))


def compare_rows(
    before: SupervisionResult, after: SupervisionResult, service: Service, ids: list[str]
) -> list[dict[str, Any]]:
    """One row per supervisor and moment (before, after): supervisees, hours owed, allowed."""
    known = names(service)
    rows = []
    for when, result in (("before", before), ("after", after)):
        loads = _loads_by_id(result)
        for sid in ids:
            s = loads.get(sid)
            rows.append(
                {
                    "Supervisor": _who(sid, known),
                    "When": when,
                    "Supervisees": s.supervisees if s else 0,
                    "Hours owed a month": round(s.hours_owed, 1) if s else 0.0,
                    "Hours allowed a month": _allowed(before, after, sid),
                    "Over capacity": bool(s and (s.over_max or s.over_hours)),
                }
            )
    return rows


def _allowed(before: SupervisionResult, after: SupervisionResult, sid: str) -> float:
    """Someone supervising nobody at one moment has the hours the other moment shows."""
    for result in (before, after):
        s = _loads_by_id(result).get(sid)
        if s is not None:
            return round(s.hours_allowed, 1)
    return 0.0


def compare_chart(rows: list[dict[str, Any]]) -> alt.LayerChart:
    """Bars before and after for each supervisor, a black mark at the hours they are allowed."""
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        y=alt.Y("Supervisor:N", title=None, axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset("When:N", sort=["before", "after"]),
    )
    bars = base.mark_bar().encode(
        x=alt.X("Hours owed a month:Q", title="Supervision hours a month"),
        color=alt.Color(
            "When:N",
            sort=["before", "after"],
            scale=alt.Scale(domain=["before", "after"], range=["#9ecae1", "#08519c"]),
        ),
        tooltip=["Supervisor:N", "When:N", "Supervisees:Q", "Hours owed a month:Q"],
    )
    ticks = base.mark_tick(color="black", thickness=3).encode(x="Hours allowed a month:Q")
    return alt.LayerChart(layer=[bars, ticks])


def problem_changes(
    before: SupervisionResult, after: SupervisionResult, service: Service
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(problems the moves fix, problems they create), named as on the Problems table."""
    old, new = issue_rows(before, service), issue_rows(after, service)
    old_keys = {_key(r) for r in old}
    new_keys = {_key(r) for r in new}
    fixed = [r for r in old if _key(r) not in new_keys]
    created = [r for r in new if _key(r) not in old_keys]
    return fixed, created


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["Problem"], row["Person"], row["Involving"]
