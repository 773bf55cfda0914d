"""Calendar arithmetic the rules share, counted as HR and the law count it: the same day some
months on (the month's last day where it is shorter, as the Pensions Act 2014 s.26(3) treats
someone born on the 31st), and a policy's months as days."""

from __future__ import annotations

import calendar
from datetime import date

DAYS_IN_MONTH = 365.25 / 12


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def months_as_days(months: float) -> int:
    """A policy's months (4.5 to fill a post) as whole days, at an average month's length."""
    return round(months * DAYS_IN_MONTH)
