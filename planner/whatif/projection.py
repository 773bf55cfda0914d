"""A 1-5 year projection, month by month: AMHPs, supervision capacity and needed posts covered.

"If nothing is done": nobody is recruited. Planned leavers go on their date; everyone else may
leave at the policy's annual turnover (`sfc-workforce-la`), spread evenly over the months; an
approval ends at its expiry unless renewed, which happens at the policy's re-approval rate
(SI 2008/1206 limits an approval to five years); a trainee counts as an AMHP from their expected
approval, the course's end plus the policy's lag. When approvals count and how renewals are
weighed is read from `planner.analysis.amhp_approvals`, as the succession pipeline reads it, so
the two agree. Turnover and renewals are drawn at random, `projection_runs` times from
`projection_seed`, giving a median and a 10th-90th percentile band; the planned path has no
turnover and counts each renewal at its rate, so with no turnover and a rate of 0 or 1 the band
collapses onto it. Every count is built from per-run start and end months with `bincount`, so
5,000 workers x 1,000 runs x 60 months never forms a cube. At the as-of date and each anniversary
the AMHPs are set against that year's population on the policy's basis (`amhp_by_year`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from planner.analysis.amhp_approvals import (
    add_months,
    approval_months,
    lapses_by,
    month_grid,
    month_of,
    renewed_share,
)
from planner.analysis.leadership import leadership
from planner.analysis.population_basis import population_by_year
from planner.analysis.supervision import may_supervise
from planner.reference.policy import Policy
from planner.workforce.graph import WorkforceGraph, build
from planner.workforce.models import Service

Months = npt.NDArray[np.int64]
Counts = npt.NDArray[np.float64]
PERCENTILES = (10, 50, 90)
PER = 100_000

ASSUMPTIONS = (
    "Nobody is recruited: the projection shows what happens if nothing is done.",
    "A planned leaver goes on their date; others leave at the policy's annual turnover.",
    "An approval ends at its expiry unless renewed, at the policy's re-approval rate.",
    "A trainee counts as an AMHP from their expected approval: the end of the course plus the "
    "policy's time from course end to approval.",
    "Supervision slots: each worker who may supervise offers as many as their FTE's supervision "
    "hours allow, up to the policy's maximum supervisees.",
    "AMHP duty FTE: each AMHP's FTE times their share on the rota; a trainee, once approved, at "
    "their own share if recorded, else at today's AMHPs' average share.",
)


class Band(BaseModel):
    """One figure month by month: the median of the runs, the 10th-90th band, the planned path."""

    model_config = ConfigDict(frozen=True)

    median: list[float]
    p10: list[float]
    p90: list[float]
    mean: list[float]
    planned: list[float]


class AmhpYear(BaseModel):
    """AMHPs against the population at each anniversary of the as-of date: the projection's
    headcount per 100,000 on the policy's population basis, and the target for that year."""

    model_config = ConfigDict(frozen=True)

    month: date
    year: int  # the calendar year whose population is used
    basis: str  # "all_ages" or "adults_18_plus", the policy's
    population: int | None
    population_source: str
    amhp_target: int | None  # headcount for the policy's target per 100,000
    amhps_median: float
    amhps_planned: float
    duty_fte_median: float
    duty_fte_planned: float
    per_100k_median: float | None
    per_100k_planned: float | None
    note: str


class Projection(BaseModel):
    model_config = ConfigDict(frozen=True)

    as_of: date
    months: list[date]
    years: int
    runs: int
    seed: int
    annual_turnover: float
    reapproval_rate: float
    amhp: Band
    amhp_duty_fte: Band  # FTE on the AMHP rota (`planner.analysis.amhp.duty_fte`)
    supervision_slots: Band
    supervisees: Band
    posts_covered: Band
    posts_needed: int
    amhp_target: int | None  # headcount for the policy's target at the as-of date
    amhp_by_year: list[AmhpYear]  # the as-of date and each anniversary after it
    assumptions: list[str]


@dataclass(frozen=True)
class _Setup:
    last: int  # the last month index; NEVER is one past it
    dates: npt.NDArray[np.datetime64]
    start: Months  # month each worker is in post from
    planned: Months  # month each worker has left by (NEVER if no date)
    no_date: npt.NDArray[np.bool_]

    @property
    def never(self) -> int:
        return self.last + 1


def project(
    service: Service,
    policy: Policy,
    as_of: date | None = None,
    years: int | None = None,
    runs: int | None = None,
    seed: int | None = None,
) -> Projection:
    """The projection over `years` (default the policy's), `runs` Monte Carlo runs from `seed`."""
    wg = build(service, as_of)
    years = years or policy.projection_years
    runs = runs or policy.projection_runs
    seed = policy.projection_seed if seed is None else seed
    s = _setup(wg, 12 * years)
    rng = np.random.default_rng(seed)
    leave = _leave_months(s, policy.annual_turnover, runs, rng)
    posts = _posts(wg, policy)
    amhp, duty = _amhp(wg, policy, s, leave, rng)
    by_year = _by_year(service, policy, wg.as_of, amhp, duty, years)
    return Projection(
        as_of=wg.as_of,
        months=[add_months(wg.as_of, m) for m in range(s.last + 1)],
        years=years,
        runs=runs,
        seed=seed,
        annual_turnover=policy.annual_turnover,
        reapproval_rate=policy.amhp_reapproval_rate,
        amhp=amhp,
        amhp_duty_fte=duty,
        supervision_slots=_people(s, leave, _slots(wg, policy)),
        supervisees=_people(s, leave, _supervisees(wg)),
        posts_covered=_posts_covered(s, leave, posts),
        posts_needed=len(posts),
        amhp_target=by_year[0].amhp_target,
        amhp_by_year=by_year,
        assumptions=list(ASSUMPTIONS),
    )


def _by_year(
    service: Service, policy: Policy, as_of: date, amhp: Band, duty: Band, years: int
) -> list[AmhpYear]:
    months = [add_months(as_of, 12 * k) for k in range(years + 1)]
    populations = population_by_year(service, [m.year for m in months], as_of)
    out = []
    for k, (month, pop) in enumerate(zip(months, populations, strict=True)):
        people = pop.people(policy.population_basis)
        median, planned = amhp.median[12 * k], amhp.planned[12 * k]
        out.append(
            AmhpYear(
                month=month,
                year=pop.year or month.year,
                basis=policy.population_basis,
                population=people,
                population_source=pop.source,
                amhp_target=(
                    math.ceil(policy.amhp_target_per_100k * people / PER - 1e-9) if people else None
                ),
                amhps_median=median,
                amhps_planned=planned,
                duty_fte_median=duty.median[12 * k],
                duty_fte_planned=duty.planned[12 * k],
                per_100k_median=round(median / people * PER, 2) if people else None,
                per_100k_planned=round(planned / people * PER, 2) if people else None,
                note=pop.note,
            )
        )
    return out


def _setup(wg: WorkforceGraph, last: int) -> _Setup:
    ix = wg.index
    dates = month_grid(wg.as_of, last)
    no_date = np.isnat(ix.leaving)
    return _Setup(
        last=last,
        dates=dates,
        start=month_of(dates, ix.start, "left", 0),
        planned=month_of(dates, ix.leaving, "left", last + 1),
        no_date=no_date,
    )


def _leave_months(s: _Setup, turnover: float, runs: int, rng: np.random.Generator) -> Months:
    """(runs, workers): the month each worker has left by in each run."""
    leave = np.broadcast_to(s.planned, (runs, len(s.planned))).copy()
    monthly = 1 - (1 - turnover) ** (1 / 12)
    if monthly > 0:
        cols = np.flatnonzero(s.no_date)
        drawn = s.start[cols] + rng.geometric(monthly, size=(runs, len(cols)))
        leave[:, cols] = np.minimum(drawn, s.never)
    return leave


def _counts(s: _Setup, start: Months, end: Months, weight: Counts | None = None) -> Counts:
    """(runs, months): the weight of everyone with start <= month < end, run by run."""
    runs, n = end.shape
    start = np.broadcast_to(start, (runs, n))
    w = np.ones(n) if weight is None else weight
    w = np.where(start < end, np.broadcast_to(w, (runs, n)), 0.0)
    width = s.last + 2
    row = np.arange(runs)[:, None] * width
    size = runs * width
    add = np.bincount((row + np.minimum(start, s.never)).ravel(), w.ravel(), size)
    sub = np.bincount((row + np.minimum(end, s.never)).ravel(), w.ravel(), size)
    counts: Counts = np.cumsum((add - sub).reshape(runs, width), axis=1)[:, : s.last + 1]
    return counts


def _band(runs: Counts, planned: Counts) -> Band:
    p10, median, p90 = np.percentile(runs, PERCENTILES, axis=0)
    return Band(
        median=_r(median),
        p10=_r(p10),
        p90=_r(p90),
        mean=_r(runs.mean(axis=0)),
        planned=_r(planned),
    )


def _r(values: Counts) -> list[float]:
    return [round(float(v), 3) for v in values]


def _people(s: _Setup, leave: Months, weight: Counts) -> Band:
    runs = _counts(s, s.start, leave, weight)
    planned = _counts(s, s.start, s.planned[None, :], weight)[0]
    return _band(runs, planned)


def _slots(wg: WorkforceGraph, policy: Policy) -> Counts:
    per_supervisee = policy.supervision_sessions_per_month * policy.supervision_session_hours
    hours = wg.index.fte * policy.supervision_hours_per_fte_month
    slots = np.minimum(policy.max_supervisees, np.floor(hours / per_supervisee + 1e-9))
    out: Counts = np.where(may_supervise(wg, policy), slots, 0.0)
    return out


def _supervisees(wg: WorkforceGraph) -> Counts:
    out: Counts = (wg.index.social_worker | wg.index.student).astype(np.float64)
    return out


def _posts(wg: WorkforceGraph, policy: Policy) -> list[list[int]]:
    """For each needed post, the positions of its qualified holders (empty if none)."""
    cover = leadership(wg, policy, wg.as_of)
    pos = wg.index.pos
    return [[pos[h] for h in p.qualified_holders] for p in cover.posts if p.needed]


def _posts_covered(s: _Setup, leave: Months, needed: list[list[int]]) -> Band:
    """A post is covered while any of its qualified holders is still there (a vacant one never)."""
    runs = leave.shape[0]
    ends = np.zeros((runs, len(needed)), dtype=np.int64)
    planned = np.zeros((1, len(needed)), dtype=np.int64)
    for j, holders in enumerate(needed):
        if holders:
            ends[:, j] = leave[:, holders].max(axis=1)
            planned[0, j] = s.planned[holders].max()
    starts = np.zeros(len(needed), dtype=np.int64)
    return _band(_counts(s, starts, ends), _counts(s, starts, planned)[0])


def _duty_weight(wg: WorkforceGraph) -> Counts:
    """Each worker's FTE on the rota once an AMHP: their own rota share, or for someone not yet
    on it (a trainee) today's AMHPs' average share, as nothing says what theirs will be."""
    ix = wg.index
    average = float(ix.rota_share[ix.amhp].mean()) if ix.amhp.any() else 0.0
    share = np.where(ix.rota_share > 0, ix.rota_share, average)
    out: Counts = ix.fte * np.where(ix.amhp, ix.rota_share, share)
    return out


def _amhp(
    wg: WorkforceGraph, policy: Policy, s: _Setup, leave: Months, rng: np.random.Generator
) -> tuple[Band, Band]:
    """The AMHP headcount and their duty FTE: the same runs, counted and weighted."""
    ap = approval_months(wg, policy, s.dates)
    cand = ap.counted
    period = 12 * policy.amhp_approval_years
    start, lapse, leave = np.maximum(ap.start, s.start)[cand], ap.lapse[cand], leave[:, cand]
    most = -(-(s.last + 1) // period)  # renewals enough to outlast the horizon
    renewed = rng.random((leave.shape[0], len(lapse), most)) < policy.amhp_reapproval_rate
    k = np.cumprod(renewed, axis=2).sum(axis=2)
    ends = np.minimum(lapse + period * k, leave)
    months = np.arange(s.last + 1)
    present = (start[:, None] <= months) & (months < s.planned[cand][:, None])
    share = present * renewed_share(lapses_by(lapse, months, policy), policy)
    weight = _duty_weight(wg)[cand]
    heads = _band(_counts(s, start, ends), share.sum(axis=0))
    duty = _band(_counts(s, start, ends, weight), (share * weight[:, None]).sum(axis=0))
    return heads, duty


@dataclass(frozen=True)
class DatedChanges:
    """The dated events behind the projection, each one person: a planned leaver going, an
    approval lapsing (renewed or not, at its recorded expiry) and a trainee approved. Turnover
    is not among them: it is drawn at random, so it names nobody. The disclosure gate asks
    how many of each fall between two published points (`planner.disclosure.projected`)."""

    as_of: date
    start: Months  # per counted worker: the month they first count
    lapse: Months  # the month their approval first lapses
    leave: Months  # the month they have left by (one past the grid if no date)
    last: int

    def between(self, start: date, end: date) -> tuple[int, int, int]:
        """Leavers, lapses and joiners after `start` and by `end` (dates on the month grid)."""
        a, b = self._month(start), self._month(end)
        here = (self.start <= a) & (a < self.leave)
        leavers = here & (self.leave <= b)
        lapses = here & (a < self.lapse) & (self.lapse <= b) & (self.lapse < self.leave)
        joiners = (a < self.start) & (self.start <= b) & (self.start < self.leave)
        return int(leavers.sum()), int(lapses.sum()), int(joiners.sum())

    def _month(self, on: date) -> int:
        for m in range(self.last + 1):
            if add_months(self.as_of, m) == on:
                return m
        raise ValueError(f"{on} is not a month from {self.as_of} within {self.last} months")


def dated_changes(
    service: Service, policy: Policy, as_of: date | None = None, months: int = 60
) -> DatedChanges:
    """The projection's dated events over `months` from the as-of date."""
    wg = build(service, as_of)
    s = _setup(wg, months)
    ap = approval_months(wg, policy, s.dates)
    cand = ap.counted
    return DatedChanges(
        as_of=wg.as_of,
        start=np.maximum(ap.start, s.start)[cand],
        lapse=ap.lapse[cand],
        leave=s.planned[cand],
        last=months,
    )
