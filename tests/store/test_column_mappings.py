"""Column mappings remembered per service: what the user chose is read back for the next import
of that service, and nothing else is kept."""

from __future__ import annotations

from planner.store.mappings import remember_mapping, remembered_mapping
from planner.store.snapshots import Store
from planner.workforce.demo import load_demo


def test_a_mapping_is_remembered_for_its_service_only(store: Store) -> None:
    demo = load_demo()
    first = store.save(demo, by="HR", note="first").service_id
    other = store.save(demo.model_copy(update={"name": "Other"}), by="HR", note="x").service_id
    assert remembered_mapping(store, first) == {}
    remember_mapping(
        store, first, {"Boss": "line_manager_id", "Notes": ""}, ["Boss", "Notes", "Team"], by="HR"
    )
    assert remembered_mapping(store, first) == {"Boss": "line_manager_id", "Notes": ""}
    assert remembered_mapping(store, other) == {}
    assert remembered_mapping(store, None) == {}


def test_a_new_choice_replaces_the_old_and_a_heading_left_to_the_planner_is_forgotten(
    store: Store,
) -> None:
    sid = store.save(load_demo(), by="HR", note="first").service_id
    remember_mapping(
        store, sid, {"Boss": "line_manager_id", "Grade": ""}, ["Boss", "Grade"], by="HR"
    )
    remember_mapping(store, sid, {"Boss": "supervisor_id"}, ["Boss", "Grade"], by="HR")
    assert remembered_mapping(store, sid) == {"Boss": "supervisor_id"}
    # a file without the heading leaves its remembered choice alone
    remember_mapping(store, sid, {}, ["Team"], by="HR")
    assert remembered_mapping(store, sid) == {"Boss": "supervisor_id"}
