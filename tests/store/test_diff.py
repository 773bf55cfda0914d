"""The difference report on the demo service: a quarter's changes, each in the right category."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.store.snapshots import Store
from planner.whatif.diff import Category, diff_services
from planner.workforce.demo import load_demo
from planner.workforce.models import Service, Team, Worker


def change(service: Service, staff_id: str, **fields: Any) -> Service:
    return service.with_workers(
        tuple(
            Worker.model_validate({**w.model_dump(), **fields}) if w.staff_id == staff_id else w
            for w in service.workers
        )
    )


def next_quarter(demo: Service) -> Service:
    """The demo three months on: what HR's next roster would show."""
    s = demo.without("NB046")  # Peter Walsh leaves
    s = change(s, "NB032", pcf_level="experienced")  # Sophie Turner progresses
    s = change(s, "NB044", pcf_level="social_worker", team="North CMHT")  # ASYE done, moves
    s = change(
        s,
        "NB040",
        amhp_approving_authority="Northbridge",
        amhp_approved_on=date(2026, 12, 1),
        amhp_approval_expires=date(2031, 11, 30),
    )  # Owen Price approved as an AMHP
    s = change(s, "NB034", bia=False)  # Emma Whitfield's BIA lapses
    s = change(s, "NB022", practice_educator_stage=2)  # Aisha Rahman to stage 2
    s = change(
        s,
        "NB042",
        amhp_training_started=date(2027, 1, 9),
        amhp_training_completes=date(2027, 12, 1),
    )
    s = change(s, "NB030", fte=0.8)  # Laura Jennings drops a day
    recruit = demo.worker("NB054")
    assert recruit is not None
    s = s.with_worker(recruit.model_copy(update={"staff_id": "NB060", "name": "Ola Bright"}))
    return s.model_copy(
        update={
            "as_of": date(2027, 2, 1),
            "adult_population": 183_900,
            "teams": (*s.teams, Team(name="Crisis Team", kind="crisis")),
        }
    )


def test_a_quarter_of_changes_is_reported_exactly() -> None:
    demo = load_demo()
    d = diff_services(demo, next_quarter(demo))
    assert [w.staff_id for w in d.joiners] == ["NB060"]
    assert [w.name for w in d.leavers] == ["Peter Walsh"]
    assert {wc.staff_id for wc in d.changed} == {
        "NB022",
        "NB030",
        "NB032",
        "NB034",
        "NB040",
        "NB042",
        "NB044",
    }
    assert [(c.staff_id, c.old, c.new, c.direction) for c in d.level_changes()] == [
        ("NB032", "social_worker", "experienced", "up"),
        ("NB044", "asye", "social_worker", "up"),
    ]
    assert {(c.staff_id, c.credential, c.event) for c in d.credential_changes()} == {
        ("NB040", Category.AMHP_APPROVAL, "gained"),
        ("NB034", Category.BIA, "lost"),
        ("NB022", Category.PRACTICE_EDUCATOR, "changed"),
        ("NB042", Category.AMHP_TRAINING, "gained"),
    }
    assert [(m.name, m.old_team, m.new_team) for m in d.team_moves()] == [
        ("Liam Foster", "South CMHT", "North CMHT")
    ]
    assert {(c.field, c.old, c.new) for c in d.service_changes} == {
        ("as_of", "2026-11-01", "2027-02-01"),
        ("adult_population", 182_400, 183_900),
    }
    assert [t.name for t in d.teams_added] == ["Crisis Team"] and not d.teams_removed


def test_each_field_change_shows_old_and_new_in_its_category() -> None:
    demo = load_demo()
    d = diff_services(demo, next_quarter(demo))
    fte = next(wc for wc in d.changed if wc.staff_id == "NB030")
    assert [(c.field, c.category, c.old, c.new) for c in fte.changes] == [
        ("fte", Category.EMPLOYMENT, 1.0, 0.8)
    ]
    approval = next(wc for wc in d.changed if wc.staff_id == "NB040")
    assert {c.field for c in approval.changes} == {
        "amhp_approving_authority",
        "amhp_approved_on",
        "amhp_approval_expires",
    }
    assert approval.field("amhp_approved_on") is not None
    assert d.counts()["amhp_approval"] == 1 and d.counts()["level"] == 2
    assert [wc.staff_id for wc in d.in_category(Category.TEAM)] == ["NB044"]


def test_reordering_the_roster_is_not_a_change() -> None:
    demo = load_demo()
    shuffled = demo.model_copy(
        update={"workers": tuple(reversed(demo.workers)), "teams": tuple(reversed(demo.teams))}
    )
    assert diff_services(demo, shuffled).is_empty


def test_a_repeated_staff_id_is_compared_occurrence_by_occurrence() -> None:
    demo = load_demo()
    twin = demo.worker("NB033")
    assert twin is not None
    doubled = demo.with_worker(twin.model_copy(update={"name": "Jamal Hussain (row 2)"}))
    d = diff_services(demo, doubled)
    assert [(w.staff_id, w.name) for w in d.joiners] == [("NB033", "Jamal Hussain (row 2)")]
    assert not d.changed and not d.leavers


def test_losing_a_level_is_reported_as_down() -> None:
    demo = load_demo()
    d = diff_services(demo, change(demo, "NB020", pcf_level="social_worker"))
    assert [(c.old, c.new, c.direction) for c in d.level_changes()] == [
        ("experienced", "social_worker", "down")
    ]


def test_two_saved_snapshots_of_the_demo_compare_as_the_services_do(store: Store) -> None:
    demo = load_demo()
    quarter = next_quarter(demo)
    first = store.save(demo, by="HR", note="November roster")
    second = store.save(quarter, by="HR", note="February roster")
    d = diff_services(store.load(first.id).service, store.load(second.id).service)
    assert d == diff_services(demo, quarter)
    assert [w.staff_id for w in d.leavers] == ["NB046"]
