"""What the three gap analyses return: plain frozen models, kept apart from the code that
computes them, so the findings modules and the analyses both import them without importing
each other."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.amhp_horizon import AmhpHorizon
from planner.analysis.findings import Finding, Severity
from planner.analysis.population_basis import PopulationBasis
from planner.analysis.queueing import SimulationVerdict

# --- AMHP sufficiency ---


class BenchmarkRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    year: int | None  # None: undated in its source
    per_100k: float
    basis: str  # the benchmarks are per 100,000 people of all ages
    measure: Literal["headcount", "fte"]  # AMHPs counted, or their full-time equivalents
    service_per_100k: float | None  # the service on the same basis and measure where it is known
    source: str
    clause: str
    citation: str
    check: bool
    note: str


class BasisFigures(BaseModel):
    """The AMHP figures on one population basis: the basis used and the other, side by side."""

    model_config = ConfigDict(frozen=True)

    basis: Literal["all_ages", "adults_18_plus"]
    words: str  # "people of all ages" or "adults (18+)"
    used: bool  # the policy's basis, that the target and demand are set against
    population: int | None
    source: str
    per_100k: float | None  # AMHP headcount per 100,000
    headcount_for_target: int | None  # AMHPs the policy's target asks for on this basis
    assessments_per_year: float | None  # at the policy's rate per 100,000 on this basis


class RotaShift(BaseModel):
    model_config = ConfigDict(frozen=True)

    shift: str
    hours_per_week: float
    demand_share: float
    arrival_rate_per_hour: float
    offered_load: float  # Erlangs: AMHPs kept busy on average
    amhps_needed: int
    share_within_target: float
    mean_wait_hours: float
    utilisation: float
    simulated_share_within_target: float
    simulation_standard_error: float
    simulation: SimulationVerdict
    amhp_hours_per_year: float  # AMHPs needed x shift hours over a year


class AmhpSufficiency(BaseModel):
    model_config = ConfigDict(frozen=True)

    headcount: int
    fte: float
    duty_fte: float  # each AMHP's FTE x their share on the rota (category E time is not duty)
    rota_fte: float  # the same figure, kept for readers of earlier reports
    population: PopulationBasis
    population_basis: Literal["all_ages", "adults_18_plus"]  # the policy's basis, used below
    population_used: int | None  # people on that basis
    per_100k: float | None  # AMHP headcount per 100,000 on that basis, against the target
    adult_population: int | None
    all_ages_population: int | None
    per_100k_adults: float | None
    per_100k_people: float | None
    fte_per_100k_people: float | None  # for the benchmarks counted in FTE
    bases: list[BasisFigures]  # the basis used first, then the other
    target_per_100k: float
    headcount_for_target: int | None
    headcount_shortfall: int | None
    benchmarks: list[BenchmarkRow]
    assessments_per_year: float | None
    demand_hours: float | None
    duty_hours: float
    demand_ratio: float | None  # demand hours over duty hours
    fte_for_demand: float | None
    fte_shortfall: float | None
    rota: list[RotaShift]
    rota_fte_needed: float | None
    rota_fte_shortfall: float | None
    simulation: dict[str, float]
    horizon: AmhpHorizon
    findings: list[Finding]


# --- Leadership cover ---

PostStatus = Literal["filled", "unqualified", "vacant"]


class PostCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str  # post id, with "@team" for a team-level post
    post_id: str
    name: str
    team: str | None
    needed: bool
    holders: list[str]
    qualified_holders: list[str]
    status: PostStatus
    holders_leaving: list[str]  # planned leaving date within the horizon
    bench_in_team: int | None  # others in the team eligible now (team-level posts)
    bench_in_service: int  # others anywhere in the service eligible now


class FunctionCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    category: str
    allocated: int
    allocated_fte: float
    covered: int  # allocated and eligible (the category's rule, and any credential the
    # function's own work needs)
    sole_cover: str | None
    eligible: int  # everyone in the service who may take it on
    allocated_not_eligible: list[str]  # only for categories where policy asks for eligibility
    # Covering it below Appendix One's level where that level is a readiness signal (A, B, D):
    # shown as a sign of readiness, not a gap in cover.
    covering_below_level: list[str]


class CategoryCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    title: str
    level: str  # Appendix One's level for the category
    level_required: bool  # required (C, E) or a readiness signal (A, B, D)
    eligible: int
    at_level: int  # registered social workers at that level in the mapped domains
    allocated: int  # workers with any function of the category
    allocated_fte: float
    functions_uncovered: list[str]
    single_points: list[str]


class SinglePoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["function", "post", "category"]
    id: str
    staff_id: str
    bench: int  # others eligible now who could step in


class LeadershipCover(BaseModel):
    model_config = ConfigDict(frozen=True)

    horizon_end: date
    posts: list[PostCover]
    categories: list[CategoryCover]
    functions: list[FunctionCover]
    single_points: list[SinglePoint]
    findings: list[Finding]


# --- Supervision capacity ---


class SupervisorLoad(BaseModel):
    model_config = ConfigDict(frozen=True)

    staff_id: str
    fte: float
    supervisees: int
    supervisee_ids: list[str]
    asye: int
    students: int
    amhp_supervisees: int
    hours_owed: float  # a month
    hours_allowed: float  # a month, from their FTE
    may_supervise: bool
    over_max: bool
    over_hours: bool


class SupervisionIssue(BaseModel):
    model_config = ConfigDict(frozen=True)

    staff_id: str
    rule: str
    severity: Severity
    related_id: str | None  # the supervisor (or link) the issue is about


class Cycle(BaseModel):
    model_config = ConfigDict(frozen=True)

    link: str  # supervisor_id, line_manager_id or amhp_supervisor_id
    members: list[str]


class SupervisionResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    supervisors: list[SupervisorLoad]
    issues: list[SupervisionIssue]
    cycles: list[Cycle]
    hours_owed: float
    hours_allowed_current: float  # from the FTE of everyone now supervising
    hours_available: float  # from the FTE of everyone who may supervise
    may_supervise: int
    findings: list[Finding]
