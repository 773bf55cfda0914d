"""Settings saved per service (issue 20): the newest in use, with who and when, audited; a value
the planner no longer takes is set aside and named, never losing the others."""

from __future__ import annotations

import json

from sqlalchemy import update

from planner.reference.policy import default_policy
from planner.store.schema import policy_settings
from planner.store.settings import save_settings, saved_settings
from planner.store.snapshots import Store
from planner.workforce.demo import load_demo


def test_settings_are_kept_per_service_newest_first(store: Store) -> None:
    demo = load_demo()
    a = store.save(demo, by="HR", note="a").service_id
    b = store.save(demo.model_copy(update={"name": "Other"}), by="HR", note="b").service_id
    assert saved_settings(store, a) is None
    save_settings(store, a, default_policy().with_changes(max_supervisees=5), by="Priya")
    save_settings(store, a, default_policy().with_changes(max_supervisees=6), by="Sam")
    got = saved_settings(store, a)
    assert got is not None and got.policy.max_supervisees == 6 and got.saved_by == "Sam"
    assert got.changed == ("max_supervisees",)
    assert saved_settings(store, b) is None  # another service keeps its own
    assert [e.action for e in store.audit_log(a)][:2] == ["settings", "settings"]


def test_a_saved_value_the_planner_no_longer_takes_is_set_aside(store: Store) -> None:
    sid = store.save(load_demo(), by="HR", note="a").service_id
    save_settings(store, sid, default_policy().with_changes(max_supervisees=5), by="Priya")
    stale = {"max_supervisees": 5, "retired_setting": 3, "horizon_months": 999}
    with store._writing() as conn:
        conn.execute(update(policy_settings).values(changes=json.dumps(stale)))
    got = saved_settings(store, sid)
    assert got is not None and got.policy.max_supervisees == 5
    assert set(got.set_aside) == {"retired_setting", "horizon_months"}
