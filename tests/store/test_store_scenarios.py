"""Saved scenarios: by name within a service, replaced on a second save, audited, deleted."""

from __future__ import annotations

from datetime import date

import pytest

from planner.store.scenarios import (
    ScenarioNotFound,
    delete_scenario,
    list_scenarios,
    load_scenario,
    save_scenario,
)
from planner.store.snapshots import Store, StoreError
from planner.whatif.scenarios import Leaves, PolicyChange, Scenario
from planner.workforce.demo import load_demo

WINTER = Scenario(
    name="Winter",
    edits=(Leaves(staff_id="NB020", planned_leaving_date=date(2027, 1, 31)),),
)


def test_save_list_load_replace_and_delete(store: Store) -> None:
    snap = store.save(load_demo(), by="Priya", note="first import")
    info = save_scenario(store, snap.service_id, WINTER, by="Priya")
    assert info.base_snapshot_id == snap.id and info.edits == 1
    assert load_scenario(store, snap.service_id, "Winter") == WINTER.model_copy(
        update={"base_snapshot_id": snap.id}
    )

    tighter = WINTER.model_copy(
        update={"edits": (*WINTER.edits, PolicyChange(name="min_amhps_per_shift", value=2))}
    )
    again = save_scenario(store, snap.service_id, tighter, by="Sam")
    listed = list_scenarios(store, snap.service_id)
    assert [(s.name, s.edits, s.created_by) for s in listed] == [("Winter", 2, "Sam")]
    assert again.id == info.id
    assert load_scenario(store, snap.service_id, "Winter").edits == tighter.edits

    delete_scenario(store, snap.service_id, "Winter", by="Priya")
    assert list_scenarios(store, snap.service_id) == []
    with pytest.raises(ScenarioNotFound, match="no scenario called 'Winter'"):
        load_scenario(store, snap.service_id, "Winter")
    actions = [(e.action, e.actor) for e in store.audit_log(snap.service_id)]
    assert actions[:3] == [("scenario", "Priya"), ("scenario", "Sam"), ("scenario", "Priya")]
    assert store.snapshots(snap.service_id)[-1].id == snap.id  # the baseline is untouched


def test_a_scenario_needs_a_snapshot_of_its_own_service(store: Store) -> None:
    first = store.save(load_demo(), by="Priya", note="first import")
    other = store.save(load_demo().model_copy(update={"name": "Other"}), by="Priya", note="x")
    with pytest.raises(StoreError, match="not a snapshot of service"):
        save_scenario(
            store,
            other.service_id,
            WINTER.model_copy(update={"base_snapshot_id": first.id}),
            by="P",
        )
    assert list_scenarios(store, other.service_id) == []
