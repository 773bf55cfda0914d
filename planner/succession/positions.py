"""Critical positions and the risk of losing each incumbent.

Positions are the post slots the leadership analysis found held and the role functions resting
on one person (TCSW 2014 section 3 and Appendix One: categories A-E and their functions). Risk
of loss follows issue 7: a planned leaving date or an AMHP approval lapsing within the horizon,
a fixed-term or agency contract, otherwise the policy's annual turnover. Someone who may reach
State Pension age within the horizon (`state_pension_age`, from the birth year) is at least a
medium risk, with that as a reason: a possible loss, not a retirement date, so the probability
stays the one their other reasons give. Impact is the incumbent's score in the departure sweep.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from planner.analysis.leadership import post_credentials, post_slots
from planner.analysis.report import Report
from planner.reference.policy import Policy
from planner.succession.candidates import Requirement
from planner.succession.models import Credential, Position, PositionKind, Risk, RiskBand
from planner.workforce.graph import WorkforceGraph
from planner.workforce.models import Contract, Worker
from planner.workforce.pension_age import may_reach_pension_age


def risk_of_loss(wg: WorkforceGraph, staff_id: str, policy: Policy, horizon_end: date) -> Risk:
    """Band, probability of leaving within the horizon, and the reasons."""
    w = wg.index.workers[wg.index.pos[staff_id]]
    pension = may_reach_pension_age(w, policy.state_pension_age, horizon_end)
    also = [_pension_reason(w, pension, wg.as_of)] if pension else []
    reasons = []
    if w.planned_leaving_date is not None and w.planned_leaving_date <= horizon_end:
        reasons.append(f"plans to leave on {w.planned_leaving_date.isoformat()}")
    expires = w.amhp_approval_expires
    if expires is not None and wg.as_of <= expires <= horizon_end:
        reasons.append(f"AMHP approval expires on {expires.isoformat()}")
    if reasons:
        return Risk(
            band="high", probability=1.0, reasons=reasons + also, may_reach_pension_age=pension
        )
    if w.contract in (Contract.FIXED_TERM, Contract.AGENCY):
        p = policy.contract_leaving_probability
        reasons = [f"{w.contract.value} contract", *also]
        return Risk(band="medium", probability=p, reasons=reasons, may_reach_pension_age=pension)
    years = policy.horizon_months / 12
    p = round(1 - (1 - policy.annual_turnover) ** years, 4)
    band: RiskBand = "medium" if pension else "low"
    reasons = [*also, "policy annual turnover"]
    return Risk(band=band, probability=p, reasons=reasons, may_reach_pension_age=pension)


def _pension_reason(w: Worker, when: date, as_of: date) -> str:
    if when <= as_of:
        return f"may already have reached State Pension age (born {w.birth_year})"
    return f"may reach State Pension age by {when.isoformat()} (born {w.birth_year})"


def critical_positions(
    wg: WorkforceGraph, report: Report, policy: Policy
) -> list[tuple[Position, Requirement, str | None]]:
    """Every held post slot (one per holder) and every sole-cover function, with requirements
    and the team a successor would ideally come from."""
    end = report.leadership.horizon_end
    impact = {d.staff_id: d.score for d in report.leadership.departure_sweep}
    ctx = (policy, end, impact)
    slots = {key: post for key, post, _, _ in post_slots(wg)}
    kinds = {t.name: t.kind for t in wg.service.teams}
    out = []
    for cover in report.leadership.posts:
        post = slots[cover.key]
        needs = post_credentials(wg, policy, post, cover.team, kinds)
        req = Requirement(post.category, post.min_level, needs, True)
        for sid in cover.holders:
            pos = _position(wg, f"post:{cover.key}:{sid}", "post", cover.name, sid, req, ctx)
            out.append((pos, req, cover.team))
    for f in report.leadership.functions:
        if f.sole_cover is None:
            continue
        # A registered social worker may take it on; the category's Appendix One mapping
        # measures readiness (required level for C and E, a readiness signal for A, B, D).
        needs = wg.framework.function(f.code).requires
        req = Requirement(f.category, None, cast(tuple[Credential, ...], needs), True)
        pos = _position(wg, f"function:{f.code}", "function", f.code, f.sole_cover, req, ctx)
        team = wg.index.workers[wg.index.pos[f.sole_cover]].team
        out.append((pos, req, team))
    return out


def _position(
    wg: WorkforceGraph,
    key: str,
    kind: PositionKind,
    name: str,
    sid: str,
    req: Requirement,
    ctx: tuple[Policy, date, dict[str, float]],
) -> Position:
    policy, end, impact = ctx
    return Position(
        key=key,
        kind=kind,
        name=name,
        incumbent=sid,
        category=req.category,
        min_level=req.min_level,
        requires=list(req.requires),
        risk=risk_of_loss(wg, sid, policy, end),
        impact=impact.get(sid, 0.0),
    )
