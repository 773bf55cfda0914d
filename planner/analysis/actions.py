"""The findings as at most about ten actions a principal social worker would take.

Each red or amber finding answers to one action: recruiting AMHPs, keeping approvals current,
planning for one person's leaving, supervising first-year workers and students, rebalancing
supervision, naming successors, reviewing who holds what. An action takes the worst severity of
its findings and names the people it is about; the findings stay beneath it as the reasons.
Planned departures are an action per person while there is room, the rest in one, so a large
service still gets a short list.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.analysis.findings import SEVERITY_ORDER, Area, Finding, Severity, uk_date
from planner.workforce.graph import WorkforceGraph

MAX_ACTIONS = 10

# Theme of each finding code, in the order the actions are listed within a severity.
THEMES: dict[str, tuple[str, ...]] = {
    "amhp_numbers": (
        "per_100k_against_target",
        "rota_cover",
        "demand_against_duty",
        "headcount_over_horizon",
        "no_population",
        "simulation_disagrees",
    ),
    "approvals": (
        "cpd_shortfall",
        "approval_expiring",
        "amhp_without_amhp_supervision",
        "amhp_supervisor_not_in_service",
    ),
    "leaving": (
        "planned_departure",
        "post_holder_leaving",
        "amhp_leaving",
        "recruitment_too_late",
        "recruitment_start_by",
    ),
    "first_year": (
        "asye_supervisor_below_level",
        "asye_frequency_at_risk",
        "student_educator_stage",
    ),
    "supervision": (
        "no_supervisor",
        "supervisor_not_in_service",
        "supervision_cycle",
        "over_supervision_hours",
        "over_max_supervisees",
        "supervisor_not_registered",
        "supervisor_below_level",
        "line_manager_not_in_service",
        "service_supervision_hours",
    ),
    "vacancies": ("needed_posts",),
    "succession": (
        "post_without_bench",
        "single_point_of_failure",
        "category_without_eligible",
        "highest_impact_departures",
        "state_pension_age",
    ),
    "allocation": (
        "allocated_beyond_eligibility",
        "post_holder_unqualified",
    ),
    "uncovered": ("functions_uncovered",),
}
THEME_OF = {code: theme for theme, codes in THEMES.items() for code in codes}
ORDER = {theme: n for n, theme in enumerate(THEMES)}

TITLES: dict[str, str] = {
    "amhp_numbers": "Recruit or train AMHPs to meet the target and cover the rota",
    "approvals": "Keep AMHP approvals current: training hours, renewals and AMHP supervision",
    "first_year": "Give people in their ASYE and students a supervisor who meets the rules",
    "supervision": "Rebalance supervision",
    "vacancies": "Fill the vacant posts the service needs",
    "succession": "Name and develop successors where a post or function rests on one person",
    "allocation": "Review who holds role functions and posts they are not yet eligible for",
    "uncovered": "Allocate the role functions nobody covers",
    "leaving": "Plan for the other people leaving",
    "other": "Other findings to review",
}


class Action(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    severity: Severity
    area: Area  # the page that explains it
    people: tuple[str, ...]  # staff ids, in the order the findings name them
    findings: tuple[Finding, ...]


def actions(wg: WorkforceGraph, findings: list[Finding]) -> list[Action]:
    """The red and amber findings grouped into actions, most serious first."""
    raised = [f for f in findings if f.severity != "green"]
    themed: dict[str, list[Finding]] = {}
    leavers: dict[str, list[Finding]] = {}
    for f in raised:
        theme = THEME_OF.get(f.code, "other")
        leaver = _leaver(f) if theme == "leaving" else None
        if leaver is not None and wg.worker(leaver) is not None:
            leavers.setdefault(leaver, []).append(f)
        else:
            themed.setdefault(theme, []).append(f)
    out = [_action(TITLES[t], fs, wg) for t, fs in sorted(themed.items(), key=_theme_key)]
    return _sorted([*out, *_leaving_actions(wg, leavers, room=MAX_ACTIONS - len(out))])


def _theme_key(item: tuple[str, list[Finding]]) -> int:
    return ORDER.get(item[0], len(ORDER))


def _leaver(f: Finding) -> str | None:
    """The one person a departure finding is about, if it is about one."""
    if f.code in ("planned_departure", "recruitment_too_late", "recruitment_start_by"):
        return f.evidence[0]
    people = f.evidence[1:] if f.code == "post_holder_leaving" else f.evidence
    return people[0] if len(people) == 1 else None


def _leaving_actions(
    wg: WorkforceGraph, leavers: dict[str, list[Finding]], room: int
) -> list[Action]:
    """An action per person leaving while there is room (the most serious and soonest first),
    the rest together."""
    ranked = sorted(leavers.items(), key=lambda kv: (_worst(kv[1]), _leaving_on(wg, kv[0])))
    own = ranked if len(ranked) <= room else ranked[: max(room - 1, 0)]
    out = [_action(_leaving_title(wg, sid), fs, wg) for sid, fs in own]
    rest = [f for _, fs in ranked[len(own) :] for f in fs]
    if rest:
        out.append(_action(TITLES["leaving"], rest, wg))
    return out


def _leaving_title(wg: WorkforceGraph, staff_id: str) -> str:
    on = _leaving_on(wg, staff_id)
    when = f" on {uk_date(on)}" if on != date.max else ""
    return f"Plan for {wg.names.person(staff_id)} leaving{when}"


def _leaving_on(wg: WorkforceGraph, staff_id: str) -> date:
    w = wg.worker(staff_id)
    return (w.planned_leaving_date if w else None) or date.max


def _worst(found: list[Finding]) -> int:
    return min(SEVERITY_ORDER[f.severity] for f in found)


def _action(title: str, found: list[Finding], wg: WorkforceGraph) -> Action:
    ordered = sorted(found, key=lambda f: SEVERITY_ORDER[f.severity])
    people: dict[str, None] = {}
    for f in ordered:
        people.update((e, None) for e in f.evidence if wg.worker(e) is not None)
    return Action(
        title=title,
        severity=ordered[0].severity,
        area=ordered[0].area,
        people=tuple(people),
        findings=tuple(ordered),
    )


def _sorted(found: list[Action]) -> list[Action]:
    # stable: the themes keep their order within a severity
    return sorted(found, key=lambda a: SEVERITY_ORDER[a.severity])
