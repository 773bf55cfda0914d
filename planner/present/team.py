"""The Team page's content: the roster table with filters, the PCF heatmap and the supervision
tree (Graphviz DOT, drawn in the browser). Large services are summarised by team, because a
drawing of 1,000 people is unreadable."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.reference.framework import load_framework
from planner.workforce.models import Service, Worker

PEOPLE_DRAWN = 60  # above this the supervision drawing shows teams, not people
PEOPLE_IN_HEATMAP = 80

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


def level_name(level: str | None) -> str:
    return load_framework().level(level).name if level else "—"


def roster_rows(service: Service, on: date, keep: RosterFilter) -> list[dict[str, Any]]:
    fw = load_framework()
    rows = []
    for w in service.workers:
        if not keep.keeps(w, on):
            continue
        rows.append(
            {
                "Staff ID": w.staff_id,
                "Name": w.name,
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
                "Supervisor": w.supervisor_id or w.external_supervisor or "",
                "AMHP approval expires": w.amhp_approval_expires,
                "Planned leaving": w.planned_leaving_date,
            }
        )
    return rows


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


def supervision_dot(service: Service, on: date, workers: list[Worker]) -> str:
    """The supervision tree as DOT: solid lines for professional supervision, dashed for AMHP
    supervision, dotted for line management where it differs."""
    if len(workers) > PEOPLE_DRAWN:
        return _team_dot(service, workers)
    fw = load_framework()
    shown = {w.staff_id for w in workers}
    lines = ["digraph supervision {", "rankdir=TB; node [shape=box, style=filled, fontsize=10];"]
    for w in workers:
        rank = fw.rank(w.pcf_level) if w.pcf_level else 0
        fill = _LEVEL_COLOURS[rank]
        font = "white" if rank >= 6 else "black"
        level = level_name(w.pcf_level) + (" · AMHP" if w.is_amhp(on) else "")
        border = ", peripheries=2" if w.is_amhp(on) else ""
        lines.append(
            f'{_quote(w.staff_id)} [label={_label(w.name, level)}, fillcolor="{fill}", '
            f'fontcolor="{font}"{border}];'
        )
    for w in workers:
        if w.supervisor_id in shown:
            lines.append(f"{_quote(w.supervisor_id or '')} -> {_quote(w.staff_id)};")
        if w.amhp_supervisor_id in shown and w.amhp_supervisor_id != w.supervisor_id:
            lines.append(
                f"{_quote(w.amhp_supervisor_id or '')} -> {_quote(w.staff_id)} "
                '[style=dashed, color="#b35806"];'
            )
        if w.line_manager_id in shown and w.line_manager_id != w.supervisor_id:
            lines.append(
                f"{_quote(w.line_manager_id or '')} -> {_quote(w.staff_id)} [style=dotted];"
            )
    lines.append("}")
    return "\n".join(lines)


def _team_dot(service: Service, workers: list[Worker]) -> str:
    team_of = {w.staff_id: w.team for w in service.workers}
    size = Counter(w.team for w in workers)
    links = Counter(
        (team_of[w.supervisor_id], w.team)
        for w in workers
        if w.supervisor_id in team_of and team_of[w.supervisor_id] != w.team
    )
    lines = ["digraph teams {", "rankdir=LR; node [shape=box, style=rounded];"]
    for team, n in size.items():
        lines.append(f"{_quote(team)} [label={_label(team, f'{n} people')}];")
    for (src, dst), n in links.items():
        if src in size:
            lines.append(f'{_quote(src)} -> {_quote(dst)} [label="{n}"];')
    lines.append("}")
    return "\n".join(lines)
