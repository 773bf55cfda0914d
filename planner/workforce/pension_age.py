"""When someone may reach State Pension age: from a birth date by the policy's table
(`state_pension_age`: the Pensions Act 2014 s.26 timetable, 66 rising to 67), and from a birth
year, which is all a roster holds, as the earliest day anyone born that year reaches it.

State Pension age is a date to plan around, not a retirement age: nobody has to stop work then.
So the rules that read it say "may reach", and a known planned leaving date always wins over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from planner.reference.policy import PensionAge
from planner.workforce.dates import add_months
from planner.workforce.models import Worker


def pension_age_date(born: date, steps: Sequence[PensionAge]) -> date:
    """The day someone born on `born` reaches State Pension age. Births before the table's
    first row take its age: they passed State Pension age years before any as-of date."""
    row = steps[0]
    for step in steps:
        if step.born_from <= born:
            row = step
    return add_months(born, row.years * 12 + row.months)


def earliest_pension_date(birth_year: int, steps: Sequence[PensionAge]) -> date:
    """The earliest day anyone born in `birth_year` reaches State Pension age: a later birthday
    that year never reaches it sooner, so 1 January's date is the one to plan by."""
    return pension_age_date(date(birth_year, 1, 1), steps)


def may_reach_pension_age(w: Worker, steps: Sequence[PensionAge], by: date) -> date | None:
    """The earliest day the worker may reach State Pension age, where that is on or before `by`
    (possibly already past); None with no birth year, a later date, or a planned leaving date
    (the date they gave stands)."""
    if w.birth_year is None or w.planned_leaving_date is not None:
        return None
    earliest = earliest_pension_date(w.birth_year, steps)
    return earliest if earliest <= by else None
