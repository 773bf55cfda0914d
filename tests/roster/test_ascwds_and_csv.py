"""ASC-WDS worker files are recognised and read; CSV files come in as Excel writes them."""

from __future__ import annotations

from datetime import date

import pytest

from planner.workforce.models import Contract, Profession
from tests.roster.helpers import load, xlsx_bytes

ASC_HEAD = (
    "LOCALESTID,UNIQUEWORKERID,STATUS,DISPLAYID,NINUMBER,POSTCODE,DOB,GENDER,STARTDATE,"
    "EMPLSTATUS,MAINJOBROLE,MAINJRDESC,CONTHOURS,AVGHOURS,AMHP"
)


def test_an_ascwds_file_is_recognised_by_its_headings_alone() -> None:
    text = "LOCALESTID,UNIQUEWORKERID,STATUS,DISPLAYID,MAINJOBROLE,CONTHOURS\nE1,W1,NEW,Ann,6,37\n"
    result = load(xlsx_bytes({"Workers": [r.split(",") for r in text.splitlines()]}))
    assert result.source == "ascwds" and result.service is not None
    assert [w.staff_id for w in result.service.workers] == ["W1"]


ASC_ROWS = [
    "NB-AMHP,W1,NEW,Ann Lee,AB123456C,NB1 1AA,17/05/1980,2,01/04/2015,1,6,,37,,1",
    "NB-CMHT,W2,NEW,Bo Chan,,,,1,15/03/2019,2,6,Senior SW,18.5,,2",
    "NB-CMHT,W3,NEW,Cy Dee,,,,,01/01/2020,4,16,,,30,999",
    "NB-CMHT,W4,NEW,Di Eve,,,,,01/01/2020,1,8,,37,,2",
    "NB-CMHT,W5,DELETE,Ed Fox,,,,,01/01/2020,1,6,,37,,2",
    "NB-CMHT,W6,NEW,Flo Gee,,,,,31/02/2020,1,15,,20,,2",
]


def _asc() -> str:
    return "\n".join([ASC_HEAD, *ASC_ROWS]) + "\n"


def test_an_ascwds_worker_file_is_recognised_and_what_it_holds_imported() -> None:
    result = load(_asc().encode(), "workers.csv")
    assert result.source == "ascwds" and result.service is not None
    ann, bo, cy, di, flo = result.service.workers
    assert (ann.staff_id, ann.name, ann.team, ann.fte, ann.birth_year, ann.start_date) == (
        "W1",
        "Ann Lee",
        "NB-AMHP",
        1.0,
        1980,
        date(2015, 4, 1),
    )
    assert ann.amhp is True and ann.pcf_level == "social_worker" and ann.extra == {}
    # ASC-WDS ignores MAINJRDESC for a social worker, and so does the planner
    assert (bo.fte, bo.contract, bo.job_title) == (0.5, Contract.FIXED_TERM, "Social worker")
    assert (cy.profession, cy.contract, cy.fte, cy.pcf_level) == (
        Profession.NURSE,
        Contract.AGENCY,
        30 / 37,
        None,
    )
    # a care worker is kept, in no profession that may be approved as an AMHP
    assert (di.job_title, di.profession) == ("Care worker", Profession.OTHER)
    assert flo.start_date is None  # 31/02/2020 is not a date: a warning, as in ASC-WDS
    assert [t.kind for t in result.service.teams] == ["amhp_service", "community"]


def test_what_ascwds_lacks_is_reported_for_hr_to_complete() -> None:
    result = load(_asc().encode(), "workers.csv")
    codes = {(p.row, p.code) for p in result.problems}
    assert {(2, "ascwds_level_missing"), (2, "approval_dates_unknown")} <= codes
    assert (5, "ascwds_profession") in codes  # a care worker is kept, as Other
    assert (6, "ascwds_deleted") in codes
    assert (7, "unreadable_value") in codes  # 31/02/2020
    assert not [p for p in result.problems if p.severity == "error"]
    not_kept = next(p for p in result.problems if p.code == "ascwds_columns_not_kept")
    assert "NINUMBER" in not_kept.message and "POSTCODE" in not_kept.message
    assert result.counts.rows_read == 6 and result.counts.imported == 5
    # personal details are not carried
    assert all("NINUMBER" not in w.extra for w in result.service.workers)  # type: ignore[union-attr]


ROSTER = [
    ["Staff ID", "Name", "Team", "FTE", "PCF level"],
    ["A1", "Zoë Ölund", "Équipe", "60%", "ASYE"],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ","), ("utf-16", "\t"), ("cp1252", ";")],
)
def test_csv_in_the_encodings_excel_writes(encoding: str, delimiter: str) -> None:
    text = "\r\n".join(delimiter.join(str(c) for c in row) for row in ROSTER)
    result = load(text.encode(encoding), "roster.csv")
    assert result.service is not None, result.unusable
    w = result.service.workers[0]
    assert (w.name, w.team, w.fte) == ("Zoë Ölund", "Équipe", 0.6)


def test_a_csv_roster_gets_teams_from_its_team_column_and_the_population_given() -> None:
    text = "Staff ID,Name,Team,FTE,PCF level\nA,Ann,AMHP Hub,1,ASYE\nB,Bo,North Team,1,ASYE\n"
    result = load(text.encode(), "north.csv", population=120_000)
    assert result.service is not None
    assert result.service.name == "north" and result.service.adult_population == 120_000
    assert [(t.name, t.kind) for t in result.service.teams] == [
        ("AMHP Hub", "amhp_service"),
        ("North Team", "community"),
    ]
