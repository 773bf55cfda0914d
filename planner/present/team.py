"""The Team page's content: the roster table with filters, the PCF heatmap and the supervision
tree (Graphviz DOT, drawn in the browser). Large services are summarised by team, because a
drawing of 1,000 people is unreadable."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt

from planner.reference.framework import load_framework
from planner.reference.policy import Policy
from planner.workforce.capacity import CaseworkCapacity, casework_capacity
from planner.workforce.graph import EdgeKind, WorkforceGraph, worker_node
from planner.workforce.models import Service, Worker

PEOPLE_DRAWN = 60  # above this the supervision drawing shows teams, not people
PEOPLE_IN_HEATMAP = 80
ROW_STEP = 22  # pixels per heatmap row: room for a name at the axis's font size

CREDENTIALS = ("AMHP", "AMHP trainee", "BIA", "Practice educator")


@dataclass(frozen=True)
class RosterFilter:
    teams: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()
    credentials: tuple[str, ...] = ()

    def keeps(self, w: Worker, on: date) -> bool:
        if self.teams and w.team not in self.teams:
            return False
        if self.levels and (w.pcf_level or "") not in self.levels:
            return False
        if self.contracts and w.contract.value not in self.contracts:
            return False
        return not self.credentials or bool(set(self.credentials) & set(credentials(w, on)))


def credentials(w: Worker, on: date) -> list[str]:
    held = []
    if w.is_amhp(on):
        held.append("AMHP")
    if w.in_amhp_training(on):
        held.append("AMHP trainee")
    if w.bia:
        held.append("BIA")
    if w.practice_educator_stage:
        held.append("Practice educator")
    return held


def approval_text(w: Worker) -> str:
    """A person's AMHP approval as the roster gives it, what is unknown said as unknown."""
    if not w.has_amhp_record():
        return ""
    starts, ends = w.amhp_approved_on, w.amhp_approval_expires
    if ends is None:
        return (
            "approved, expiry unknown"
            if starts is None
            else f"from {starts:%d/%m/%Y}, expiry unknown"
        )
    if starts is None:
        return f"until {ends:%d/%m/%Y} (approved-on unknown)"
    return f"{starts:%d/%m/%Y} to {ends:%d/%m/%Y}"


def level_name(level: str | None) -> str:
    return load_framework().level(level).name if level else "—"


def capacity_of(service: Service, on: date, keep: RosterFilter, policy: Policy) -> CaseworkCapacity:
    """The FTE in post on the date among those the filter keeps, and how much is for casework
    (less the ASYE workers' protected development time)."""
    return casework_capacity([w for w in service.staff_on(on) if keep.keeps(w, on)], policy, on)


def roster_rows(service: Service, on: date, keep: RosterFilter) -> list[dict[str, Any]]:
    fw = load_framework()
    rows = []
    for w in service.workers:
        if not keep.keeps(w, on):
            continue
        rows.append(
            {
                "Name": w.name,
                "Staff ID": w.staff_id,
                "Team": w.team,
                "Job title": w.job_title,
                "PCF level": level_name(w.pcf_level),
                "FTE": w.fte,
                "Contract": w.contract.value.replace("_", " "),
                "Credentials": ", ".join(credentials(w, on)),
                "Posts": ", ".join(fw.post(p).name for p in w.posts),
                "Role functions": ", ".join(
                    f"{c} {share:.0%}" for c, share in w.role_functions.items()
                ),
                "Supervisor": _named(service, w.supervisor_id) or w.external_supervisor or "",
                "AMHP approval": approval_text(w),
                "Planned leaving": w.planned_leaving_date,
            }
        )
    return rows


def _named(service: Service, staff_id: str | None) -> str:
    """ "Name (id)" for someone in the service; the id alone for anyone else."""
    if staff_id is None:
        return ""
    found = service.worker(staff_id)
    return f"{found.name} ({staff_id})" if found else staff_id


def heatmap_rows(service: Service, workers: list[Worker]) -> tuple[str, list[dict[str, Any]]]:
    """('worker' or 'team', long-form rows) for a PCF heatmap: one cell per person (or team) and
    domain, its value the level's rank (0 point of entry … 8 strategic)."""
    fw = load_framework()
    social_workers = [w for w in workers if w.pcf_level]
    if len(social_workers) <= PEOPLE_IN_HEATMAP:
        return "worker", [
            {
                "who": f"{w.name} ({w.staff_id})",
                "team": w.team,
                "domain": f"{d.number}. {d.name}",
                "level": level_name(w.level_in(d.number)),
                "rank": fw.rank(w.level_in(d.number) or "entry"),
            }
            for w in social_workers
            for d in fw.domains
        ]
    by_team: dict[str, list[Worker]] = {}
    for w in social_workers:
        by_team.setdefault(w.team, []).append(w)
    rows = []
    for team, members in by_team.items():
        for d in fw.domains:
            ranks = [fw.rank(w.level_in(d.number) or "entry") for w in members]
            mean = sum(ranks) / len(ranks)
            rows.append(
                {
                    "who": f"{team} ({len(members)})",
                    "team": team,
                    "domain": f"{d.number}. {d.name}",
                    "level": f"mean {level_name(fw.level_ids()[round(mean)])}",
                    "rank": round(mean, 2),
                }
            )
    return "team", rows


def heatmap_chart(grain: str, cells: list[dict[str, Any]]) -> alt.Chart:
    """The heatmap: every person (or team) and every domain labelled (Vega-Lite drops labels it
    thinks overlap unless told not to), the legend below, where no chart height can cut it."""
    fw = load_framework()
    if grain == "worker":
        order = [fw.level(lv).name for lv in fw.level_ids()]
        colour = alt.Color(
            "level:O",
            title="PCF level",
            sort=order,
            scale=alt.Scale(domain=order, scheme="blues"),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=300),
        )
    else:
        colour = alt.Color(
            "rank:Q",
            title="Mean level (0 point of entry to 8 strategic)",
            scale=alt.Scale(domain=[0, 8], scheme="blues"),
            legend=alt.Legend(orient="bottom"),
        )
    chart: alt.Chart = (
        alt.Chart(alt.InlineData(values=cells))
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "domain:N",
                title=None,
                sort=None,
                axis=alt.Axis(labelAngle=-35, labelLimit=240, labelOverlap=False),
            ),
            y=alt.Y(
                "who:N", title=None, sort=None, axis=alt.Axis(labelLimit=280, labelOverlap=False)
            ),
            color=colour,
            tooltip=["who:N", "team:N", "domain:N", "level:N"],
        )
        .properties(height=alt.Step(ROW_STEP))
    )
    return chart


_LEVEL_COLOURS = (
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)


def _quote(text: str) -> str:
    return '"' + _escape(text) + '"'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _label(*lines: str) -> str:
    """A DOT label of several lines, each escaped, joined by DOT's own line break."""
    return '"' + "\\n".join(_escape(line) for line in lines) + '"'


# Characters XML 1.0 cannot hold at all: Graphviz's HTML-like labels are XML.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _html(text: str) -> str:
    """Text for a Graphviz HTML-like label: markup characters as entities, line breaks as
    spaces, characters XML cannot hold as the replacement character."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;").replace("\r", " ").replace("\n", " ")
    return _NOT_XML.sub("\ufffd", escaped)


def _person_label(name: str, staff_id: str, level: str) -> str:
    """The person's name, their staff id under it in small type, then their level."""
    return f'<{_html(name)}<BR/><FONT POINT-SIZE="8">{_html(staff_id)}</FONT><BR/>{_html(level)}>'


SOLID = EdgeKind.SUPERVISES
DASHED = EdgeKind.AMHP_SUPERVISES
DOTTED = EdgeKind.LINE_MANAGES


def supervision_dot(
    wg: WorkforceGraph, staff_ids: Iterable[str], from_outside: bool = False
) -> str:
    """The supervision tree among the people shown, as DOT, drawn from the workforce graph's
    edges: solid lines for professional supervision, dashed for AMHP supervision and dotted
    for line management where each differs from the professional supervisor. Above
    PEOPLE_DRAWN people, teams instead of people. With `from_outside`, supervisors and managers
    of the people shown who are not among them are drawn too, in grey with their team."""
    ids = [sid for sid in dict.fromkeys(staff_ids) if worker_node(sid) in wg.graph]
    if len(ids) > PEOPLE_DRAWN:
        return _team_dot(wg, ids)
    people = wg.graph.nodes
    parent = {kind: _parents(wg, kind, ids) for kind in (SOLID, DASHED, DOTTED)}
    outside = _outside(parent, set(ids)) if from_outside else []
    shown = set(ids) | set(outside)
    lines = ["digraph supervision {", "rankdir=TB; node [shape=box, style=filled, fontsize=10];"]
    for sid in outside:
        person = people[worker_node(sid)]
        label = _person_label(person["name"], sid, f"in {person['team']}")
        lines.append(
            f'{_quote(sid)} [label={label}, fillcolor="#eeeeee", fontcolor="#555555", '
            'style="filled,dashed"];'
        )
    for sid in ids:
        person = people[worker_node(sid)]
        rank = wg.framework.rank(person["pcf_level"]) if person["pcf_level"] else 0
        fill = _LEVEL_COLOURS[rank]
        font = "white" if rank >= 6 else "black"
        level = level_name(person["pcf_level"]) + (" · AMHP" if person["amhp"] else "")
        border = ", peripheries=2" if person["amhp"] else ""
        lines.append(
            f"{_quote(sid)} [label={_person_label(person['name'], sid, level)}, "
            f'fillcolor="{fill}", fontcolor="{font}"{border}];'
        )
    for sid in ids:
        supervisor = parent[SOLID].get(sid)
        if supervisor in shown:
            lines.append(f"{_quote(supervisor or '')} -> {_quote(sid)};")
        amhp = parent[DASHED].get(sid)
        if amhp in shown and amhp != supervisor:
            lines.append(f'{_quote(amhp or "")} -> {_quote(sid)} [style=dashed, color="#b35806"];')
        manager = parent[DOTTED].get(sid)
        if manager in shown and manager != supervisor:
            lines.append(f"{_quote(manager or '')} -> {_quote(sid)} [style=dotted];")
    lines.append("}")
    return "\n".join(lines)


def _outside(parent: dict[EdgeKind, dict[str, str]], shown: set[str]) -> list[str]:
    found = (p for links in parent.values() for p in links.values() if p not in shown)
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class TeamView:
    """One team's part of the supervision picture: a drawing when it is small enough to read,
    else each supervisor with the people they supervise."""

    team: str
    people: int
    dot: str | None
    supervisors: list[dict[str, Any]]


def supervision_by_team(wg: WorkforceGraph, staff_ids: Iterable[str]) -> list[TeamView]:
    """The people shown, team by team (in the service's order of teams)."""
    ids = [sid for sid in dict.fromkeys(staff_ids) if worker_node(sid) in wg.graph]
    people = wg.graph.nodes
    members: dict[str, list[str]] = {}
    for sid in ids:
        members.setdefault(people[worker_node(sid)]["team"], []).append(sid)
    order = {t.name: i for i, t in enumerate(wg.service.teams)}
    views = []
    for team in sorted(members, key=lambda t: order.get(t, len(order))):
        team_ids = members[team]
        small = len(team_ids) <= PEOPLE_DRAWN
        dot = supervision_dot(wg, team_ids, from_outside=True) if small else None
        views.append(
            TeamView(team, len(team_ids), dot, [] if small else _by_supervisor(wg, team_ids))
        )
    return views


def _by_supervisor(wg: WorkforceGraph, ids: list[str]) -> list[dict[str, Any]]:
    """Each supervisor of these people, named, with how many and whom they supervise here."""
    people = wg.graph.nodes
    under: dict[str, list[str]] = {}
    for sup, sid in wg.links(SOLID, into=ids):
        under.setdefault(sup, []).append(sid)
    rows = []
    for sup, kids in sorted(under.items(), key=lambda kv: -len(kv[1])):
        who = people[worker_node(sup)]
        rows.append(
            {
                "Supervisor": f"{who['name']} ({sup})",
                "Their team": who["team"],
                "Supervisees here": len(kids),
                "Supervisees": ", ".join(people[worker_node(k)]["name"] for k in kids),
            }
        )
    return rows


def _parents(wg: WorkforceGraph, kind: EdgeKind, ids: list[str]) -> dict[str, str]:
    """Each shown person's supervisor (or manager) by one kind of edge; a person has at most
    one of each."""
    return {to: parent for parent, to in wg.links(kind, into=ids)}


def _team_dot(wg: WorkforceGraph, ids: list[str]) -> str:
    people = wg.graph.nodes
    team_of = {sid: people[worker_node(sid)]["team"] for sid in ids}
    size = Counter(team_of.values())
    across = ((people[worker_node(sup)]["team"], team_of[sid]) for sup, sid in wg.links(SOLID, ids))
    links = Counter((src, dst) for src, dst in across if src != dst)
    lines = ["digraph teams {", "rankdir=LR; node [shape=box, style=rounded];"]
    for team, n in size.items():
        lines.append(f"{_quote(team)} [label={_label(team, f'{n} people')}];")
    for (src, dst), n in links.items():
        if src in size:
            lines.append(f'{_quote(src)} -> {_quote(dst)} [label="{n}"];')
    lines.append("}")
    return "\n".join(lines)
