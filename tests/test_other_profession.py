"""People in no profession that may be approved as an AMHP (Profession.OTHER): an administrator,
or a manager whose record gives no profession. They can hold posts, but are never AMHPs, never
owe social work supervision and never stand as social workers with a PCF level."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from planner.analysis.report import analyse
from planner.reference.policy import default_policy
from planner.workforce.checks import check_service
from planner.workforce.demo import load_demo
from planner.workforce.models import Profession, Worker
from tests.roster.helpers import load, roster_bytes


def manager(**fields: object) -> Worker:
    return Worker.model_validate(
        {
            "staff_id": "TM9",
            "name": "Tess Manager",
            "team": "North CMHT",
            "fte": 1.0,
            "profession": "other",
            "job_title": "Team manager",
            **fields,
        }
    )


@pytest.mark.parametrize(
    "amhp",
    [
        {"amhp": True},
        {"amhp_approval_expires": date(2028, 3, 31)},
        {"amhp_approved_on": date(2024, 4, 1)},
    ],
)
def test_someone_in_no_amhp_profession_cannot_hold_an_amhp_approval(
    amhp: dict[str, object],
) -> None:
    with pytest.raises(ValidationError, match="may be approved as AMHPs"):
        manager(**amhp)


def test_they_may_hold_a_post_and_an_amhp_qualification_year() -> None:
    w = manager(posts=("team_manager",), amhp_qualified_year=2015, amhp=False)
    assert w.profession is Profession.OTHER and not w.is_amhp(date(2026, 11, 1))


def test_they_are_not_counted_as_amhps_or_as_owing_supervision() -> None:
    demo = load_demo()
    service = demo.with_worker(manager())
    report = analyse(service)
    assert report.amhp.headcount == analyse(demo).amhp.headcount
    assert "TM9" not in {i.staff_id for i in report.supervision.issues}
    assert "TM9" not in {p.staff_id for p in check_service(service, default_policy())}


def test_the_template_round_trips_other_and_the_amhp_qualification_year(tmp_path: Path) -> None:
    demo = load_demo()
    service = demo.with_worker(manager(amhp_qualified_year=2015))
    result = load(roster_bytes(service, tmp_path), today=service.as_of)
    assert result.service is not None, result.unusable
    back = result.service.worker("TM9")
    assert back is not None
    assert (back.profession, back.amhp_qualified_year) == (Profession.OTHER, 2015)


def test_an_amhp_answer_for_other_is_an_error_on_the_profession_column() -> None:
    rows = "Staff ID,Name,Team,FTE,Profession,AMHP\nA1,Ann,North,1,Other,Yes\nB1,Bo,North,1,Nurse,Yes\n"
    result = load(rows.encode(), "roster.csv", population=100_000)
    assert result.service is not None
    assert [w.staff_id for w in result.service.workers] == ["B1"]
    (problem,) = [p for p in result.problems if p.severity == "error"]
    assert (problem.row, problem.column) == (2, "Profession")
    assert "may be approved as AMHPs" in problem.message
