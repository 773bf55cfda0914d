"""Headline movement read both ways: undoing a change reverses every better and worse."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.report import Report, analyse
from planner.reference.policy import default_policy
from planner.whatif.headlines import headline_movement, movement_lines
from planner.workforce.demo import load_demo

DEMO = load_demo()
FLIP = {"better": "worse", "worse": "better", "same": "same", "changed": "changed"}


@cache
def without(staff_id: str) -> Report:
    return analyse(DEMO.without(staff_id) if staff_id else DEMO, default_policy())


@settings(max_examples=20)
@given(
    st.sampled_from(["", *[w.staff_id for w in DEMO.workers]]),
    st.sampled_from(["", *[w.staff_id for w in DEMO.workers]]),
)
def test_reversing_the_reports_reverses_every_direction(a: str, b: str) -> None:
    forward = headline_movement(without(a), without(b))
    backward = headline_movement(without(b), without(a))
    for f, r in zip(forward, backward, strict=True):
        assert (f.before, f.after) == (r.after, r.before)
        assert r.direction == FLIP[f.direction]
    if a == b:
        assert movement_lines(forward) == ["  No headline figure moved."]


def test_losing_the_amhp_lead_leaves_a_post_vacant_and_an_amhp_fewer() -> None:
    moves = {m.figure: m for m in headline_movement(without(""), without("NB002"))}
    assert moves["amhp_headcount"].direction == "worse"
    assert moves["posts_not_filled"].after > moves["posts_not_filled"].before  # type: ignore[operator]
    assert moves["posts_not_filled"].direction == "worse"
