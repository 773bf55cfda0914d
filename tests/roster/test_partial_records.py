"""Partial records are kept with a warning, not dropped (issue 17, point 3): the ordinary HR
export keeps only the AMHP warrant's expiry, or a yes/no AMHP column."""

from __future__ import annotations

from datetime import date

from planner.workforce.graph import build
from tests.roster.helpers import load

HEAD = "Staff ID,Name,Team,FTE,PCF level,Supervisor ID"


def _csv(*rows: str, head: str = HEAD) -> bytes:
    return "\n".join([head, *rows]).encode()


def test_an_amhp_with_only_the_warrant_expiry_is_imported_as_an_amhp() -> None:
    data = _csv(
        "L1,Lee Lead,AMHP Hub,1,advanced,,31/03/2028",
        "S1,Sam Sup,AMHP Hub,1,experienced,L1,",
        head=HEAD + ",AMHP approval expires",
    )
    result = load(data, "hr.csv")
    assert result.service is not None
    assert [w.staff_id for w in result.service.workers] == ["L1", "S1"]
    assert not [p for p in result.problems if p.severity == "error"]
    lead = result.service.workers[0]
    assert lead.is_amhp(date(2026, 11, 1)) and lead.amhp_approved_on is None
    warned = [p for p in result.problems if p.code == "approval_start_unknown"]
    assert [(p.row, p.staff_id) for p in warned] == [(2, "L1")]
    assert "31/03/2028" in warned[0].message
    # and the analyses count them: the graph's index says so on the as-of date
    assert build(result.service, date(2026, 11, 1)).index.amhp.tolist() == [True, False]


def test_a_yes_in_an_amhp_column_is_an_amhp_with_the_expiry_unknown() -> None:
    data = _csv("A1,Ann,Hub,1,experienced,,Yes", "B1,Bo,Hub,1,experienced,,No", head=HEAD + ",AMHP")
    result = load(data, "hr.csv")
    assert result.service is not None
    ann, bo = result.service.workers
    assert (ann.amhp, bo.amhp) == (True, False)
    assert ann.is_amhp(date(2026, 11, 1)) and not bo.is_amhp(date(2026, 11, 1))
    assert [p.staff_id for p in result.problems if p.code == "approval_dates_unknown"] == ["A1"]


def test_a_no_with_approval_dates_is_an_error_on_that_row() -> None:
    data = _csv(
        "A1,Ann,Hub,1,experienced,,No,31/03/2028", head=HEAD + ",AMHP,AMHP approval expires"
    )
    result = load(data, "hr.csv")
    assert result.service is None or result.service.workers == ()
    (error,) = [p for p in result.problems if p.severity == "error"]
    assert (error.row, error.column) == (2, "AMHP")
    assert "marked as not an AMHP" in error.message


LINKS = "Staff ID,Name,Team,FTE,PCF level,Line manager ID,SWE registration"  # no supervisor


def test_a_registered_line_manager_is_taken_as_supervisor_with_a_warning() -> None:
    # An HR export with line managers only: no professional-supervisor column at all.
    data = _csv(
        "M1,Mo Manager,Hub,1,advanced,,SW123",
        "A1,Ann,Hub,1,experienced,M1,SW124",
        "B1,Bo,Hub,1,social_worker,A1,",  # line manager A1 is registered: taken too
        "C1,Cy,Hub,1,asye,X9,",  # line manager not in the file: nothing assumed
        head=LINKS,
    )
    result = load(data, "hr.csv")
    assert result.service is not None
    assert [w.supervisor_id for w in result.service.workers] == [None, "M1", "A1", None]
    told = [p for p in result.problems if p.code == "supervisor_from_line_manager"]
    assert [(p.row, p.staff_id) for p in told] == [(3, "A1"), (4, "B1")]
    assert "Mo Manager" in told[0].message
    assert not [p for p in result.problems if p.code == "no_supervisor" and p.staff_id == "A1"]


def test_a_blank_in_a_supervisor_column_is_read_as_it_says() -> None:
    head = "Staff ID,Name,Team,FTE,PCF level,Supervisor ID,Line manager ID,SWE registration"
    data = _csv("M1,Mo,Hub,1,advanced,,,SW123", "A1,Ann,Hub,1,experienced,,M1,SW124", head=head)
    result = load(data, "hr.csv")
    assert result.service is not None and result.service.workers[1].supervisor_id is None
    assert [p.staff_id for p in result.problems if p.code == "no_supervisor"] == ["M1", "A1"]


def test_the_line_manager_rule_is_a_policy_switch() -> None:
    from planner.reference.policy import default_policy

    data = _csv("M1,Mo,Hub,1,advanced,,SW123", "A1,Ann,Hub,1,experienced,M1,", head=LINKS)
    off = default_policy().with_changes(supervisor_from_line_manager=False)
    result = load(data, "hr.csv", policy=off)
    assert result.service is not None and result.service.workers[1].supervisor_id is None
    assert [p.staff_id for p in result.problems if p.code == "no_supervisor"] == ["M1", "A1"]


def test_an_amhp_approved_question_is_a_yes_no_column() -> None:
    # Seen when tried: "AMHP approved?" was read as the approved-on date, so every "Yes" failed.
    data = _csv(
        "A1,Ann,Hub,1,experienced,,Yes",
        "B1,Bo,Hub,1,experienced,,No",
        head=HEAD + ",AMHP approved?",
    )
    result = load(data, "hr.csv")
    assert result.service is not None and [w.amhp for w in result.service.workers] == [True, False]
    assert not [p for p in result.problems if p.severity == "error"]
