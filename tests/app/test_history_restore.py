"""Undo in the app (issue 20): the History page restores an earlier snapshot after showing what
it changes and a second, explicit confirmation; the audit log has a page of its own."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.store.snapshots import Store
from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def _page(path: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(path).run()
    assert not at.exception
    return at


def _wrong_import() -> int:
    demo = load_demo()
    with Store.open() as db:
        good = db.save(demo, by="HR", note="November roster")
        preview = db.preview(demo.with_workers(demo.workers[:3]), good.service_id)
        db.confirm(preview, by="HR", note="wrong file", leavers_confirmed=len(preview.diff.leavers))
    return good.id


def test_a_wrong_import_is_undone_from_the_history_page() -> None:
    good = _wrong_import()
    at = _page("screens/history.py")
    at.selectbox(key="restore_pick").set_value(good).run()
    assert any("joining" in m.value for m in at.markdown)  # what the restore changes
    go = next(b for b in at.button if b.key == "restore_go")
    assert go.disabled  # not before the explicit confirmation
    at.checkbox(key="restore_ok").check().run()
    next(b for b in at.button if b.key == "restore_go").click().run()
    assert not at.exception
    n = len(load_demo().workers)
    assert any(f"restored as snapshot 3: {n} workers" in s.value for s in at.success)
    with Store.open() as db:
        assert [s.kind for s in db.snapshots()] == ["import", "import", "restore"]


def test_the_audit_log_page_lists_who_did_what() -> None:
    _wrong_import()
    at = _page("screens/audit.py")
    table = at.dataframe[0].value
    assert list(table["What"])[:2] == ["Imported", "Imported"]
    assert set(table["Who"]) >= {"HR"}
    assert not table["What"].str.contains("_").any()
