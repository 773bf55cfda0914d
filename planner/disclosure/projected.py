"""The projection's years in what a commissioner sees: for each anniversary of the as-of date
the projection computes (`planner.whatif.projection`), the AMHPs and duty FTE projected, that
year's population on the policy's basis and both per 100,000, through the same gate as every
other commissioner figure.

The projected figures are worked out from today's AMHPs, so they are hidden with today's
headcount, like FTE and the rate per 100,000 (`planner.disclosure.aggregates`). A projected
headcount of fewer than the threshold is suppressed as a count of today's would be; it is the
median of the runs rounded to a whole AMHP (the duty FTE to 0.1), which tells a reader no more
than a projection can know.

A projected series can be subtracted, from today's headcount and from the horizon's points,
and the difference would place a small group in time (the one AMHP planning to leave in the
third year). So a year is shown only where, between it and every other figure published on
the AMHP headcount's path (today, the horizon's points, the other years shown), the people
leaving on a planned date, the approvals lapsing and the trainees approved are each none or at
least the threshold: the rule the horizon's quarter ends follow, applied to years, with both
the horizon's and the projection's reading of who counts when. Differences of a sum of such
periods are sums of none-or-at-least-the-threshold, so checking each period between
neighbouring points is enough. If the horizon itself has a period with a small group, no year
is shown. Random turnover is not a change of anyone in particular and is not counted.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from planner.disclosure.suppression import Count, Suppressed, is_small
from planner.whatif.projection import AmhpYear, Projection

PER = 100_000
FTE_DIGITS = 1
Changes = Callable[[date, date], tuple[int, int, int]]
Figure = float | Suppressed


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProjectedYear(_Model):
    years_ahead: int
    on: date
    population_year: int  # the year of the ONS figures used (clamped to the years they cover)
    population: int | None  # on the policy's basis
    headcount_for_target: int | None
    amhps: Count
    duty_fte: Figure
    amhps_per_100k: Figure | None  # None: no population
    duty_fte_per_100k: Figure | None


class ProjectionView(_Model):
    """The AMHPs projected year by year "if nothing is done", with turnover and re-approval."""

    population_basis: str  # the policy's: "all_ages" or "adults_18_plus"
    population_source: str
    runs: int
    annual_turnover: float
    reapproval_rate: float
    years: list[ProjectedYear]


def _safe(flows: tuple[int, ...], threshold: int) -> bool:
    return all(f == 0 or f >= threshold for f in flows)


def shown_years(
    candidates: Sequence[date],
    fixed: Sequence[date],
    changes: Sequence[Changes],
    threshold: int,
) -> set[date]:
    """The most candidate dates that can join the published points `fixed` (today first) with
    every period between neighbouring points safe under every reading of `changes`."""
    memo: dict[tuple[date, date], bool] = {}

    def safe(a: date, b: date) -> bool:
        if (a, b) not in memo:
            memo[a, b] = all(_safe(c(a, b), threshold) for c in changes)
        return memo[a, b]

    best: set[date] = set()
    for mask in range(1, 1 << len(candidates)):
        chosen = {d for k, d in enumerate(candidates) if mask >> k & 1}
        if len(chosen) <= len(best):
            continue
        chain = sorted(set(fixed) | chosen)
        if all(safe(a, b) for a, b in pairwise(chain)):
            best = chosen
    return best


def _half_up(value: float, digits: int = 0) -> float:
    scale = 10**digits
    return float(math.floor(value * scale + 0.5) / scale)


def _rate(value: float, population: int | None) -> float | None:
    return round(value * PER / population, 2) if population else None


def _year(y: AmhpYear, k: int, shown: bool, threshold: int) -> ProjectedYear:
    amhps = int(_half_up(y.amhps_median))
    hidden: Suppressed | None = None
    if not shown:
        hidden = Suppressed(reason="withheld")
    elif is_small(amhps, threshold):
        hidden = Suppressed(reason="small")
    duty = 0.0 if amhps == 0 else _half_up(y.duty_fte_median, FTE_DIGITS)
    none_or_hidden = None if not y.population else Suppressed(reason="withheld")
    return ProjectedYear(
        years_ahead=k,
        on=y.month,
        population_year=y.year,
        population=y.population,
        headcount_for_target=y.amhp_target,
        amhps=hidden or amhps,
        duty_fte=Suppressed(reason="withheld") if hidden else duty,
        # worked out from the published figures only, so they tell nothing more
        amhps_per_100k=none_or_hidden if hidden else _rate(amhps, y.population),
        duty_fte_per_100k=none_or_hidden if hidden else _rate(duty, y.population),
    )


def projection_view(
    projection: Projection,
    *,
    headcount: Count,
    fixed: Sequence[date],
    changes: Sequence[Changes],
    threshold: int,
) -> ProjectionView:
    """Each projection year as a commissioner may see it (see the module docstring)."""
    later = projection.amhp_by_year[1:]
    if isinstance(headcount, Suppressed):
        shown: set[date] = set()
    else:
        shown = shown_years([y.month for y in later], fixed, changes, threshold)
    first = projection.amhp_by_year[0]
    return ProjectionView(
        population_basis=first.basis,
        population_source=later[0].population_source if later else first.population_source,
        runs=projection.runs,
        annual_turnover=projection.annual_turnover,
        reapproval_rate=projection.reapproval_rate,
        years=[_year(y, k, y.month in shown, threshold) for k, y in enumerate(later, start=1)],
    )
