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
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from planner.cli.main import main
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service, Worker
from tests.disclosure.reader import departures_shown, narrow_cells


def published(service: Service) -> dict[str, Any]:
    """What the commissioner receives: the JSON `planner aggregates` writes for the service."""
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "service.json", Path(folder) / "aggregates.json"
        source.write_text(service.model_dump_json(), encoding="utf-8")
        code = main(["aggregates", str(source), "--out", str(out), "--by", "attacker"])
        assert code in (0, 1), "the file was written (1: the roster had warnings)"
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
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
    # The reader also knows every AMHP's approval expiry month, as a file from before the gate
    # listed them; the horizon as a whole is one period of the published counts, which the
    # gate protects as cells: a series reveals a leaver when it places one within it.
    known = [
        f"{w.amhp_approval_expires:%Y-%m}"
        for w in service.workers
        if w.is_amhp(service.as_of) and w.amhp_approval_expires is not None
    ]
    whole = (
        (service.as_of, date.fromisoformat(data["horizon"]["end"])) if "horizon" in data else None
    )
    for start, end, least in departures_shown(data, known):
        truly = true_leavers(service, start, end)
        if truly < t and (start, end) != whole:
            found.append(
                f"the series shows at least {least} leaver(s) between {start} and {end} "
                f"({truly} in fact, fewer than {t})"
            )
    return found


SIZES = st.sampled_from([10, 11, 13, 16, 20, 25, 32, 40, 55, 70, 90, 120, 160, 300, 600])


@settings(max_examples=30)
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
