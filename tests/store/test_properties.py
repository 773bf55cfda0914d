"""Properties over generated services with random edits: the store and the diff lose nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.store.snapshots import Store
from planner.whatif.diff import apply_diff, diff_services
from planner.workforce.models import Service
from tests.store.strategies import edited, services


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Service, Service]:
    """A service and the same service after a few edits (a month of HR changes)."""
    before = draw(services())
    after = before
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        after = draw(edited(after))
    return before, after


def canonical(service: Service) -> tuple[object, ...]:
    """The service's content with row order ignored (a re-sorted roster is the same roster)."""
    workers = sorted(service.workers, key=lambda w: w.staff_id)  # stable: duplicates keep order
    teams = sorted(service.teams, key=lambda t: t.name)
    return (service.model_copy(update={"workers": (), "teams": ()}), workers, teams)


@given(services())
def test_a_service_compared_with_itself_has_no_differences(service: Service) -> None:
    assert diff_services(service, service).is_empty


@given(pairs())
def test_the_diff_back_is_the_diff_forward_inverted(pair: tuple[Service, Service]) -> None:
    a, b = pair
    forward, back = diff_services(a, b), diff_services(b, a)
    assert back == forward.inverted()
    assert sorted(w.staff_id for w in forward.joiners) == sorted(w.staff_id for w in back.leavers)


@given(pairs())
def test_applying_the_diff_gives_the_new_service(pair: tuple[Service, Service]) -> None:
    a, b = pair
    d = diff_services(a, b)
    assert canonical(apply_diff(a, d)) == canonical(b)
    assert d.is_empty == (canonical(a) == canonical(b))


@given(services(), services())
def test_unrelated_services_also_apply_and_invert(a: Service, b: Service) -> None:
    d = diff_services(a, b)
    assert canonical(apply_diff(a, d)) == canonical(b)
    assert diff_services(b, a) == d.inverted()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=pairs())
def test_saved_snapshots_load_back_equal_and_compare_as_the_services_do(
    store: Store, pair: tuple[Service, Service]
) -> None:
    # The store is shared by the examples; each saves its own snapshots and reads them by id.
    a, b = pair
    first = store.save(a, by="HR", note="before")
    second = store.save(b, by="HR", note="after", service_id=first.service_id)
    assert store.load(first.id).service == a
    assert store.load(second.id).service == b
    assert diff_services(store.load(first.id).service, store.load(second.id).service) == (
        diff_services(a, b)
    )
