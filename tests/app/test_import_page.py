"""The app keeps its work in the store, and the Import / export and History pages, run headless
with AppTest. Every test has its own database (tests/conftest.py), so restarting the app is a new
AppTest on the same file."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.demo import load_demo
from planner.store import Store
from tests.conftest import ROOT

MESSY = ROOT / "tests" / "data" / "messy_roster.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(path: str = "pages/import_export.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    at.switch_page(path).run()
    assert not at.exception
    return at


def _upload(at: AppTest, name: str, data: bytes, mime: str = XLSX) -> AppTest:
    at.file_uploader[0].set_value((name, data, mime)).run()
    assert not at.exception
    return at


def _snapshots() -> list[tuple[str, str, str, str]]:
    with Store.open() as db:
        return [(s.service_name, s.kind, s.note, s.created_by) for s in db.snapshots()]


def test_a_first_run_saves_the_demo_service_as_the_first_snapshot() -> None:
    _page("pages/overview.py")
    assert _snapshots() == [(load_demo().name, "import", "demo service", "planner")]


def test_an_upload_is_previewed_with_its_problems_and_saves_nothing_until_confirmed() -> None:
    at = _upload(_page(), MESSY.name, MESSY.read_bytes())
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Rows read"], metrics["Imported"], metrics["Left out"]) == ("12", "10", "2")
    problems = at.dataframe(key="problem_table").value
    assert {17, 18} <= set(problems["Row"].dropna().astype(int))
    assert "Date started: '31/02/2024' is not a real date." in set(problems["Problem"])
    assert any("left out because of an error (row 17, 18)" in m.value for m in at.markdown)
    assert any(b.label == "Confirm import" for b in at.button)
    assert len(_snapshots()) == 1  # previewing wrote nothing


def test_confirming_saves_a_snapshot_that_survives_a_restart() -> None:
    at = _upload(_page(), MESSY.name, MESSY.read_bytes())
    at.text_input[0].set_value("November HR roster")
    next(b for b in at.button if b.label == "Confirm import").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Saved snapshot 1 of messy_roster: 10 workers."]
    assert _snapshots()[-1] == ("messy_roster", "import", "November HR roster", "local user")
    # the app now shows what was imported
    at.switch_page("pages/overview.py").run()
    assert at.title[0].value == "messy_roster"

    restarted = _page("pages/history.py")
    assert not restarted.exception
    assert len(_snapshots()) == 2
    choice = restarted.selectbox(key="service_id")
    assert choice.options == [load_demo().name, "messy_roster"]
    choice.set_value(2).run()
    table = restarted.dataframe(key="snapshots").value
    assert list(table["Note"]) == ["November HR roster"]


def test_a_damaged_file_gets_a_plain_message_not_a_traceback() -> None:
    at = _upload(_page(), "roster.xlsx", b"PK\x03\x04 this is not a workbook")
    assert any("roster.xlsx" in e.value and "damaged" in e.value for e in at.error)
    assert not at.exception and len(_snapshots()) == 1


def test_the_history_page_compares_two_snapshots() -> None:
    demo = load_demo()
    with Store.open() as db:
        db.save(demo, by="planner", note="demo service")
        first, second, *rest = demo.workers
        promoted = second.model_copy(update={"pcf_level": "strategic"})
        db.save(demo.model_copy(update={"workers": (promoted, *rest)}), by="Ann", note="re-graded")
    at = _page("pages/history.py")
    assert list(at.dataframe(key="snapshots").value["Who"]) == ["Ann", "planner"]
    assert any("1 leaving, 1 with changed details" in m.value for m in at.markdown)
    categories = at.dataframe(key="categories").value
    assert list(categories["What changed"]) == ["PCF level"]
    assert list(at.dataframe(key="changes").value["Staff ID"]) == [second.staff_id]


def test_an_older_snapshot_can_be_viewed_read_only() -> None:
    demo = load_demo()
    with Store.open() as db:
        db.save(demo, by="planner", note="demo service")
        db.save(demo.model_copy(update={"workers": demo.workers[:-1]}), by="Ann", note="one left")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Workers"] == str(len(demo.workers) - 1)
    picker = at.selectbox(key="snapshot_id")
    picker.set_value(1).run()  # the first snapshot's id
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Workers"] == str(len(demo.workers))
    assert any("read-only" in i.value for i in at.info)
