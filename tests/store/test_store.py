"""Saving, listing and loading snapshots, the preview-then-confirm flow and the audit log."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from planner.store.schema import audit_log, snapshot_workers, snapshots
from planner.store.snapshots import (
    AuditAction,
    ConcurrentSave,
    ServiceNotFound,
    SnapshotNotFound,
    Store,
    StoreError,
)
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service


def promoted(service: Service, staff_id: str, level: str) -> Service:
    return service.with_workers(
        tuple(
            w.model_copy(update={"pcf_level": level}) if w.staff_id == staff_id else w
            for w in service.workers
        )
    )


def row_counts(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(snapshots)).scalar_one(),
            conn.execute(select(func.count()).select_from(snapshot_workers)).scalar_one(),
            conn.execute(select(func.count()).select_from(audit_log)).scalar_one(),
        )


def test_a_saved_service_loads_back_exactly(store: Store) -> None:
    demo = load_demo()
    before = datetime.now(UTC)
    info = store.save(demo, by="Priya (HR)", note="monthly roster", source="roster-nov.xlsx")
    loaded = store.load(info.id)
    assert loaded.service == demo
    assert loaded.info == info
    assert (info.created_by, info.kind, info.source, info.note) == (
        "Priya (HR)",
        "import",
        "roster-nov.xlsx",
        "monthly roster",
    )
    assert info.created_at.tzinfo is UTC
    assert before - timedelta(seconds=1) <= info.created_at <= datetime.now(UTC)
    assert (info.headcount, info.amhps, info.as_of) == (36, 12, demo.as_of)


def test_every_save_adds_a_snapshot_and_none_is_overwritten(store: Store) -> None:
    demo = load_demo()
    first = store.save(demo, by="HR", note="first import")
    changed = promoted(demo, demo.workers[5].staff_id, "advanced")
    second = store.save(changed, by="PSW", note="promotion agreed", kind="edit")
    third = store.save(changed, by="HR", note="re-import, nothing changed")
    listed = store.snapshots(first.service_id)
    assert [s.id for s in listed] == [first.id, second.id, third.id]
    assert [s.number for s in listed] == [1, 2, 3]
    assert store.load(first.id).service == demo
    assert store.load(second.id).service == changed
    latest = store.latest(first.service_id)
    assert latest is not None and latest.info.id == third.id


def test_services_are_kept_apart_by_name(store: Store) -> None:
    demo = load_demo()
    other = generate_service(30, seed=4)
    a = store.save(demo, by="HR", note="demo")
    b = store.save(other, by="HR", note="synthetic")
    store.save(demo, by="HR", note="demo again")
    records = {r.name: r for r in store.services()}
    assert records[demo.name].snapshots == 2 and records[other.name].snapshots == 1
    assert a.service_id != b.service_id
    assert [s.note for s in store.snapshots(a.service_id)] == ["demo", "demo again"]
    assert store.find_service(other.name) == b.service_id


def test_a_renamed_service_can_continue_its_history(store: Store) -> None:
    demo = load_demo()
    first = store.save(demo, by="HR", note="old name")
    renamed = demo.model_copy(update={"name": "Northbridge AMH Social Work"})
    second = store.save(renamed, by="HR", note="renamed", service_id=first.service_id)
    assert second.service_id == first.service_id and second.number == 2
    assert second.service_name == "Northbridge AMH Social Work"


def test_snapshots_survive_closing_and_reopening(db_url: str) -> None:
    with Store.open(db_url) as store:
        info = store.save(load_demo(), by="HR", note="before restart")
    with Store.open(db_url) as reopened:
        assert [s.id for s in reopened.snapshots()] == [info.id]
        assert reopened.load(info.id).service == load_demo()


def test_preview_shows_the_difference_and_writes_nothing(store: Store) -> None:
    demo = load_demo()
    base = store.save(demo, by="HR", note="first")
    leaver = demo.workers[3].staff_id
    incoming = demo.without(leaver)
    counts = row_counts(store)
    preview = store.preview(incoming)
    assert row_counts(store) == counts
    assert preview.base == base and preview.service_id == base.service_id
    assert [w.staff_id for w in preview.diff.leavers] == [leaver]
    saved = store.confirm(preview, by="HR", note="second", source="roster-dec.xlsx")
    assert saved.number == 2 and store.load(saved.id).service == incoming


def test_preview_of_a_new_service_lists_everyone_as_joining(store: Store) -> None:
    demo = load_demo()
    preview = store.preview(demo)
    assert preview.is_new_service and preview.service_id is None
    assert len(preview.diff.joiners) == 36 and not preview.diff.leavers
    assert store.confirm(preview, by="HR", note="first").number == 1


def test_confirm_refuses_when_someone_saved_since_the_preview(store: Store) -> None:
    demo = load_demo()
    store.save(demo, by="HR", note="first")
    preview = store.preview(demo.without(demo.workers[0].staff_id))
    other = store.save(promoted(demo, demo.workers[1].staff_id, "advanced"), by="PSW", note="x")
    counts = row_counts(store)
    with pytest.raises(ConcurrentSave, match="preview again"):
        store.confirm(preview, by="HR", note="stale")
    assert row_counts(store) == counts
    latest = store.latest(other.service_id)
    assert latest is not None and latest.info.id == other.id


def test_confirming_a_new_service_twice_is_refused(store: Store) -> None:
    preview = store.preview(load_demo())
    store.confirm(preview, by="HR", note="first")
    with pytest.raises(ConcurrentSave):
        store.confirm(preview, by="HR", note="the same preview again")
    assert len(store.snapshots()) == 1


def test_saving_writes_an_audit_entry(store: Store) -> None:
    info = store.save(load_demo(), by="Priya (HR)", note="monthly", source="roster.xlsx")
    (entry,) = store.audit_log()
    assert (entry.actor, entry.action, entry.snapshot_id, entry.service_id) == (
        "Priya (HR)",
        "import",
        info.id,
        info.service_id,
    )
    assert "roster.xlsx" in entry.detail and "36 workers" in entry.detail
    assert entry.at.tzinfo is UTC


def test_exports_are_recorded_and_listed_newest_first(store: Store) -> None:
    info = store.save(load_demo(), by="HR", note="first")
    store.record(
        AuditAction.EXPORT,
        by="Commissioner",
        detail="AMHP figures workbook",
        service_id=info.service_id,
        snapshot_id=info.id,
    )
    entries = store.audit_log(service_id=info.service_id)
    assert [e.action for e in entries] == ["export", "import"]
    assert entries[0].actor == "Commissioner"
    assert store.audit_log(service_id=info.service_id + 1) == []


def test_an_audit_entry_must_name_a_real_snapshot(store: Store) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        store.record(AuditAction.EXPORT, by="HR", detail="x", snapshot_id=999)
    assert store.audit_log() == []


@pytest.mark.parametrize(("by", "note"), [("", "why"), ("HR", "   "), ("x" * 201, "why")])
def test_a_save_without_who_or_why_is_refused(store: Store, by: str, note: str) -> None:
    with pytest.raises(StoreError, match="Say|too long"):
        store.save(load_demo(), by=by, note=note)
    assert store.snapshots() == []


def test_an_unknown_snapshot_is_a_plain_error(store: Store) -> None:
    with pytest.raises(SnapshotNotFound, match="no snapshot 42"):
        store.load(42)
    with pytest.raises(ServiceNotFound, match="no service 7"):
        store.latest(7)
    with pytest.raises(ServiceNotFound, match="no service 7"):
        store.save(load_demo(), by="HR", note="to a service that is not there", service_id=7)
    assert store.snapshots() == [] and store.services() == []


def test_a_failed_save_leaves_the_store_as_it_was(store: Store) -> None:
    demo = load_demo()
    first = store.save(demo, by="HR", note="first")
    counts = row_counts(store)

    def fail_on_audit(conn: object, cursor: object, statement: str, *rest: object) -> None:
        if statement.startswith("INSERT INTO audit_log"):
            raise RuntimeError("disk full")

    event.listen(store.engine, "before_cursor_execute", fail_on_audit)
    try:
        with pytest.raises(Exception, match="disk full"):
            store.save(demo.without(demo.workers[0].staff_id), by="HR", note="second")
    finally:
        event.remove(store.engine, "before_cursor_execute", fail_on_audit)
    assert row_counts(store) == counts
    latest = store.latest(first.service_id)
    assert latest is not None and latest.info.id == first.id and latest.service == demo


def test_a_worker_history_follows_them_across_snapshots(store: Store) -> None:
    demo = load_demo()
    sid = demo.workers[5].staff_id
    old_level = demo.workers[5].pcf_level
    store.save(demo, by="HR", note="first")
    store.save(promoted(demo, sid, "advanced"), by="PSW", note="promoted", kind="edit")
    store.save(demo.without(sid), by="HR", note="left")
    history = store.worker_history(sid)
    assert [(h.number, h.pcf_level) for h in history] == [(1, old_level), (2, "advanced")]


def test_text_the_database_cannot_hold_is_still_saved_whole(store: Store) -> None:
    """PostgreSQL text refuses NUL characters; the snapshot keeps them in its document."""
    demo = load_demo()
    odd = demo.with_workers(
        (*demo.workers[:-1], demo.workers[-1].model_copy(update={"team": "Crisis\x00Team"}))
    )
    info = store.save(odd, by="HR\x00", note="odd\x00characters")
    assert store.load(info.id).service == odd


def test_simultaneous_saves_to_one_service_all_land_in_order(store: Store) -> None:
    demo = load_demo()
    first = store.save(demo, by="HR", note="first")
    edits = [promoted(demo, w.staff_id, "advanced") for w in demo.workers[2:8]]

    def save(service: Service) -> int:
        return store.save(service, by="PSW", note="edit", kind="edit").number

    with ThreadPoolExecutor(max_workers=len(edits)) as pool:
        numbers = sorted(pool.map(save, edits))
    assert numbers == list(range(2, 2 + len(edits)))
    assert [s.number for s in store.snapshots(first.service_id)] == [1, *numbers]
