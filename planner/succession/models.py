"""Typed results of succession planning (TCSW 2014 role category E.ii: "workforce management and
succession planning to ensure on-going sufficiency of AMHPs"; Appendix One maps each role
category to the PCF domains and levels a successor must reach)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.findings import Finding

PositionKind = Literal["post", "function"]
Readiness = Literal["ready_now", "ready_1_2_years", "ready_3_plus_years"]
RiskBand = Literal["high", "medium", "low"]
Credential = Literal[
    "amhp_approval", "practice_educator_stage_1", "practice_educator_stage_2", "bia"
]
ActionKind = Literal["domain", "credential", "leadership_programme"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Gap(_Frozen):
    """One PCF domain (None for the overall level a post asks for) below what is needed."""

    domain: int | None
    from_level: str | None
    to_level: str


class Risk(_Frozen):
    band: RiskBand
    probability: float  # of leaving within the horizon
    reasons: list[str]
    # The earliest day the incumbent may reach State Pension age, where that is within the
    # horizon (from the birth year alone; a possible loss, not a retirement date).
    may_reach_pension_age: date | None = None


class Position(_Frozen):
    """A critical position: a post slot held by one person, or a sole-cover role function."""

    key: str
    kind: PositionKind
    name: str
    incumbent: str
    category: str | None
    min_level: str | None
    requires: list[Credential]
    risk: Risk
    impact: float  # the incumbent's departure-sweep score


class Candidate(_Frozen):
    staff_id: str
    readiness: Readiness
    score: float
    gaps: list[Gap]
    missing: list[Credential]


class PositionPlan(_Frozen):
    position: Position
    candidates: list[Candidate]  # ranked, best first
    successors: list[Candidate]  # first successor (from the matching) then up to two more


class Action(_Frozen):
    kind: ActionKind
    detail: str
    for_positions: list[str]
    target: date


class DevelopmentPlan(_Frozen):
    staff_id: str
    actions: list[Action]


class PipelineYear(_Frozen):
    year: int  # 1 = the first twelve months from the as-of date
    headcount_start: int
    expiries: int  # recorded approvals lapsing in the year
    renewals: float  # of those, expected to be renewed at the policy's re-approval rate
    leavers: float  # planned leavers plus policy turnover among the rest
    completions: int  # trainees expected to be approved in the year
    headcount_end: float  # expected, before any new trainees
    starts_needed: int


class AmhpPipeline(_Frozen):
    headcount: int
    target: int
    in_training: int
    training_months: int
    reapproval_rate: float  # the same rate the what-if projection uses
    years: list[PipelineYear]


class SuccessionPlan(_Frozen):
    as_of: date
    horizon_end: date
    positions: list[PositionPlan]
    development: list[DevelopmentPlan]
    amhp: AmhpPipeline
    findings: list[Finding]
