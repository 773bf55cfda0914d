"""What the Import / export and History pages show, built without Streamlit: an upload read into
counts and a problem table against rows and columns, the difference against the latest snapshot,
where the import is saved, and the files HR downloads."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.present import import_export as ie
from planner.roster.reading.importer import RosterImport
from planner.store.records import ServiceRecord
from planner.store.snapshots import Store
from planner.whatif.diff import ServiceDiff
from planner.workforce.demo import load_demo
from planner.workforce.models import Service
from tests.conftest import ROOT

MESSY = ROOT / "tests" / "data" / "messy_roster.xlsx"


@pytest.fixture(scope="module")
def messy() -> RosterImport:
    return ie.read_upload(MESSY.read_bytes(), MESSY.name, today=date(2026, 11, 1))


def test_every_row_read_is_imported_or_left_out_with_its_error(messy: RosterImport) -> None:
    found = ie.outcome(messy)
    assert (found.rows_read, found.imported, found.left_out) == (12, 9, (10, 17, 18))
    assert found.rows_read == found.imported + len(found.left_out)
    errors = {r["Row"] for r in ie.problem_table(messy) if r["Severity"] == "Error"}
    assert set(found.left_out) <= errors
    assert found.headline == (
        "9 of 12 rows imported; 3 left out because of an error (row 10, 17, 18)."
    )


def test_each_problem_is_shown_against_its_row_and_column(messy: RosterImport) -> None:
    table = ie.problem_table(messy)
    assert len(table) == len(messy.problems)
    by_row = {(r["Row"], r["Column"]): r for r in table}
    assert by_row[(17, "Date started")]["Problem"] == (
        "Date started: '31/02/2024' is not a real date."
    )
    assert by_row[(11, "Supervisor")]["Value"] == "X99"
    assert by_row[(18, "PCF Level")]["Severity"] == "Error"
    # the problem about the whole file has no row and comes last
    assert table[-1]["Row"] is None and "Service sheet" in str(table[-1]["Problem"])


def test_columns_the_planner_does_not_read_are_listed(messy: RosterImport) -> None:
    assert [r["Column"] for r in ie.unused_columns(messy)] == ["Grade", "Cost centre"]


def test_progress_is_reported_from_start_to_finish() -> None:
    seen: list[float] = []
    ie.read_upload(MESSY.read_bytes(), MESSY.name, progress=lambda done, what: seen.append(done))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) >= 4


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"PK\x03\x04 not really a zip", "roster.xlsx", "damaged"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "hr.xlsx",
            "password",
        ),
        (b"%PDF-1.7 a letter", "roster.xlsx", "PDF"),
        (b"Staff ID,Name\nM1,Ann\n", "roster.docx", ".xlsx"),
        (b"", "empty.csv", "empty"),
    ],
)
def test_a_bad_file_gets_a_plain_sentence(data: bytes, name: str, says: str) -> None:
    result = ie.read_upload(data, name)
    assert result.service is None and result.unusable is not None
    assert says in result.unusable and name in result.unusable
    assert "Traceback" not in result.unusable and result.unusable.endswith(".")


def _edited(base: Service) -> Service:
    """The demo with its first worker gone, one joiner, and the second worker re-graded."""
    first, second, *rest = base.workers
    promoted = second.model_copy(update={"pcf_level": "strategic"})
    joiner = second.model_copy(update={"staff_id": "NEW1", "name": "Pat New"})
    return base.model_copy(update={"workers": (promoted, *rest, joiner)})


def test_the_difference_against_the_latest_snapshot_names_joiners_leavers_and_changes() -> None:
    demo = load_demo()
    with Store.open() as db:
        db.save(demo, by="test", note="first")
        preview = db.preview(_edited(demo))
    diff = preview.diff
    assert ie.diff_headline(diff) == "1 joining, 1 leaving, 1 with changed details."
    assert [r["Staff ID"] for r in ie.people_table(diff.joiners)] == ["NEW1"]
    assert [r["Staff ID"] for r in ie.people_table(diff.leavers)] == [demo.workers[0].staff_id]
    [change] = ie.change_table(diff)
    assert (change["Staff ID"], change["What"], change["After"]) == (
        demo.workers[1].staff_id,
        "PCF level",
        "strategic",
    )
    assert ie.category_table(diff) == [{"What changed": "PCF level", "People": 1}]
    assert ie.diff_headline(ServiceDiff()) == "Nothing has changed since the latest snapshot."


def _record(i: int, name: str) -> ServiceRecord:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    return ServiceRecord(
        id=i, name=name, created_at=now, snapshots=1, latest_snapshot_id=i, latest_at=now
    )


def test_an_import_goes_to_the_service_it_names_else_the_one_in_use() -> None:
    demo = load_demo()
    services = [_record(1, demo.name), _record(2, "messy_roster")]
    options, chosen = ie.targets(services, demo, current_id=2, named_in_file=True)
    assert options[chosen].service_id == 1
    csv = demo.model_copy(update={"name": "november"})
    options, chosen = ie.targets(services, csv, current_id=2, named_in_file=False)
    assert options[chosen].service_id == 2
    options, chosen = ie.targets(services, csv, current_id=2, named_in_file=True)
    assert options[chosen].service_id is None and "november" in options[chosen].label


@given(
    names=st.lists(st.sampled_from(["A", "B", "C", "D"]), unique=True, max_size=4),
    incoming=st.sampled_from(["A", "B", "E"]),
    current=st.integers(0, 5),
    named=st.booleans(),
)
def test_the_default_target_is_always_one_of_the_options(
    names: list[str], incoming: str, current: int, named: bool
) -> None:
    services = [_record(i, n) for i, n in enumerate(names)]
    service = load_demo().model_copy(update={"name": incoming})
    options, chosen = ie.targets(services, service, current, named)
    assert 0 <= chosen < len(options)
    if incoming in names:
        assert options[chosen].service_id == names.index(incoming)
        assert all(t.service_id is not None for t in options)  # no second service of that name


def test_the_roster_export_imports_back_unchanged() -> None:
    demo = load_demo()
    again = ie.read_upload(ie.roster_xlsx(demo), "export.xlsx")
    assert again.service is not None and again.service.workers == demo.workers
    csv_bytes = ie.roster_csv_bytes(demo)
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    from_csv = ie.read_upload(csv_bytes, "export.csv")
    assert from_csv.service is not None
    assert [w.staff_id for w in from_csv.service.workers] == [w.staff_id for w in demo.workers]


def test_the_problem_report_lists_every_problem(messy: RosterImport) -> None:
    report = ie.problem_workbook_xlsx(MESSY.read_bytes(), messy)
    wb = openpyxl.load_workbook(io.BytesIO(report), read_only=True)
    rows = list(wb["Problems"].iter_rows(values_only=True))
    wb.close()
    assert len(rows) == 1 + len(messy.problems)


def test_the_template_is_a_workbook_with_the_roster_sheet() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(ie.template_xlsx()), read_only=True)
    assert wb.sheetnames[0] == "Roster"
    wb.close()


def test_snapshots_are_listed_newest_first() -> None:
    demo = load_demo()
    with Store.open() as db:
        db.save(demo, by="Ann", note="first")
        db.save(_edited(demo), by="Bo", note="second", kind="edit")
        table = ie.snapshot_table(db.snapshots())
    assert [(r["Snapshot"], r["Who"], r["Kind"], r["Note"]) for r in table] == [
        (2, "Bo", "edit", "second"),
        (1, "Ann", "import", "first"),
    ]
    assert table[0]["Headcount"] == len(demo.workers)
