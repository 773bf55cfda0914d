"""The messy HR export (tests/data/messy_roster.xlsx) imports with exactly the right rows and
exactly the right problems. tests/data/make_messy_roster.py builds the file and lists its faults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.roster.reading.importer import RosterImport, import_roster
from planner.workforce.models import Contract
from tests.conftest import ROOT

MESSY = ROOT / "tests" / "data" / "messy_roster.xlsx"
SHEET = "Staff list"


@pytest.fixture(scope="module")
def result() -> RosterImport:
    return import_roster(MESSY, today=date(2026, 11, 1))


def test_the_committed_file_is_what_the_script_builds(tmp_path: Path) -> None:
    from tests.data.make_messy_roster import build

    build(tmp_path / MESSY.name)
    fresh = import_roster(tmp_path / MESSY.name, today=date(2026, 11, 1))
    committed = import_roster(MESSY, today=date(2026, 11, 1))
    assert fresh.service == committed.service and fresh.problems == committed.problems


def test_the_staff_sheet_is_found_below_its_title_rows(result: RosterImport) -> None:
    assert result.unusable is None
    assert (result.sheet, result.header_row) == (SHEET, 4)


def test_exactly_the_right_rows_are_imported(result: RosterImport) -> None:
    assert result.service is not None
    imported = [(w.staff_id, w.name) for w in result.service.workers]
    assert imported == [
        ("M1", "Helen Ashdown"),
        ("M2", "Sam Rudge"),
        ("M3", "Jordan Elstow"),
        ("M4", "Casey Brannock"),  # row 10 repeats M4 for someone else: left out
        ("M5", "Avery Farrant"),
        ("M6", "Noor Selby"),
        ("M7", "Quinn Garside"),
        ("M8", "Rowan Hollins"),
        ("M9", '=HYPERLINK("http://example.invalid","Click me")'),
    ]
    assert result.worker_rows == (5, 6, 7, 9, 11, 13, 14, 15, 16)
    assert result.counts.__dict__ == {
        "rows_read": 12,
        "imported": 9,
        "with_errors": 3,
        "with_warnings": 5,
    }


def test_hr_values_are_read_as_hr_meant_them(result: RosterImport) -> None:
    assert result.service is not None
    by_row = dict(zip(result.worker_rows, result.service.workers, strict=True))
    helen, sam, jordan, casey = by_row[5], by_row[6], by_row[7], by_row[9]
    assert (helen.pcf_level, helen.bia, helen.amhp_approval_expires) == (
        "advanced",
        True,
        date(2028, 3, 31),
    )
    assert (sam.fte, sam.contract, sam.start_date) == (0.6, Contract.PERMANENT, date(2019, 3, 15))
    assert (jordan.pcf_level, jordan.contract, jordan.start_date) == (
        "asye",
        Contract.FIXED_TERM,
        date(2024, 1, 1),  # typed as the Excel serial 45292
    )
    assert (casey.pcf_level, casey.start_date, casey.bia) == ("asye", date(2021, 1, 1), False)
    assert [w.team for w in (helen, sam, jordan)] == ["North CMHT"] * 3  # merged cell


def test_hr_columns_are_kept_with_each_person(result: RosterImport) -> None:
    assert result.service is not None
    assert result.service.extra_columns == ("Grade", "Cost centre")
    assert result.service.workers[0].extra == {"Grade": "Band 8a", "Cost centre": "CC-100"}


def test_exactly_the_right_problems_are_reported(result: RosterImport) -> None:
    found = [(p.row, p.column, p.severity, p.code, p.staff_id, p.value) for p in result.problems]
    assert found == [
        (4, "Grade", "warning", "unused_column", None, "Grade"),
        (4, "Cost centre", "warning", "unused_column", None, "Cost centre"),
        (5, "Supervisor", "warning", "no_supervisor", "M1", None),
        (10, "Emp #", "error", "duplicate_staff_id", "M4", "M4"),
        (11, "Supervisor", "warning", "unknown_supervisor", "M5", "X99"),
        (13, "SWE Number", "warning", "no_registration", "M6", None),
        (14, "Supervisor", "warning", "supervision_cycle", "M7", "M7 → M8 → M7"),
        (
            16,
            "Full name",
            "warning",
            "formula_like_text",
            "M9",
            '=HYPERLINK("http://example.invalid","Click me")',
        ),
        (17, "Date started", "error", "unreadable_value", "M10", "31/02/2024"),
        (18, "PCF Level", "error", "unreadable_value", "M11", "Senior"),
        (None, None, "warning", "no_service_sheet", None, None),
    ]
    assert all(p.sheet == SHEET for p in result.problems if p.row)


def test_problem_messages_are_sentences_hr_understands(result: RosterImport) -> None:
    messages = {p.row: p.message for p in result.problems}
    assert (
        messages[10]
        == "Staff ID M4 is already used by Casey Brannock; each person needs their own."
    )
    assert messages[11].startswith("Supervisor X99 is not anyone in this service")
    assert messages[17] == "Date started: '31/02/2024' is not a real date."
    assert messages[18].startswith("PCF Level: 'Senior' is not a PCF level; use one of: ")
    assert "loop: M7 → M8 → M7" in messages[14]
    for message in messages.values():
        assert message[0].isupper() and message.endswith("."), message
        assert "Traceback" not in message and "pydantic" not in message


def test_a_supervisee_is_told_their_supervisors_row_was_left_out() -> None:
    """HR fixes the supervisor's row, not the supervisee's: the warning says which row."""
    text = (
        "Staff ID,Name,Team,FTE,PCF level,Supervisor ID\n"
        "S1,Sam Boss,North Team,7,experienced,\n"  # an FTE of 7: the row is left out
        "S2,Sue Worker,North Team,1,social worker,S1\n"
    )
    result = import_roster(text.encode(), "north.csv", population=100_000, today=date(2026, 11, 1))
    assert result.service is not None
    assert [w.staff_id for w in result.service.workers] == ["S2"]
    link = next(p for p in result.problems if p.staff_id == "S2" and p.column)
    assert link.severity == "warning"
    assert "row 2" in link.message and "left out" in link.message, link.message
