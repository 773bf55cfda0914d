"""The column-mapping step of the Import / export page, run headless with AppTest: how each
column will be read is shown before the rows are read, a person changes it, and the choice is
remembered for the service only when they confirm the import."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from planner.store.snapshots import Store
from tests.app.test_import_page import _confirm, _page, _table

CSV = "text/csv"
ROWS = [
    "Staff ID,Name,Team,FTE,PCF level,Supervisor No.,Boss,Supervisor Name",
    "NB001,Helen Okafor,North CMHT,1,Advanced social worker,,,",
    "NB002,Sam Lee,North CMHT,0.8,Experienced social worker,NB001,NB001,Helen Okafor",
]
FILE = ("hr_export.csv", ("\n".join(ROWS) + "\n").encode())


def _upload(at: AppTest, name: str = FILE[0], data: bytes = FILE[1]) -> AppTest:
    at.file_uploader[0].set_value((name, data, CSV)).run()
    assert not at.exception
    return at


def _mapping(at: AppTest) -> dict[str, tuple[str, str]]:
    table = _table(at, "Column in your file")
    return {r["Column in your file"]: (r["Read as"], r["How"]) for _, r in table.iterrows()}


def _pick(at: AppTest, heading: str) -> Any:
    return next(s for s in at.selectbox if s.label == heading)


def _read_again(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Read the file with these columns").click().run()
    assert not at.exception
    return at


def _unused(at: AppTest) -> set[str]:
    return {p for p in _table(at, "Problem")["Problem"] if "kept" in p or "not one" in p}


def test_the_mapping_is_shown_with_how_each_column_was_matched() -> None:
    at = _upload(_page())
    found = _mapping(at)
    assert found["Staff ID"] == ("Staff ID", "Template heading")
    assert found["Supervisor No."] == ("Supervisor ID", "Same words")
    assert found["Boss"] == ("Keep as your own column", "")
    assert found["Supervisor Name"][1] == "Could be Name or Supervisor ID: choose"
    assert any("1 could be one of them: choose below" in c.value for c in at.caption)
    assert _pick(at, "Boss").value == ""


def test_a_changed_mapping_is_read_and_saved_and_remembered_for_the_next_import() -> None:
    at = _upload(_page())
    assert any("'Boss' is not one the planner reads" in p for p in _unused(at))
    _pick(at, "Boss").set_value("line_manager_id")
    _pick(at, "Supervisor Name").set_value("")
    _read_again(at)
    assert _mapping(at)["Boss"] == ("Line manager ID", "Your choice")
    assert not any("'Boss'" in p for p in _unused(at))
    _confirm(at, "HR export with our own headings")
    with Store.open() as db:
        saved = db.load(db.snapshots()[-1].id).service
    assert {w.staff_id: w.line_manager_id for w in saved.workers} == {
        "NB001": None,
        "NB002": "NB001",
    }

    again = _upload(_page())  # a new session: the service in view remembers the choice
    assert _mapping(again)["Boss"] == ("Line manager ID", "Your choice")
    assert _mapping(again)["Supervisor Name"] == ("Keep as your own column", "Your choice")


def test_a_mapping_tried_but_not_imported_is_not_remembered() -> None:
    at = _upload(_page())
    _pick(at, "Boss").set_value("line_manager_id")
    _read_again(at)
    assert _mapping(at)["Boss"][0] == "Line manager ID"
    again = _upload(_page())
    assert _mapping(again)["Boss"] == ("Keep as your own column", "")


def test_a_file_without_a_column_every_row_needs_is_mapped_before_it_is_read() -> None:
    rows = [r.replace("Team,", "Home base,", 1) for r in ROWS]
    at = _upload(_page(), "no_team.csv", ("\n".join(rows) + "\n").encode())
    assert any("No column is read as Team" in w.value for w in at.warning)
    assert not at.metric and not any(b.label == "Confirm import" for b in at.button)
    _pick(at, "Home base").set_value("team")
    _read_again(at)
    assert {m.label: m.value for m in at.metric}["Imported"] == "2"
    assert any(b.label == "Confirm import" for b in at.button)
