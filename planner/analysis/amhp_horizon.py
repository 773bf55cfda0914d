"""The AMHP workforce over the policy horizon: expiries, CPD, leavers, trainees, month by month.

Approvals last at most five years and need at least 18 hours of relevant training a year
(SI 2008/1206, `si-2008-1206`). The projection is "if nothing is done": an approval counts
until its recorded expiry (no re-approval assumed), a leaver stops counting on their planned
leaving date, and a trainee counts from their expected approval, the course's end plus the
policy's lag (`planner.analysis.amhp_approvals`). A second line spreads the policy's annual
turnover over people with no leaving date.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from pydantic import BaseModel, ConfigDict

from planner.analysis.amhp_approvals import add_months, expected_approval, trainees
from planner.reference.policy import Policy
from planner.workforce.graph import WorkforceGraph

ASSUMPTIONS = (
    "Approvals count until their recorded expiry; no re-approval is assumed.",
    "A leaver stops counting on their planned leaving date.",
    "A trainee counts as an AMHP from their expected approval: the end of the course plus the "
    "policy's time from course end to approval.",
    "The turnover line applies the policy's annual turnover to people with no leaving date.",
)


class HorizonMonth(BaseModel):
    model_config = ConfigDict(frozen=True)

    month: date
    headcount: int
    expired: int  # today's AMHPs whose approval has lapsed by then (and who have not left)
    left: int  # today's AMHPs who have left by then
    qualified: int  # trainees counted by then
    expected_with_turnover: float


class AmhpHorizon(BaseModel):
    model_config = ConfigDict(frozen=True)

    horizon_end: date
    expiring: list[str]
    cpd_short: list[str]
    cpd_not_recorded: list[str]
    leaving: list[str]
    trainees_qualifying: list[str]
    months: list[HorizonMonth]
    assumptions: list[str]


def amhp_horizon(wg: WorkforceGraph, policy: Policy) -> AmhpHorizon:
    ix = wg.index
    today = np.datetime64(wg.as_of, "D")
    end_date = add_months(wg.as_of, policy.horizon_months)
    end = np.datetime64(end_date, "D")
    now = ix.amhp
    training = trainees(wg, policy)
    approval = expected_approval(ix, policy)
    cpd = ix.cpd_hours
    return AmhpHorizon(
        horizon_end=end_date,
        expiring=_ids(wg, now & (ix.approval_expires <= end)),
        cpd_short=_ids(wg, now & (cpd < policy.amhp_cpd_hours_per_year)),
        cpd_not_recorded=_ids(wg, now & np.isnan(cpd)),
        leaving=_ids(wg, now & (ix.leaving <= end)),
        trainees_qualifying=_ids(wg, training & (approval <= end) & (approval >= today)),
        months=[
            _month(wg, policy, add_months(wg.as_of, m), m, training, approval)
            for m in range(policy.horizon_months + 1)
        ],
        assumptions=list(ASSUMPTIONS),
    )


def _ids(wg: WorkforceGraph, mask: np.ndarray) -> list[str]:
    ids = wg.index.ids
    return [ids[i] for i in np.flatnonzero(mask).tolist()]


def _month(
    wg: WorkforceGraph,
    policy: Policy,
    on: date,
    months_ahead: int,
    training: np.ndarray,
    approval: np.ndarray,
) -> HorizonMonth:
    ix = wg.index
    d = np.datetime64(on, "D")
    stayed = ~(ix.leaving <= d)  # NaT compares False, so no leaving date means staying
    approved = (ix.approved_on <= d) & (d <= ix.approval_expires)
    trained = training & (approval <= d) & ~approved
    counted = (approved | trained) & stayed
    survive = (1 - policy.annual_turnover) ** (months_ahead / 12)
    no_date = np.isnat(ix.leaving)
    expected = float(np.sum(counted & ~no_date) + survive * np.sum(counted & no_date))
    return HorizonMonth(
        month=on,
        headcount=int(counted.sum()),
        expired=int((ix.amhp & ~(d <= ix.approval_expires) & stayed).sum()),
        left=int((ix.amhp & ~stayed).sum()),
        qualified=int((trained & stayed).sum()),
        expected_with_turnover=round(expected, 2),
    )
