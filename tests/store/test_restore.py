"""Undo: an earlier snapshot saved again as the newest (issue 20), audited, with the removal
guard, from the store, the command line and the History page."""

from __future__ import annotations

import json

import pytest

from planner.cli.main import main
from planner.store.connection import ENV_VAR, StoreError
from planner.store.records import RemovalNotConfirmed
from planner.store.snapshots import Store
from planner.workforce.demo import load_demo


def _wrong_import(store: Store) -> tuple[int, int]:
    """A good snapshot, then an import that kept only three people."""
    demo = load_demo()
    good = store.save(demo, by="HR", note="November roster")
    preview = store.preview(demo.with_workers(demo.workers[:3]), good.service_id)
    wrong = store.confirm(
        preview, by="HR", note="wrong file", leavers_confirmed=len(preview.diff.leavers)
    )
    return good.id, wrong.id


def test_restoring_saves_the_earlier_snapshot_again_and_audits_it(store: Store) -> None:
    good, wrong = _wrong_import(store)
    n = len(load_demo().workers)
    restored = store.restore(good, by="Priya", note="undo the wrong file")
    assert restored.kind == "restore" and restored.headcount == n
    assert restored.number == 3 and "snapshot 1" in (restored.source or "")
    latest = store.latest(restored.service_id)
    assert latest is not None and latest.service == store.load(good).service
    assert store.load(wrong).info.headcount == 3  # nothing deleted
    (entry, *_) = store.audit_log(restored.service_id)
    assert (entry.action, entry.actor) == ("restore", "Priya")


def test_restoring_the_newest_or_a_small_snapshot_over_a_large_one_is_guarded(store: Store) -> None:
    good, wrong = _wrong_import(store)
    with pytest.raises(StoreError, match="already the newest"):
        store.restore(wrong, by="Priya", note="no-op")
    store.restore(good, by="Priya", note="undo")
    # restoring the three-person snapshot now would remove most people: a second confirmation
    with pytest.raises(RemovalNotConfirmed):
        store.restore(wrong, by="Priya", note="redo the mistake")
    leaving = len(store.restore_preview(wrong).diff.leavers)
    assert store.restore(wrong, by="Priya", note="redo", leavers_confirmed=leaving).headcount == 3


def test_the_command_line_restores(
    store: Store, monkeypatch: pytest.MonkeyPatch, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_VAR, db_url)
    good, _ = _wrong_import(store)
    code = main(["restore", str(good), "--note", "undo", "--by", "Priya", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["saved"]["kind"] == "restore"
    assert out["saved"]["headcount"] == len(load_demo().workers)
    assert main(["restore", "999", "--note", "x"]) == 2
