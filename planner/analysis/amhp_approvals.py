"""When each AMHP approval counts: one reading shared by the horizon, the pipeline and the
projection, so that the three never disagree about who is an AMHP when.

An approval counts from the day the local social services authority gives it to its recorded
expiry, the expiry day included (Mental Health Act 1983 s114; SI 2008/1206 limits an approval to
five years, `amhp_approval_years`). Finishing the course is not approval: the authority approves
a trainee afterwards, `amhp_approval_lag_months` after the course ends by the policy (our
default, marked check). When an approval lapses it is renewed at the policy's
`amhp_reapproval_rate`; the pipeline and the projection both read that rate through
`renewed_share`, and the horizon's "if nothing is done" count renews none.

Months are counted on a grid of dates, one a month from the as-of date (`month_grid`); month
`m` counts an approval when `start <= m < lapse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from planner.reference.policy import Policy
from planner.workforce.dates import add_months as add_months  # read from here by others
from planner.workforce.graph import WorkforceGraph
from planner.workforce.graph_index import BoolArray, DateArray, WorkerIndex

Months = npt.NDArray[np.int64]


def expected_approval(ix: WorkerIndex, policy: Policy) -> DateArray:
    """The day each trainee is expected to be approved: their course's end plus the policy's
    lag (NaT where no course end is recorded)."""
    days = ix.training_completes.astype("datetime64[D]")
    out = days.copy()
    for i in np.flatnonzero(~np.isnat(days)).tolist():
        ends = days[i].astype(date)
        out[i] = np.datetime64(add_months(ends, policy.amhp_approval_lag_months), "D")
    return out


def trainees(wg: WorkforceGraph, policy: Policy) -> BoolArray:
    """Who will count as an AMHP once approved after training: on an AMHP course on the as-of
    date, or past its end and waiting for approval, with no approval in force or to come."""
    ix = wg.index
    today = np.datetime64(wg.as_of, "D")
    ended = ~np.isnat(ix.training_completes)
    awaiting = ended & (ix.training_completes <= today) & (today < expected_approval(ix, policy))
    approval_to_come = ~np.isnat(ix.approval_expires) & (today <= ix.approval_expires)
    out: BoolArray = (ix.in_training & ended | awaiting) & ~approval_to_come
    return out


def month_grid(as_of: date, last: int) -> npt.NDArray[np.datetime64]:
    """Dates of months 0 to `last` from the as-of date."""
    return np.array([add_months(as_of, m) for m in range(last + 1)], dtype="datetime64[D]")


def month_of(
    dates: npt.NDArray[np.datetime64], when: npt.NDArray[np.datetime64], side: str, missing: int
) -> Months:
    """The first month whose date is on or after (`left`) or after (`right`) each date."""
    found = np.searchsorted(dates, when.astype("datetime64[D]"), side=side)  # type: ignore[call-overload]
    out: Months = np.where(np.isnat(when), missing, found).astype(np.int64)
    return out


@dataclass(frozen=True)
class ApprovalMonths:
    """Each worker's approval on the month grid: the first month it counts, the month it first
    lapses unless renewed, and whether it counts at all (a current AMHP or a trainee)."""

    start: Months
    lapse: Months
    counted: BoolArray


def approval_months(
    wg: WorkforceGraph, policy: Policy, dates: npt.NDArray[np.datetime64]
) -> ApprovalMonths:
    ix = wg.index
    never = len(dates)
    approved = ~np.isnat(ix.approved_on)
    start = month_of(dates, ix.approved_on, "left", never)
    lapse = month_of(dates, ix.approval_expires, "right", 0)
    trainee = trainees(wg, policy)
    approves = month_of(dates, expected_approval(ix, policy), "left", never)
    start = np.where(trainee, approves, start)
    lapse = np.where(trainee, approves + 12 * policy.amhp_approval_years, lapse)
    return ApprovalMonths(start, lapse, (approved | trainee) & (start < lapse))


def lapses_by(lapse: Months, months: Months, policy: Policy) -> Months:
    """(workers, months): how many times each approval has lapsed by each month, one renewal
    lasting the policy's approval period."""
    period = 12 * policy.amhp_approval_years
    past = np.maximum(0, months[None, :] - lapse[:, None])
    out: Months = np.where(months[None, :] >= lapse[:, None], 1 + past // period, 0)
    return out


def renewed_share(lapses: Months, policy: Policy) -> npt.NDArray[np.float64]:
    """The expected share of approvals still in force after this many lapses: each lapse is
    renewed at the policy's re-approval rate (no national figure; our default, marked check)."""
    out: npt.NDArray[np.float64] = policy.amhp_reapproval_rate ** lapses.astype(np.float64)
    return out
