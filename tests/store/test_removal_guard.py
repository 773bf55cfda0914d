"""A save never loses a service on one click (issue 17): an import of nobody is refused, and a
save that removes more than the policy share of the people, or leaves fewer than the policy
minimum, needs a second confirmation that names how many leave."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.reference.policy import default_policy
from planner.store.removals import removal_check
from planner.store.snapshots import Store, StoreError
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service


def keep_first(service: Service, n: int) -> Service:
    return service.with_workers(service.workers[:n])


def test_an_import_of_nobody_is_never_saved(store: Store) -> None:
    demo = load_demo()
    store.save(demo, by="HR", note="first")
    preview = store.preview(keep_first(demo, 0))
    with pytest.raises(StoreError, match="nobody"):
        store.confirm(preview, by="HR", note="empty upload", leavers_confirmed=len(demo.workers))
    assert len(store.snapshots()) == 1


def test_removing_many_people_needs_the_count_confirmed(store: Store) -> None:
    demo = load_demo()
    store.save(demo, by="HR", note="first")
    kept = len(demo.workers) // 2
    leaving = len(demo.workers) - kept
    preview = store.preview(keep_first(demo, kept))
    check = removal_check(preview, default_policy())
    assert check.verdict == "confirm" and check.leaving == leaving
    assert f"{leaving} of {len(demo.workers)}" in check.sentence
    with pytest.raises(StoreError, match=f"{leaving} of {len(demo.workers)}"):
        store.confirm(preview, by="HR", note="half the file")
    with pytest.raises(StoreError):
        store.confirm(preview, by="HR", note="wrong count", leavers_confirmed=leaving - 1)
    assert len(store.snapshots()) == 1
    saved = store.confirm(preview, by="HR", note="restructure", leavers_confirmed=leaving)
    assert saved.headcount == kept


def test_one_leaver_in_a_large_service_needs_no_extra_step(store: Store) -> None:
    demo = load_demo()
    store.save(demo, by="HR", note="first")
    preview = store.preview(demo.without(demo.workers[3].staff_id))
    assert removal_check(preview, default_policy()).verdict == "ok"
    assert store.confirm(preview, by="HR", note="one leaver").number == 2


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(size=st.integers(1, 40), kept=st.integers(0, 40), seed=st.integers(0, 5))
def test_a_save_never_removes_people_without_the_confirmation(
    store: Store, size: int, kept: int, seed: int
) -> None:
    whole = generate_service(40, seed).model_copy(update={"name": f"S{size}-{kept}-{seed}"})
    base = keep_first(whole, size)
    first = store.save(base, by="HR", note="first")
    incoming = keep_first(base, min(kept, size))
    preview = store.preview(incoming, first.service_id)
    leaving = len(preview.diff.leavers)
    policy = default_policy()
    big = leaving > policy.save_confirm_leaving_share * size
    small = leaving > 0 and len(incoming.workers) < policy.save_confirm_below_workers
    try:
        store.confirm(preview, by="HR", note="unconfirmed")
        saved = True
    except StoreError:
        saved = False
    assert saved == (len(incoming.workers) > 0 and not (big or small))
    latest = store.latest(first.service_id)
    assert latest is not None
    assert len(latest.service.workers) == (len(incoming.workers) if saved else size)
