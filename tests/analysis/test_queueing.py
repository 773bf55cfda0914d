"""Erlang C against published worked examples, and the simulation against Erlang C."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.analysis.queueing import (
    SIMULATION_TOLERANCE,
    erlang_c,
    mean_wait,
    servers_needed,
    share_within,
    simulate_share_within,
    simulation_verdict,
)


@pytest.mark.parametrize(
    ("servers", "p_wait", "lq", "wq_hours"),
    [(1, 0.667, 1.333, 0.667), (2, 0.167, 0.083, 0.042)],
)
def test_erlang_c_matches_the_county_hospital_example(
    servers: int, p_wait: float, lq: float, wq_hours: float
) -> None:
    """Hillier and Lieberman, Introduction to Operations Research, M/M/s model: the County
    Hospital emergency room, 2 arrivals an hour, 20-minute treatments (mu = 3 an hour), with one
    doctor or two; published to three decimals (source `hillier-lieberman-queueing`)."""
    rate, service = 2.0, 1 / 3
    assert erlang_c(servers, rate * service) == pytest.approx(p_wait, abs=0.0005)
    assert mean_wait(servers, rate, service) == pytest.approx(wq_hours, abs=0.0005)
    assert rate * mean_wait(servers, rate, service) == pytest.approx(lq, abs=0.0005)  # Little


def test_erlang_c_matches_the_call_centre_worked_example() -> None:
    """Call Centre Helper's worked example (`callcentrehelper-erlang-c`): 100 calls in 30
    minutes, 180 seconds each (10 Erlangs), 80% to be answered in 20 seconds. With 14 agents
    the chance of waiting is 17.41%, 88.84% are answered in 20 seconds and the average speed
    of answer is 7.8 seconds; 14 is the fewest agents that meets the target."""
    rate, service = 100 / 1800, 180.0  # calls a second, seconds
    assert erlang_c(14, rate * service) == pytest.approx(0.1741, abs=0.00005)
    assert share_within(14, rate, service, 20) == pytest.approx(0.8884, abs=0.00005)
    assert mean_wait(14, rate, service) == pytest.approx(7.8, abs=0.05)
    assert servers_needed(rate, service, 20, 0.8) == 14


def test_a_queue_that_never_clears_always_waits() -> None:
    assert erlang_c(3, 3.0) == 1.0
    assert share_within(3, 1.0, 3.0, 10) == 0.0
    assert math.isinf(mean_wait(3, 1.0, 3.0))
    assert servers_needed(1.0, 3.0, 10, 0.8) > 3


def test_no_demand_still_staffs_the_minimum() -> None:
    assert servers_needed(0.0, 7, 4, 0.8, minimum=1) == 1
    assert share_within(0, 0.0, 7, 4) == 1.0


@given(
    rate=st.floats(0.01, 5),
    service=st.floats(0.5, 12),
    wait=st.floats(0, 24),
    servers=st.integers(1, 80),
)
def test_one_more_amhp_never_makes_waits_worse(
    rate: float, service: float, wait: float, servers: int
) -> None:
    assert (
        share_within(servers + 1, rate, service, wait)
        >= share_within(servers, rate, service, wait) - 1e-12
    )


@pytest.mark.parametrize(
    ("rate", "service", "wait", "servers"),
    [
        (0.0937, 7, 4, 2),  # the demo's weekday day shift
        (0.0201, 7, 4, 1),  # a quiet night
        (0.1, 7, 4, 2),  # the one-shift scenario worked by hand
        (0.5, 7, 4, 5),
        (1.0, 7, 4, 9),
        (2.0, 6, 2, 15),
    ],
)
def test_the_simulation_agrees_with_erlang_c(
    rate: float, service: float, wait: float, servers: int
) -> None:
    """Long seeded runs where Erlang C's assumptions hold (Poisson arrivals, exponential
    assessment times, first come first served): within the stated tolerance."""
    sim = simulate_share_within(servers, rate, service, wait, requests=200_000, seed=11)
    formula = share_within(servers, rate, service, wait)
    assert abs(sim.share - formula) <= SIMULATION_TOLERANCE
    assert sim.standard_error < SIMULATION_TOLERANCE / 2
    assert simulation_verdict(sim, formula) == "agrees"


def test_a_short_run_near_full_load_says_it_cannot_tell() -> None:
    """At 96% utilisation a 20,000-request run is too noisy to resolve 0.02: the verdict must
    not blame the formula."""
    rate, service, wait = 10.3, 7.0, 4.0
    servers = servers_needed(rate, service, wait, 0.8)
    formula = share_within(servers, rate, service, wait)
    for seed in (1, 2, 3):
        sim = simulate_share_within(servers, rate, service, wait, requests=20_000, seed=seed)
        assert simulation_verdict(sim, formula) != "disagrees"


def test_the_simulation_is_repeatable() -> None:
    assert simulate_share_within(2, 0.1, 7, 4, requests=5000, seed=3) == simulate_share_within(
        2, 0.1, 7, 4, requests=5000, seed=3
    )
