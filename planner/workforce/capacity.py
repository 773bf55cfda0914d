"""Casework capacity: the FTE a service has for casework once newly qualified workers' protected
development time is taken off.

The ASYE framework (DfE and Skills for Care) asks employers to give a social worker in their
assessed and supported year in employment a workload reduction, 10% by default
(`asye_workload_reduction`), and protected development time. A worker at the ASYE level counts
for their first year from their start date; with no start date the level alone is taken to mean
they are in it, as the supervision rules take it. Nothing else is taken off here: AMHP duty is
counted by the AMHP analysis (ASYE workers are not AMHPs), other roles are not casework rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.reference.policy import Policy
from planner.workforce.dates import add_months
from planner.workforce.models import Worker

ASYE = "asye"  # the PCF level id in data/pcf/levels.yaml


class CaseworkCapacity(BaseModel):
    model_config = ConfigDict(frozen=True)

    fte: float  # everyone counted
    asye_first_year: list[str]  # staff ids at the ASYE level, in their first year
    asye_fte: float
    asye_workload_reduction: float  # the policy's share
    reduction_fte: float
    casework_fte: float  # fte less reduction_fte
    why: str  # the sentence a page shows beside the figure


def in_asye_year(w: Worker, on: date) -> bool:
    """At the ASYE level and within a year of starting (no start date: the level says so)."""
    if w.pcf_level != ASYE:
        return False
    return w.start_date is None or on < add_months(w.start_date, 12)


def casework_capacity(workers: Iterable[Worker], policy: Policy, on: date) -> CaseworkCapacity:
    staff = list(workers)
    asye = [w for w in staff if in_asye_year(w, on)]
    fte = round(sum(w.fte for w in staff), 2)
    asye_fte = round(sum(w.fte for w in asye), 2)
    share = policy.asye_workload_reduction
    reduction = round(asye_fte * share, 2)
    return CaseworkCapacity(
        fte=fte,
        asye_first_year=[w.staff_id for w in asye],
        asye_fte=asye_fte,
        asye_workload_reduction=share,
        reduction_fte=reduction,
        casework_fte=round(fte - reduction, 2),
        why=_why(len(asye), share, reduction),
    )


def _why(people: int, share: float, reduction: float) -> str:
    if people == 0:
        return (
            "Nobody is in their first (ASYE) year, so no protected development time is taken off."
        )
    who = "1 person is" if people == 1 else f"{people} people are"
    carry = "carries" if people == 1 else "carry"
    return (
        f"{who} in their first (ASYE) year and {carry} {share * 100:g}% less casework for "
        f"protected development time (ASYE framework), {reduction:g} FTE in all. AMHP duty is "
        "not taken off."
    )
