"""Cross-record problems come back as values naming the worker, the column and the trouble."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.checks import check_service
from planner.models import Service, Team, Worker
from planner.policy import default_policy


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
    found = problems(
        w("A", supervisor_id="A"),
        w("B", supervisor_id="ZZ"),
        w("C", supervisor_id="B", amhp_supervisor_id="Q9"),
        w("B", supervisor_id="C"),
    )
    assert ("self_supervision", "A", "supervisor_id") in found
    assert ("unknown_supervisor", "B", "supervisor_id") in found
    assert ("unknown_supervisor", "C", "amhp_supervisor_id") in found
    assert ("duplicate_staff_id", "B", "staff_id") in found


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
