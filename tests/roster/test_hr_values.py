"""Values and headings as HR types them are understood; what cannot be read is said plainly."""

from __future__ import annotations

from datetime import date

import pytest

from planner.roster.values import Bad, convert_column, parse_date_text, serial_date
from tests.roster.helpers import load, raw_xlsx_bytes, xlsx_bytes

HEAD = ["Staff ID", "Name", "Team", "FTE", "PCF level"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/01/2024", date(2024, 1, 31)),
        ("1/2/24", date(2024, 2, 1)),
        ("03-09-2018", date(2018, 9, 3)),
        ("03.09.1968", date(1968, 9, 3)),
        ("1 Jan 2021", date(2021, 1, 1)),
        ("21st September 2020", date(2020, 9, 21)),
        ("2024-01-31", date(2024, 1, 31)),
        ("45292", date(2024, 1, 1)),
    ],
)
def test_text_dates_are_read_day_first(text: str, expected: date) -> None:
    assert parse_date_text(text) == expected


def test_us_order_and_impossible_dates_are_explained() -> None:
    us = parse_date_text("03/31/2024")
    assert isinstance(us, Bad) and "no month 31" in us.message and "day/month/year" in us.message
    assert isinstance(parse_date_text("31/02/2024"), Bad)
    assert isinstance(parse_date_text("next Tuesday"), Bad)


def test_excel_serials_follow_the_1900_date_system() -> None:
    assert serial_date(1) == date(1900, 1, 1)
    assert serial_date(59) == date(1900, 2, 28)
    assert serial_date(61) == date(1900, 3, 1)
    assert serial_date(45292.75) == date(2024, 1, 1)
    assert isinstance(serial_date(60), Bad)  # Excel's 29/02/1900 never happened


@pytest.mark.parametrize(
    ("kind", "cells", "values"),
    [
        ("share", [0.6, "60%", " 100 % ", "0.25", 1], [0.6, 0.6, 1.0, 0.25, 1.0]),
        ("yes_no", ["Yes", "y", "TRUE", True, "No", "N", False, "0"], [True] * 4 + [False] * 4),
        (
            "level",
            ["ASYE", "NQSW", "experienced", "Advanced social worker", "ESW"],
            ["asye", "asye", "experienced", "advanced", "experienced"],
        ),
        (
            "contract",
            ["perm", "Temporary", "Locum", "Fixed term"],
            ["permanent", "fixed_term", "agency", "fixed_term"],
        ),
        (
            "role_functions",
            ["A.i 30%; E.ii 10%", "a.iv 0.2, B.i 5", "C.v (50%)"],
            [{"A.i": 0.3, "E.ii": 0.1}, {"A.iv": 0.2, "B.i": 0.05}, {"C.v": 0.5}],
        ),
        (
            "posts",
            ["Team manager; practice_educator", "AMHP service lead"],
            [("team_manager", "practice_educator"), ("amhp_lead",)],
        ),
        (
            "domain_levels",
            ["6 Advanced; 9: Experienced", "D1 ASYE"],
            [{6: "advanced", 9: "experienced"}, {1: "asye"}],
        ),
        ("stage", [2.0, "Stage 1", "2"], [2, 1, 2]),
    ],
)
def test_hr_values_are_read(kind: str, cells: list[object], values: list[object]) -> None:
    converted, bad = convert_column(kind, cells)  # type: ignore[arg-type]
    assert bad == {} and converted == values


@pytest.mark.parametrize(
    ("kind", "cell", "says"),
    [
        ("share", "lots", "write 0.6 or 60%"),
        ("level", "Senior", "is not a PCF level"),
        ("role_functions", "A.xii 10%", "not a TCSW role function"),
        ("role_functions", "A.i", "has no share of time"),
        ("posts", "Boss", "is not a post"),
        ("yes_no", "maybe", "is not Yes or No"),
        ("contract", "zero hours", "is not one of: Permanent, Fixed term, Agency, Student"),
    ],
)
def test_unreadable_values_say_why(kind: str, cell: str, says: str) -> None:
    converted, bad = convert_column(kind, [cell])  # type: ignore[arg-type]
    assert converted == [None] and says in bad[0]


def test_headings_are_matched_forgiving_case_spacing_and_synonyms() -> None:
    rows = [
        [
            "Emp #",
            "Employee name",
            "Department",
            "Whole Time Equivalent",
            "PCF level",
            "AMHP warrant expiry",
            "AMHP Approval Date",
            "Start date (dd/mm/yyyy)",
        ],
        ["E1", "Ann Lee", "North", "80%", "NQSW", "31/03/2028", "01/04/2023", "02/01/2020"],
    ]
    result = load(xlsx_bytes({"Staff": rows}))
    assert result.service is not None
    w = result.service.workers[0]
    assert (w.staff_id, w.name, w.team, w.fte, w.pcf_level) == (
        "E1",
        "Ann Lee",
        "North",
        0.8,
        "asye",
    )
    assert (w.amhp_approved_on, w.amhp_approval_expires, w.start_date) == (
        date(2023, 4, 1),
        date(2028, 3, 31),
        date(2020, 1, 2),
    )


def test_first_name_and_surname_columns_make_the_name_and_dob_gives_only_the_year() -> None:
    rows = [
        ["Staff No", "Forename", "Surname", "Team", "FTE", "Level", "DOB"],
        ["7", "Ann", "Lee", "North", 1, "SW", date(1980, 5, 17)],
    ]
    w = load(xlsx_bytes({"Sheet1": rows})).service.workers[0]  # type: ignore[union-attr]
    assert (w.name, w.birth_year) == ("Ann Lee", 1980)


def test_the_roster_sheet_is_chosen_by_name_else_the_first_visible() -> None:
    other = [["Note"], ["not staff"]]
    staff = [HEAD, ["A", "Ann", "T", 1, "ASYE"]]
    assert load(xlsx_bytes({"Summary": other, "Roster 2026": staff})).sheet == "Roster 2026"
    assert load(xlsx_bytes({"Data": staff, "Other": other})).sheet == "Data"


def test_trailing_spaces_blank_rows_and_title_rows_are_handled() -> None:
    rows = [
        ["Team roster"],
        [],
        ["exported today"],
        [],
        HEAD,
        [],
        ["A ", " Ann  ", "T ", 1, " ASYE "],
        [],
        [],
    ]
    result = load(raw_xlsx_bytes(rows))
    assert result.header_row == 5 and result.counts.rows_read == 1
    w = result.service.workers[0]  # type: ignore[union-attr]
    assert (w.staff_id, w.name, w.team, w.pcf_level) == ("A", "Ann", "T", "asye")
    assert result.worker_rows == (7,)


def test_a_sheet_without_the_needed_columns_is_unusable_with_a_reason() -> None:
    result = load(xlsx_bytes({"Roster": [["Staff ID", "Name"], ["A", "Ann"]]}))
    assert result.service is None
    assert "no column for Team" in (result.unusable or "") and "FTE" in (result.unusable or "")
    nothing = load(xlsx_bytes({"Roster": [["a", "b"], [1, 2]]}))
    assert "No header row found" in (nothing.unusable or "")


def test_unknown_columns_are_kept_reported_and_written_back(tmp_path: object) -> None:
    from planner.roster.writing.workbook import roster_csv

    rows = [HEAD + ["Cost centre", "Supervisr"], ["A", "Ann", "T", 1, "ASYE", "CC1", "B"]]
    result = load(xlsx_bytes({"Roster": rows}))
    assert result.service is not None
    assert result.service.workers[0].extra == {"Cost centre": "CC1", "Supervisr": "B"}
    unused = [p.column for p in result.problems if p.code == "unused_column"]
    assert unused == ["Cost centre", "Supervisr"]
    assert "Cost centre,Supervisr" in roster_csv(result.service).splitlines()[0]
