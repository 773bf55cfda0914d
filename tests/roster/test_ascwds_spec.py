"""ASC-WDS worker files as Skills for Care's own code defines them (issue 17, item 4).

The headings are the 44 of the ASC-WDS bulk-upload worker file
(NMDSdevopsServiceAdm/SopraSteria-SFC backend/server/routes/establishments/bulkUpload/data/
workerHeaders.js); what is an error and what a warning follows its worker CSV validator
(lambdas/bulkUpload/classes/workerCSVValidator.js). Each test builds the file a council would
download or upload and checks what a person using the planner would notice.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.analysis.report import analyse
from planner.cli.main import main
from planner.reference.policy import default_policy
from planner.roster.reading.importer import RosterImport
from planner.store.snapshots import Store
from planner.workforce.checks import check_service
from planner.workforce.models import Contract, Profession
from tests.roster.helpers import load

HEADERS = [
    "LOCALESTID",
    "UNIQUEWORKERID",
    "CHGUNIQUEWRKID",
    "STATUS",
    "DISPLAYID",
    "NINUMBER",
    "POSTCODE",
    "DOB",
    "GENDER",
    "ETHNICITY",
    "NATIONALITY",
    "BRITISHCITIZENSHIP",
    "COUNTRYOFBIRTH",
    "YEAROFENTRY",
    "DISABLED",
    "CARECERT",
    "L2CARECERT",
    "RECSOURCE",
    "HANDCVISA",
    "INOUTUK",
    "STARTDATE",
    "STARTINSECT",
    "APPRENTICE",
    "EMPLSTATUS",
    "ZEROHRCONT",
    "DAYSSICK",
    "SALARYINT",
    "SALARY",
    "HOURLYRATE",
    "MAINJOBROLE",
    "MAINJRDESC",
    "CONTHOURS",
    "AVGHOURS",
    "NMCREG",
    "NURSESPEC",
    "AMHP",
    "SCQUAL",
    "NONSCQUAL",
    "QUALACH01",
    "QUALACH01NOTES",
    "QUALACH02",
    "QUALACH02NOTES",
    "QUALACH03",
    "QUALACH03NOTES",
]


def test_the_headings_are_the_44_of_the_ascwds_worker_file() -> None:
    assert len(HEADERS) == 44 and len(set(HEADERS)) == 44


def worker(**given: str) -> dict[str, str]:
    """One ASC-WDS row: a permanent full-time social worker unless told otherwise."""
    row = {
        "LOCALESTID": "NB-CMHT",
        "STATUS": "NEW",
        "NINUMBER": "Admin",
        "POSTCODE": "NB1 1AA",
        "DOB": "17/05/1980",
        "GENDER": "2",
        "STARTDATE": "01/04/2015",
        "STARTINSECT": "2010",
        "EMPLSTATUS": "1",
        "ZEROHRCONT": "2",
        "MAINJOBROLE": "6",
        "CONTHOURS": "37",
        "AMHP": "2",
        "SCQUAL": "2",
    }
    row.update(given)
    row.setdefault("DISPLAYID", f"Name {row['UNIQUEWORKERID']}")
    return row


def asc_file(*rows: dict[str, str], headers: tuple[str, ...] | list[str] = HEADERS) -> bytes:
    lines = [",".join(headers)]
    for row in rows:
        unknown = set(row) - set(headers)
        assert not unknown, unknown
        lines.append(",".join(row.get(h, "") for h in headers))
    return ("\r\n".join(lines) + "\r\n").encode()


def read(*rows: dict[str, str]) -> RosterImport:
    result = load(asc_file(*rows), "workers.csv", population=250_000)
    assert result.source == "ascwds" and result.service is not None, result.unusable
    return result


def by_id(result: RosterImport) -> dict[str, object]:
    assert result.service is not None
    return {w.staff_id: w for w in result.service.workers}


def on_row(result: RosterImport, row: int, column: str) -> list[tuple[str, str]]:
    return [(p.severity, p.message) for p in result.problems if p.row == row and p.column == column]


# --- managers and team leaders are kept -----------------------------------------------------


# MAINJOBROLE codes (backend/reference/jobRoles.js, BUDI -> ASC job id) and the ASC job titles
# (frontend/src/mockdata/jobs.js; renamed by backend/migrations/20240920133820-renameJobRoles.js
# and 20240926141934-renameManagerJobRole.js).
MANAGER_ROLES = {
    "1": "Senior management",
    "2": "Middle management",
    "3": "First-line manager",
    "4": "Registered manager",
    "5": "Supervisor",
    "24": "Manager (care-related, but not care-providing)",
    "43": "Deputy manager",
    "45": "Team leader",
}


def test_managers_and_team_leaders_are_kept_with_their_role_as_job_title() -> None:
    rows = [worker(UNIQUEWORKERID=f"M{code}", MAINJOBROLE=code, AMHP="") for code in MANAGER_ROLES]
    result = read(*rows)
    kept = by_id(result)
    assert sorted(kept) == sorted(f"M{code}" for code in MANAGER_ROLES)
    for code, title in MANAGER_ROLES.items():
        w = kept[f"M{code}"]
        assert w.job_title == title  # type: ignore[attr-defined]
        # nothing in the file says they are in a profession that may be approved as an AMHP
        assert w.profession is Profession.OTHER  # type: ignore[attr-defined]
        assert w.pcf_level is None and not w.has_amhp_record()  # type: ignore[attr-defined]
    assert result.counts.imported == len(MANAGER_ROLES)
    assert not [p for p in result.problems if p.severity == "error"]


def test_a_manager_qualified_in_a_profession_takes_that_profession_from_the_file() -> None:
    result = read(
        # QUALACH 16 is the social work degree (UK), 28 any registered nursing qualification,
        # 27 any professional occupational therapy qualification (backend/reference/
        # qualifications.js with the titles of backend/migrations' qualification update)
        worker(UNIQUEWORKERID="TM1", MAINJOBROLE="3", AMHP="", QUALACH01="16;2004"),
        worker(UNIQUEWORKERID="TM2", MAINJOBROLE="45", AMHP="", QUALACH02="28;1999"),
        worker(UNIQUEWORKERID="TM3", MAINJOBROLE="2", AMHP="", QUALACH01="27;2010"),
    )
    kept = by_id(result)
    assert kept["TM1"].profession is Profession.SOCIAL_WORKER  # type: ignore[attr-defined]
    assert kept["TM1"].job_title == "First-line manager"  # type: ignore[attr-defined]
    assert kept["TM2"].profession is Profession.NURSE  # type: ignore[attr-defined]
    assert kept["TM3"].profession is Profession.OCCUPATIONAL_THERAPIST  # type: ignore[attr-defined]
    said = [p.message for p in result.problems if p.staff_id == "TM1" and p.column == "QUALACH01"]
    assert any("social work" in m.lower() for m in said), said


def test_people_in_other_roles_are_kept_and_not_counted_as_social_workers() -> None:
    result = read(
        worker(UNIQUEWORKERID="A1", MAINJOBROLE="25", AMHP=""),  # Administrative
        worker(UNIQUEWORKERID="S1"),
    )
    kept = by_id(result)
    assert kept["A1"].job_title == "Administrative"  # type: ignore[attr-defined]
    assert kept["A1"].profession is Profession.OTHER  # type: ignore[attr-defined]
    assert result.service is not None
    report = analyse(result.service)
    # the administrator owes no professional supervision and is in no AMHP pool
    assert {i.staff_id for i in report.supervision.issues if i.rule == "no_supervisor"} == {"S1"}


def test_an_unknown_job_role_code_is_an_error_on_its_row() -> None:
    result = read(worker(UNIQUEWORKERID="X1", MAINJOBROLE="99"), worker(UNIQUEWORKERID="S1"))
    assert sorted(by_id(result)) == ["S1"]
    said = on_row(result, 2, "MAINJOBROLE")
    assert said and said[0][0] == "error" and "99" in said[0][1]


# --- AMHP: read for social workers only, as ASC-WDS does ----------------------------------


def test_amhp_1_makes_a_social_worker_an_amhp_with_unknown_dates() -> None:
    result = read(
        worker(UNIQUEWORKERID="S1", AMHP="1"),
        worker(UNIQUEWORKERID="S2", AMHP="1"),
        worker(UNIQUEWORKERID="S3", AMHP="2"),
        worker(UNIQUEWORKERID="S4", AMHP="999"),
    )
    kept = by_id(result)
    assert [kept[s].amhp for s in ("S1", "S2", "S3", "S4")] == [  # type: ignore[attr-defined]
        True,
        True,
        False,
        None,
    ]
    assert result.service is not None
    report = analyse(result.service)
    assert report.amhp.headcount == 2  # was 0: the answer sat in an extra column
    warned = [p for p in check_service(result.service, default_policy()) if p.staff_id == "S1"]
    assert any("AMHP" in p.message for p in warned), warned


def test_amhp_outside_role_6_is_a_warning_and_ignored_as_ascwds_does() -> None:
    result = read(
        worker(UNIQUEWORKERID="L1", MAINJOBROLE="3", AMHP="1"),  # a first-line manager
        worker(UNIQUEWORKERID="N1", MAINJOBROLE="16", AMHP="1", NMCREG="2"),
    )
    kept = by_id(result)
    assert kept["L1"].amhp is None and kept["N1"].amhp is None  # type: ignore[attr-defined]
    for row in (2, 3):
        said = on_row(result, row, "AMHP")
        assert said and said[0][0] == "warning" and "social worker" in said[0][1].lower()


def test_an_amhp_answer_that_is_not_a_code_is_a_warning_and_ignored() -> None:
    result = read(worker(UNIQUEWORKERID="S1", AMHP="Y"))
    assert by_id(result)["S1"].amhp is None  # type: ignore[attr-defined]
    assert on_row(result, 2, "AMHP")[0][0] == "warning"


# --- QUALACH 104: the AMHP qualification -------------------------------------------------


def test_qualach_104_is_kept_as_the_amhp_qualification_year() -> None:
    result = read(
        worker(UNIQUEWORKERID="S1", AMHP="1", QUALACH01="104;2019"),
        worker(UNIQUEWORKERID="S2", AMHP="2", QUALACH03="104;2012", QUALACH03NOTES="lapsed"),
    )
    kept = by_id(result)
    s1, s2 = kept["S1"], kept["S2"]
    assert s1.amhp_qualified_year == 2019  # type: ignore[attr-defined]
    assert s2.amhp_qualified_year == 2012  # type: ignore[attr-defined]
    # a qualification is not an approval: no approved-on date is made up from it
    assert s1.amhp_approved_on is None and s1.amhp_approval_expires is None  # type: ignore[attr-defined]
    assert result.service is not None
    assert "amhp_qualified_year" in result.to_json()["workers"][0]
    # the import says what it read
    said = on_row(result, 2, "QUALACH01")
    assert said and "2019" in said[0][1] and "AMHP" in said[0][1]


def test_a_qualification_with_an_unreadable_year_is_a_warning_and_the_person_kept() -> None:
    result = read(
        worker(UNIQUEWORKERID="S1", QUALACH01="104;20x9"),
        worker(UNIQUEWORKERID="S2", QUALACH01="104"),
    )
    kept = by_id(result)
    assert sorted(kept) == ["S1", "S2"]
    assert kept["S1"].amhp_qualified_year is None  # type: ignore[attr-defined]
    assert [s for s, _ in on_row(result, 2, "QUALACH01")] == ["warning"]
    assert [s for s, _ in on_row(result, 3, "QUALACH01")] == ["warning"]


def test_extra_qualification_columns_are_read_too() -> None:
    headers = [*HEADERS, "QUALACH04", "QUALACH04NOTES"]
    data = asc_file(worker(UNIQUEWORKERID="S1", QUALACH04="104;2021"), headers=headers)
    result = load(data, "workers.csv", population=250_000)
    assert result.service is not None
    assert result.service.workers[0].amhp_qualified_year == 2021


# --- "Admin" and unreadable dates are warnings -----------------------------------------------


def test_admin_in_dob_and_ninumber_keeps_the_worker_with_a_warning() -> None:
    result = read(worker(UNIQUEWORKERID="S1", DOB="Admin", NINUMBER="Admin"))
    s1 = by_id(result)["S1"]
    assert s1.birth_year is None  # type: ignore[attr-defined]
    said = on_row(result, 2, "DOB")
    assert said and said[0][0] == "warning" and "Admin" in said[0][1]
    assert not [p for p in result.problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("DOB", "31/02/1980"),
        ("DOB", "1980-05-17x"),
        ("STARTDATE", "31/02/2020"),
        ("DOB", "01/01/2024"),
    ],
)
def test_unreadable_or_impossible_dates_are_warnings_and_the_worker_kept(
    column: str, value: str
) -> None:
    result = read(worker(UNIQUEWORKERID="S1", **{column: value}))
    assert "S1" in by_id(result)
    said = on_row(result, 2, column)
    assert said and all(s == "warning" for s, _ in said), said


# --- STATUS ----------------------------------------------------------------------------------


def test_status_delete_is_left_out_with_a_note_and_the_others_imported() -> None:
    statuses = ["NEW", "UPDATE", "UNCHECKED", "NOCHANGE", "DELETE", "CHGSUB", "update"]
    result = read(*(worker(UNIQUEWORKERID=f"W{i}", STATUS=s) for i, s in enumerate(statuses)))
    assert sorted(by_id(result)) == ["W0", "W1", "W2", "W3", "W5", "W6"]
    said = on_row(result, 6, "STATUS")
    assert said and said[0][0] == "warning" and "DELETE" in said[0][1]


def test_a_status_ascwds_does_not_know_is_an_error_on_its_row() -> None:
    result = read(worker(UNIQUEWORKERID="W1", STATUS="REMOVE"), worker(UNIQUEWORKERID="W2"))
    assert sorted(by_id(result)) == ["W2"]
    said = on_row(result, 2, "STATUS")
    assert said and said[0][0] == "error" and "REMOVE" in said[0][1]


# --- CHGUNIQUEWRKID --------------------------------------------------------------------------


def test_chguniquewrkid_gives_the_worker_their_new_id(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'planner.db'}") as store:
        _renamed_once_saved(store)


def _renamed_once_saved(store: Store) -> None:
    first = read(worker(UNIQUEWORKERID="W1", DISPLAYID="Ann Lee"), worker(UNIQUEWORKERID="W2"))
    assert first.service is not None
    saved = store.save(first.service, by="HR", note="first")
    second = read(
        worker(UNIQUEWORKERID="W1", CHGUNIQUEWRKID="P-0001", DISPLAYID="Ann Lee", STATUS="UPDATE"),
        worker(UNIQUEWORKERID="W2", STATUS="NOCHANGE"),
    )
    assert sorted(by_id(second)) == ["P-0001", "W2"]
    assert second.renamed == {"P-0001": "W1"}
    preview = store.preview(second.service, saved.service_id, renamed=second.renamed)  # type: ignore[arg-type]
    # one person whose id changed, not a leaver and a joiner
    assert not preview.diff.joiners and not preview.diff.leavers
    (change,) = preview.diff.changed
    assert change.staff_id == "P-0001"
    fc = change.field("staff_id")
    assert fc is not None and (fc.old, fc.new) == ("W1", "P-0001")
    store.confirm(preview, by="HR", note="second")
    latest = store.latest(saved.service_id)
    assert latest is not None
    assert sorted(w.staff_id for w in latest.service.workers) == ["P-0001", "W2"]


# --- hours by EMPLSTATUS ---------------------------------------------------------------------


def test_hours_are_read_by_employment_status_as_the_validator_reads_them() -> None:
    result = read(
        # permanent: contracted hours; AVGHOURS is ignored with a warning
        worker(UNIQUEWORKERID="P1", EMPLSTATUS="1", CONTHOURS="18.5", AVGHOURS="30"),
        # agency: average hours; CONTHOURS is ignored with a warning
        worker(UNIQUEWORKERID="A1", EMPLSTATUS="4", CONTHOURS="37", AVGHOURS="15", ZEROHRCONT=""),
        # pool/bank and other: average hours too
        worker(UNIQUEWORKERID="B1", EMPLSTATUS="3", CONTHOURS="", AVGHOURS="7.5"),
        worker(UNIQUEWORKERID="O1", EMPLSTATUS="7", CONTHOURS="", AVGHOURS="22"),
        # temporary: contracted hours
        worker(UNIQUEWORKERID="T1", EMPLSTATUS="2", CONTHOURS="30"),
    )
    kept = by_id(result)
    fte = {k: round(w.fte, 4) for k, w in kept.items()}  # type: ignore[attr-defined]
    assert fte == {
        "P1": 0.5,
        "A1": round(15 / 37, 4),
        "B1": round(7.5 / 37, 4),
        "O1": round(22 / 37, 4),
        "T1": round(30 / 37, 4),
    }
    assert kept["A1"].contract is Contract.AGENCY  # type: ignore[attr-defined]
    assert on_row(result, 2, "AVGHOURS")[0][0] == "warning"
    assert on_row(result, 3, "CONTHOURS")[0][0] == "warning"


@pytest.mark.parametrize("hours", ["80", "999", "abc", "-3"])
def test_hours_ascwds_ignores_leave_fte_1_with_a_warning(hours: str) -> None:
    result = read(worker(UNIQUEWORKERID="P1", CONTHOURS=hours))
    assert by_id(result)["P1"].fte == 1.0  # type: ignore[attr-defined]
    assert all(p.severity == "warning" for p in result.problems if p.row == 2)


# --- the column mapping in --json ------------------------------------------------------------


def test_json_lists_every_heading_and_what_it_was_read_as() -> None:
    result = read(worker(UNIQUEWORKERID="S1", AMHP="1", QUALACH01="104;2019"))
    columns = {c["heading"]: c for c in result.to_json()["columns"]}
    assert list(columns) == HEADERS
    assert columns["UNIQUEWORKERID"]["field"] == "staff_id"
    assert columns["DOB"]["field"] == "birth_year"
    assert columns["AMHP"]["field"] == "amhp"
    assert columns["QUALACH01"]["field"] == "amhp_qualified_year"
    assert columns["NINUMBER"]["field"] is None
    assert all(c["read_as"] for c in columns.values())
    assert "not kept" in columns["NINUMBER"]["read_as"].lower()


def test_the_cli_prints_the_ascwds_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "workers.csv"
    path.write_bytes(asc_file(worker(UNIQUEWORKERID="S1")))
    main(["import", str(path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert [c["heading"] for c in out["columns"]] == HEADERS


# --- a realistic file ------------------------------------------------------------------------


def test_a_realistic_council_file_keeps_the_managers_and_counts_its_amhps() -> None:
    rows = [
        # the AMHP service lead: a first-line manager, qualified as an AMHP in 2014. ASC-WDS
        # takes AMHP only for main job role 6, so her AMHP=1 is a warning, her qualification kept.
        worker(
            LOCALESTID="NB-AMHP",
            UNIQUEWORKERID="1001",
            DISPLAYID="Pat Lead",
            MAINJOBROLE="3",
            AMHP="1",
            QUALACH01="16;1998",
            QUALACH02="104;2014",
            DOB="Admin",
        ),
        # a team manager, a nurse by qualification
        worker(
            UNIQUEWORKERID="1002",
            DISPLAYID="Tom Mgr",
            MAINJOBROLE="4",
            AMHP="",
            QUALACH01="28;2001",
        ),
        # social workers, two of them AMHPs qualified in 2019 and 2021
        worker(
            LOCALESTID="NB-AMHP",
            UNIQUEWORKERID="1003",
            DISPLAYID="Sam Amhp",
            AMHP="1",
            QUALACH01="104;2019",
        ),
        worker(
            UNIQUEWORKERID="1004",
            DISPLAYID="Kim Amhp",
            AMHP="1",
            QUALACH01="16;2015",
            QUALACH02="104;2021",
            EMPLSTATUS="2",
            CONTHOURS="22.5",
        ),
        worker(UNIQUEWORKERID="1005", DISPLAYID="Lee Sw", AMHP="2", DOB="Admin"),
        worker(
            UNIQUEWORKERID="1006",
            DISPLAYID="Ash Agency",
            AMHP="999",
            EMPLSTATUS="4",
            CONTHOURS="",
            AVGHOURS="30",
            ZEROHRCONT="",
        ),
        # an OT, an administrator, and someone ASC-WDS is told to delete
        worker(UNIQUEWORKERID="1007", DISPLAYID="Ola Ot", MAINJOBROLE="15", AMHP=""),
        worker(UNIQUEWORKERID="1008", DISPLAYID="Ada Admin", MAINJOBROLE="25", AMHP=""),
        worker(UNIQUEWORKERID="1009", DISPLAYID="Gone Person", STATUS="DELETE"),
    ]
    result = read(*rows)
    kept = by_id(result)
    assert sorted(kept) == [f"100{i}" for i in range(1, 9)]
    assert not [p for p in result.problems if p.severity == "error"]
    lead, manager = kept["1001"], kept["1002"]
    assert (lead.job_title, lead.profession) == ("First-line manager", Profession.SOCIAL_WORKER)  # type: ignore[attr-defined]
    assert lead.amhp is None and lead.amhp_qualified_year == 2014  # type: ignore[attr-defined]
    assert (manager.job_title, manager.profession) == ("Registered manager", Profession.NURSE)  # type: ignore[attr-defined]
    assert result.service is not None
    report = analyse(result.service, as_of=date(2026, 11, 1))
    assert report.amhp.headcount == 2
    assert {t.name for t in result.service.teams} == {"NB-AMHP", "NB-CMHT"}
    assert result.counts.rows_read == 9 and result.counts.imported == 8


def test_the_files_the_codes_come_from_are_cited_in_sources() -> None:
    from planner.reference.framework import load_framework
    from planner.roster.reading.ascwds import spec

    cited = set(load_framework().sources["skills-for-care-asc-wds"].files)
    named = {
        p for ref in spec().references.values() for p in ref.replace(",", " ").split() if "/" in p
    }
    assert named <= cited, named - cited
    assert list(spec().columns) == [h for h in HEADERS if not h.startswith("QUALACH")]
