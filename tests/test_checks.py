"""Cross-record problems come back as values naming the worker, the column and the trouble."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.reference.policy import default_policy
from planner.workforce.checks import check_service, supervision_cycles
from planner.workforce.models import Service, Supervision, Team, Worker


def w(sid: str, **kw: Any) -> Worker:
    base = {
        "staff_id": sid,
        "name": f"Person {sid}",
        "team": "T",
        "fte": 1.0,
        "pcf_level": "experienced",
        "swe_registration": "SW1",
    }
    return Worker.model_validate({**base, **kw})


def problems(*workers: Worker) -> list[tuple[str, str | None, str | None]]:
    s = Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 11, 1),
        teams=(Team(name="T"),),
        workers=workers,
    )
    return [
        (p.code, p.staff_id, p.column)
        for p in check_service(s, default_policy())
        if p.severity == "error"
    ]


def test_a_clean_service_has_no_errors() -> None:
    assert problems(w("A", external_supervisor="Director"), w("B", supervisor_id="A")) == []


def test_unknown_supervisor_self_supervision_and_duplicates() -> None:
    s = Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 11, 1),
        teams=(Team(name="T"),),
        workers=(
            w("A", supervisor_id="A"),
            w("B", supervisor_id="ZZ"),
            w("C", supervisor_id="B", amhp_supervisor_id="Q9"),
            w("B", supervisor_id="C"),
        ),
    )
    found = {
        (p.code, p.staff_id, p.column, p.severity, p.position)
        for p in check_service(s, default_policy())
    }
    # Each problem names the record it is about by position: the second B, not the first.
    assert ("self_supervision", "A", "supervisor_id", "error", 0) in found
    assert ("duplicate_staff_id", "B", "staff_id", "error", 3) in found
    # A link to someone not in the file loses nobody: a warning, the person kept.
    assert ("unknown_supervisor", "B", "supervisor_id", "warning", 1) in found
    assert ("unknown_supervisor", "C", "amhp_supervisor_id", "warning", 2) in found


def test_a_supervision_loop_is_reported_once_with_the_whole_loop() -> None:
    s = Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 11, 1),
        teams=(Team(name="T"),),
        workers=(
            w("A", supervisor_id="C"),
            w("B", supervisor_id="A"),
            w("C", supervisor_id="B"),
            w("D", supervisor_id="A"),
        ),
    )
    loops = [p for p in check_service(s, default_policy()) if p.code == "supervision_cycle"]
    assert len(loops) == 1
    assert loops[0].value == "A → C → B → A"
    assert "loop" in loops[0].message


def test_unknown_team_and_warnings() -> None:
    s = Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 11, 1),
        teams=(Team(name="T"),),
        workers=(
            w("A", team="Elsewhere", swe_registration=None, planned_leaving_date=date(2026, 1, 1)),
        ),
    )
    codes = {p.code: p.severity for p in check_service(s, default_policy())}
    assert codes == {
        "unknown_team": "error",
        "no_registration": "warning",
        "already_left": "warning",
        "no_supervisor": "warning",
    }


def _service(links: list[int | None]) -> Service:
    """Worker i (staff id W<i>) is supervised by worker links[i], or by nobody."""
    return Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 11, 1),
        teams=(Team(name="T"),),
        workers=tuple(
            w(f"W{i}", supervisor_id=None if t is None else f"W{t}") for i, t in enumerate(links)
        ),
    )


def _expected_loops(links: list[int | None]) -> list[list[str]]:
    """Loops found by networkx, each from its first member in roster order, in that order."""
    graph = nx.DiGraph([(i, t) for i, t in enumerate(links) if t is not None])
    loops = [c for c in nx.simple_cycles(graph)]
    turned = []
    for c in loops:
        first = c.index(min(c))
        turned.append([f"W{i}" for i in c[first:] + c[:first]])
    return sorted(turned, key=lambda c: int(c[0][1:]))


@given(st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_every_loop_is_found_once_from_its_first_member(raw: list[int | None]) -> None:
    links = [None if t is None or t >= len(raw) else t for t in raw]
    found = supervision_cycles(_service(links), Supervision.PROFESSIONAL)
    assert found == _expected_loops(links)


def test_a_chain_longer_than_the_quick_rounds_still_ends_in_its_loop() -> None:
    # W0 <- W1 <- ... <- W199, and W0 -> W200 -> W0: the chain outlasts the set rounds
    links: list[int | None] = [200, *range(0, 199), 0]
    found = supervision_cycles(_service(links), Supervision.PROFESSIONAL)
    assert found == [["W0", "W200"]]


def test_self_links_are_found_for_every_kind_even_behind_a_repeated_id() -> None:
    found = problems(
        w("A", amhp_supervisor_id="A"),
        w("B", supervisor_id="B"),
        w("B", supervisor_id="C"),  # the same id again, linking elsewhere
        w("C", line_manager_id="C"),
    )
    assert ("self_supervision", "A", "amhp_supervisor_id") in found
    assert ("self_supervision", "B", "supervisor_id") in found
    assert ("self_supervision", "C", "line_manager_id") in found
