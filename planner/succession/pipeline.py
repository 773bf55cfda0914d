"""AMHP pipeline: how many must start AMHP training each year to hold headcount at target.

TCSW 2014 category E.ii: "workforce management and succession planning to ensure on-going
sufficiency of AMHPs". Each year-end headcount is the expected number of AMHPs then: approvals
count until they lapse and are renewed at the policy's re-approval rate, trainees count from
their expected approval (the course's end plus the policy's lag), planned leavers go on their
date and everyone else leaves at the policy's annual turnover. When approvals count and how
renewals weigh is read from `planner.analysis.amhp_approvals`, as the what-if projection reads
it, so the pipeline's year-end figure is the projection's expected headcount on that month.
Starts are placed `amhp_training_months` before the year whose gap they fill; a gap sooner than
that is put in year 1 (start now).
"""

from __future__ import annotations

import math

import numpy as np

from planner.analysis.amhp_approvals import (
    approval_months,
    lapses_by,
    month_grid,
    month_of,
    renewed_share,
)
from planner.reference.policy import Policy
from planner.succession.models import AmhpPipeline, PipelineYear
from planner.workforce.graph import WorkforceGraph


def target_headcount(policy: Policy, population: int | None) -> int:
    """AMHPs needed for the population (on the policy's basis) at the policy rate per 100,000."""
    return math.ceil(policy.amhp_target_per_100k * (population or 0) / 100_000)


def expected_amhps(wg: WorkforceGraph, policy: Policy, months: int) -> list[float]:
    """Expected AMHP headcount at months 0 to `months` from the as-of date: renewals at the
    re-approval rate, planned leavers gone on their date, turnover for the rest."""
    ix = wg.index
    dates = month_grid(wg.as_of, months)
    ap = approval_months(wg, policy, dates)
    employed = month_of(dates, ix.start, "left", 0)
    gone = month_of(dates, ix.leaving, "left", months + 1)
    start = np.maximum(ap.start, employed)
    grid = np.arange(months + 1)
    present = (start[:, None] <= grid) & (grid < gone[:, None]) & ap.counted[:, None]
    renewed = renewed_share(lapses_by(ap.lapse, grid, policy), policy)
    no_date = np.isnat(ix.leaving)
    since = np.maximum(0, grid[None, :] - employed[:, None]) / 12
    stays = np.where(no_date[:, None], (1 - policy.annual_turnover) ** since, 1.0)
    return [float(v) for v in (present * renewed * stays).sum(axis=0)]


def amhp_pipeline(wg: WorkforceGraph, policy: Policy, population: int | None) -> AmhpPipeline:
    """Year-by-year projection and the trainee starts needed over the horizon."""
    ix = wg.index
    target = target_headcount(policy, population)
    years = max(1, math.ceil(policy.horizon_months / 12))
    lag = math.ceil(policy.amhp_training_months / 12)
    dates = month_grid(wg.as_of, 12 * years)
    ap = approval_months(wg, policy, dates)
    current = ap.counted & ix.amhp
    trainee = ap.counted & ~ix.amhp
    expected = expected_amhps(wg, policy, 12 * years)
    rows, gaps = [], []
    for y in range(1, years + 1):
        first, last = 12 * (y - 1), 12 * y
        expiring = current & (ap.lapse > first) & (ap.lapse <= last)
        done = trainee & (ap.start > first) & (ap.start <= last)
        head, end_head = expected[first], expected[last]
        renewals = policy.amhp_reapproval_rate * int(expiring.sum())
        gaps.append(max(0, math.ceil(target - end_head - 1e-9)))
        rows.append((y, head, int(expiring.sum()), renewals, int(done.sum()), end_head))
    starts = training_starts(gaps, lag)
    return AmhpPipeline(
        headcount=int(ix.amhp.sum()),
        target=target,
        in_training=int(trainee.sum()),  # on a course or awaiting approval
        training_months=policy.amhp_training_months,
        reapproval_rate=policy.amhp_reapproval_rate,
        years=[
            PipelineYear(
                year=y,
                headcount_start=round(h),
                expiries=e,
                renewals=round(r, 2),
                leavers=round(max(0.0, h - e + r + d - end_h), 2),
                completions=d,
                headcount_end=round(end_h, 2),
                starts_needed=starts[y - 1],
            )
            for (y, h, e, r, d, end_h) in rows
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
