"""Development actions per person: the domain gaps to close and credentials to gain, with the
target date implied by their readiness band (TCSW 2014 E.ii and Appendix One; PEPS stage 2 for
practice educators; a leadership programme for strategic and category E posts)."""

from __future__ import annotations

from datetime import date

from planner.analysis.amhp_approvals import add_months
from planner.reference.policy import Policy
from planner.succession.models import (
    Action,
    ActionKind,
    Candidate,
    DevelopmentPlan,
    Position,
    PositionPlan,
    Readiness,
)

CREDENTIAL_ACTION = {
    "amhp_approval": "AMHP training and approval",
    "practice_educator_stage_1": "PEPS stage 1",
    "practice_educator_stage_2": "PEPS stage 2",
    "bia": "BIA training",
}


def target_date(as_of: date, readiness: Readiness, policy: Policy) -> date:
    """The date a successor in this band should be ready (policy ready_*_months)."""
    months = {
        "ready_now": 0,
        "ready_1_2_years": policy.ready_soon_months,
        "ready_3_plus_years": policy.ready_later_months,
    }[readiness]
    return add_months(as_of, months)


def actions_for(position: Position, c: Candidate, as_of: date) -> list[tuple[ActionKind, str]]:
    """What this candidate must do to be ready for this position."""
    out: list[tuple[ActionKind, str]] = []
    for g in c.gaps:
        where = f"PCF domain {g.domain}" if g.domain is not None else "overall PCF level"
        out.append(("domain", f"{where}: {g.from_level or 'none'} to {g.to_level}"))
    out += [("credential", CREDENTIAL_ACTION[m]) for m in c.missing]
    if position.kind == "post" and (position.category == "E" or position.min_level == "strategic"):
        out.append(("leadership_programme", "leadership programme"))
    return out


def development_plans(
    plans: list[PositionPlan], as_of: date, policy: Policy
) -> list[DevelopmentPlan]:
    """One plan per named successor, actions merged across positions, earliest target kept."""
    acts: dict[str, dict[tuple[ActionKind, str], tuple[list[str], date]]] = {}
    for p in plans:
        for c in p.successors:
            when = target_date(as_of, c.readiness, policy)
            mine = acts.setdefault(c.staff_id, {})
            for key in actions_for(p.position, c, as_of):
                keys, old = mine.get(key, ([], when))
                mine[key] = ([*keys, p.position.key], min(old, when))
    return [
        DevelopmentPlan(
            staff_id=sid,
            actions=[
                Action(kind=k, detail=d, for_positions=keys, target=when)
                for (k, d), (keys, when) in mine.items()
            ],
        )
        for sid, mine in sorted(acts.items())
        if mine
    ]
