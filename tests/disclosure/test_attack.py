"""An attacker with a solver against what commissioners receive.

For generated services of many sizes and seeds, and the demo, the reader of
`tests/disclosure/reader.py` takes the published JSON and works out, by linear programming,
the range of every hidden figure and the least number of leavers in each period of the
headcount series. The file passes when no hidden figure can be narrowed to fewer than the
threshold's width and no period shows a small group of leavers (fewer than the threshold, so
a reader who knows the service could say who).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from planner.analysis.report import analyse
from planner.disclosure.aggregates import CommissionerView, commissioner_json
from planner.disclosure.roles import view_for
from planner.reference.policy import default_policy
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service, Worker
from tests.disclosure.reader import departures_shown, narrow_cells


def published(service: Service) -> dict[str, Any]:
    policy = default_policy()
    view = view_for("commissioner", service, analyse(service, policy), policy)
    assert isinstance(view, CommissionerView)
    data: dict[str, Any] = json.loads(commissioner_json(view))
    return data


def _counted(w: Worker, on: date, as_of: date) -> bool:
    """Counted in the AMHP headcount on a date: approved then, or a trainee qualified by then."""
    if w.leaves_by(on):
        return False
    completes = w.amhp_training_completes
    trained = w.in_amhp_training(as_of) and completes is not None and completes <= on
    return w.is_amhp(on) or trained


def true_leavers(service: Service, start: date, end: date) -> int:
    """People counted on `start` whose planned leaving date falls in (start, end]."""
    return sum(
        1
        for w in service.workers
        if _counted(w, start, service.as_of)
        and w.planned_leaving_date is not None
        and start < w.planned_leaving_date <= end
    )


def leaks(service: Service) -> list[str]:
    data = published(service)
    t = data["disclosure_threshold"]
    narrow = sorted(narrow_cells(data, t).items(), key=lambda item: item[1][1] - item[1][0])
    found = [
        f"{name}: a reader can narrow it to {lo:g}" + ("" if lo == hi else f"-{hi:g}")
        for name, (lo, hi) in narrow
    ]
    for start, end, least in departures_shown(data):
        truly = true_leavers(service, start, end)
        if truly < t:
            found.append(
                f"the series shows at least {least} leaver(s) between {start} and {end} "
                f"({truly} in fact, fewer than {t})"
            )
    return found


SIZES = st.sampled_from([10, 11, 13, 16, 20, 25, 32, 40, 55, 70, 90, 120, 160])


@settings(max_examples=40)
@given(SIZES, st.integers(0, 10**6))
@example(12, 0)
@example(42, 7)
def test_no_generated_service_leaks_a_hidden_figure_or_a_leaver(size: int, seed: int) -> None:
    service = generate_service(size, seed)
    found = leaks(service)
    assert not found, f"{service.name}:\n" + "\n".join(found)


def test_the_demo_leaks_nothing() -> None:
    # The demo's AMHP lead leaves at the end of March 2027; no approval lapses that month.
    found = leaks(load_demo())
    assert not found, "\n".join(found)
