"""A staff id the roster says was changed (ASC-WDS CHGUNIQUEWRKID) is one change, not a leaver
and a joiner: in the diff, in the diff applied, in the diff inverted and in the removal check."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.reference.policy import default_policy
from planner.store.removals import removal_check
from planner.store.snapshots import Store
from planner.whatif.diff import Category, apply_diff, diff_services
from planner.workforce.demo import load_demo
from planner.workforce.models import Service
from tests.store.test_properties import canonical, pairs


def renamed(service: Service, old: str, new: str, **fields: object) -> Service:
    return service.with_workers(
        tuple(
            w.model_copy(update={"staff_id": new, **fields}) if w.staff_id == old else w
            for w in service.workers
        )
    )


def test_a_changed_id_is_one_change_of_staff_id() -> None:
    demo = load_demo()
    after = renamed(demo, "NB030", "P-30", fte=0.8)
    plain = diff_services(demo, after)
    assert [w.staff_id for w in plain.joiners] == ["P-30"]  # without being told
    d = diff_services(demo, after, {"P-30": "NB030"})
    assert not d.joiners and not d.leavers
    (change,) = d.changed
    assert change.staff_id == "P-30"
    assert {(c.field, c.old, c.new) for c in change.changes} == {
        ("staff_id", "NB030", "P-30"),
        ("fte", demo.worker("NB030").fte, 0.8),  # type: ignore[union-attr]
    }
    assert change.field("staff_id").category is Category.PERSONAL  # type: ignore[union-attr]
    assert apply_diff(demo, d).workers == after.workers
    assert apply_diff(after, d.inverted()).workers == demo.workers


def test_a_change_that_does_not_fit_is_left_as_a_joiner_and_a_leaver() -> None:
    demo = load_demo()
    after = renamed(demo, "NB030", "P-30")
    # the old id is still in use, or was never there: nothing is matched
    assert diff_services(demo, demo, {"NB031": "NB030"}).is_empty
    d = diff_services(demo, after, {"P-30": "NB999"})
    assert [w.staff_id for w in d.joiners] == ["P-30"]
    assert [w.staff_id for w in d.leavers] == ["NB030"]


def test_a_renamed_person_is_not_a_leaver_to_confirm(tmp_path) -> None:  # type: ignore[no-untyped-def]
    demo = load_demo()
    after = demo
    for i, w in enumerate(demo.workers):
        after = renamed(after, w.staff_id, f"NEW{i}")
    ids = {f"NEW{i}": w.staff_id for i, w in enumerate(demo.workers)}
    with Store.open(f"sqlite:///{tmp_path / 'p.db'}") as store:
        first = store.save(demo, by="HR", note="before")
        blind = store.preview(after, first.service_id)
        assert removal_check(blind, default_policy()).verdict != "ok"
        preview = store.preview(after, first.service_id, renamed=ids)
        assert removal_check(preview, default_policy()).verdict == "ok"
        store.confirm(preview, by="HR", note="ids changed")


@st.composite
def renamed_pairs(draw: st.DrawFn) -> tuple[Service, Service, dict[str, str]]:
    """A service, the same after some edits with some staff ids changed, and the changes."""
    before, after = draw(pairs())
    ids = sorted({w.staff_id for w in after.workers})
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=4)) if ids else []
    changes = {old: f"R-{old}" for old in chosen}
    after = after.with_workers(
        tuple(
            w.model_copy(update={"staff_id": changes[w.staff_id]}) if w.staff_id in changes else w
            for w in after.workers
        )
    )
    return before, after, {new: old for old, new in changes.items()}


@given(renamed_pairs())
def test_with_changed_ids_the_diff_still_applies_and_inverts(
    found: tuple[Service, Service, dict[str, str]],
) -> None:
    a, b, renames = found
    d = diff_services(a, b, renames)
    assert canonical(apply_diff(a, d)) == canonical(b)
    assert canonical(apply_diff(b, d.inverted())) == canonical(a)
    # a person whose id changed, once before and once after, is never a joiner
    before_once, after_once = _once(a), _once(b)
    matched = {new for new, old in renames.items() if old in before_once and new in after_once}
    assert not matched & {w.staff_id for w in d.joiners}


def _once(service: Service) -> set[str]:
    ids = [w.staff_id for w in service.workers]
    return {i for i in ids if ids.count(i) == 1}
