"""AMHP pipeline arithmetic (TCSW 2014 E.ii: on-going sufficiency of AMHPs)."""

from __future__ import annotations

from planner.reference.policy import default_policy
from planner.succession.pipeline import target_headcount, training_starts


def test_starts_are_placed_training_length_before_the_gap() -> None:
    assert training_starts([0, 2, 3], lag=1) == [0, 2, 1]
    assert training_starts([0, 2, 3], lag=2) == [2, 1, 0]
    # A gap too soon to train for is still started now.
    assert training_starts([4, 4], lag=3) == [4, 0]


def test_a_gap_that_closes_needs_no_more_starts() -> None:
    assert training_starts([3, 1, 2], lag=1) == [3, 0, 0]


def test_target_headcount_rounds_up() -> None:
    policy = default_policy()
    adults = 182_400
    expected = -(-policy.amhp_target_per_100k * adults // 100_000)
    assert target_headcount(policy, adults) == int(expected)
    assert target_headcount(policy, None) == 0
