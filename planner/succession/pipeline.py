"""AMHP pipeline: how many must start AMHP training each year to hold headcount at target.

TCSW 2014 category E.ii: "workforce management and succession planning to ensure on-going
sufficiency of AMHPs". Each year AMHPs are lost to approval expiry (counted as lost unless
renewed), to planned leaving, and to policy turnover for the rest; current trainees join when
their training completes. Starts are placed `amhp_training_months` before the year whose gap
they fill; a gap sooner than that is put in year 1 (start now).
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from planner.analysis.amhp_horizon import add_months
from planner.reference.policy import Policy
from planner.succession.models import AmhpPipeline, PipelineYear
from planner.workforce.graph import WorkforceGraph


def target_headcount(policy: Policy, population: int | None) -> int:
    """AMHPs needed for the population (on the policy's basis) at the policy rate per 100,000."""
    return math.ceil(policy.amhp_target_per_100k * (population or 0) / 100_000)


def _in_year(dates: np.ndarray, start: date, end: date) -> np.ndarray:
    out: np.ndarray = (dates >= np.datetime64(start, "D")) & (dates < np.datetime64(end, "D"))
    return out


def amhp_pipeline(wg: WorkforceGraph, policy: Policy, population: int | None) -> AmhpPipeline:
    """Year-by-year projection and the trainee starts needed over the horizon."""
    ix = wg.index
    target = target_headcount(policy, population)
    years = max(1, math.ceil(policy.horizon_months / 12))
    lag = math.ceil(policy.amhp_training_months / 12)
    rows, head, gaps = [], float(ix.amhp.sum()), []
    for y in range(1, years + 1):
        start, end = add_months(wg.as_of, 12 * (y - 1)), add_months(wg.as_of, 12 * y)
        expiring = ix.amhp & _in_year(ix.approval_expires, start, end)
        leaving = ix.amhp & ~expiring & _in_year(ix.leaving, start, end)
        done = ix.in_training & _in_year(ix.training_completes, start, end)
        rest = max(0.0, head - int(expiring.sum()) - int(leaving.sum()))
        end_head = rest * (1 - policy.annual_turnover) + int(done.sum())
        gaps.append(max(0, math.ceil(target - end_head - 1e-9)))
        rows.append((y, head, int(expiring.sum()), int(leaving.sum()), int(done.sum()), end_head))
        head = end_head
    starts = training_starts(gaps, lag)
    return AmhpPipeline(
        headcount=int(ix.amhp.sum()),
        target=target,
        in_training=int(ix.in_training.sum()),
        training_months=policy.amhp_training_months,
        years=[
            PipelineYear(
                year=y,
                headcount_start=round(h),
                expiries=e,
                leavers=round(h - e - (end_h - d) if h > 0 else 0.0, 2),
                completions=d,
                headcount_end=round(end_h, 2),
                starts_needed=starts[y - 1],
            )
            for (y, h, e, _, d, end_h) in rows
        ],
    )


def training_starts(gaps: list[int], lag: int) -> list[int]:
    """New trainees to start each year so the cumulative gap is met `lag` years later."""
    need = [max(gaps[: k + 1]) for k in range(len(gaps))]  # cumulative new AMHPs by year end
    starts = [0] * len(gaps)
    placed = 0
    for k, total in enumerate(need):
        extra = total - placed
        if extra > 0:
            starts[max(0, k - lag + 1) if lag > 0 else k] += extra
            placed = total
    return starts
