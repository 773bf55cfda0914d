"""State Pension age from a birth date, checked against the worked examples in the Explanatory
Notes to the Pensions Act 2014 (section 26, notes 124-125) and the Act's own rule for people born
on the 31st of a month (Pensions Act 1995 Schedule 4 paragraph 1(7A), as section 26(3) inserts)."""

from __future__ import annotations

from datetime import date

import pytest

from planner.reference.policy import default_policy
from planner.workforce.pension_age import earliest_pension_date, pension_age_date

STEPS = default_policy().state_pension_age


@pytest.mark.parametrize(
    ("born", "reaches"),
    [
        (date(1954, 10, 6), date(2020, 10, 6)),  # 66, the Pensions Act 2011's timetable
        (date(1960, 4, 5), date(2026, 4, 5)),  # the day before the rise: still 66
        (date(1960, 4, 15), date(2026, 5, 15)),  # note 124: 66 and 1 month
        (date(1960, 9, 10), date(2027, 3, 10)),  # note 124: 66 and 6 months
        (date(1961, 1, 22), date(2027, 11, 22)),  # note 124: 66 and 10 months
        (date(1960, 7, 31), date(2026, 11, 30)),  # (7A)(a): no 31 November
        (date(1960, 12, 31), date(2027, 9, 30)),  # (7A)(b)
        (date(1961, 1, 31), date(2027, 11, 30)),  # (7A)(c)
        (date(1961, 3, 6), date(2028, 3, 6)),  # 67 from here
        (date(1970, 6, 1), date(2037, 6, 1)),
    ],
)
def test_state_pension_age_follows_the_act(born: date, reaches: date) -> None:
    assert pension_age_date(born, STEPS) == reaches


def test_a_birth_year_gives_the_earliest_day_that_year_could_reach_it() -> None:
    # Only the year is on a roster: born on 1 January is the earliest anyone born that year
    # reaches State Pension age (a later birthday never reaches it sooner).
    assert earliest_pension_date(1959, STEPS) == date(2025, 1, 1)  # 66
    assert earliest_pension_date(1960, STEPS) == date(2026, 1, 1)  # 1 January 1960: still 66
    assert earliest_pension_date(1961, STEPS) == date(2027, 10, 1)  # 66 and 9 months
    assert earliest_pension_date(1962, STEPS) == date(2029, 1, 1)  # 67
    every_day = [date(1961, 1, 1).toordinal() + d for d in range(365)]
    first = min(pension_age_date(date.fromordinal(d), STEPS) for d in every_day)
    assert first == earliest_pension_date(1961, STEPS)
