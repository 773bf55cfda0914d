"""Sizing the AMHP rota as a queue: the Erlang C formula and a small simulation that checks it.

Requests for a Mental Health Act assessment are treated as an M/M/c queue (Poisson arrivals,
exponential assessment times, c AMHPs on duty, first come first served, nobody gives up).
Erlang C gives the chance a request waits at all; the share taken up within a target wait is
1 - C(c, a) exp(-(c mu - lambda) t). Sources: Hillier and Lieberman, Introduction to Operations
Research, the M/M/s model (`hillier-lieberman-queueing`); Call Centre Helper's worked example
(`callcentrehelper-erlang-c`). The simulation makes no use of the formula, so agreement between
the two (within `SIMULATION_TOLERANCE`, when the run is long enough to resolve it) is a check
on both.
"""

from __future__ import annotations

import heapq
import math
from functools import lru_cache
from typing import Literal, NamedTuple

import numpy as np

SIMULATION_REQUESTS = 10_000  # after a warm-up of a tenth as many, while the queue fills
SIMULATION_BATCHES = 20
SIMULATION_SEED = 2026
SIMULATION_TOLERANCE = 0.02  # absolute difference in the share within target
MAX_SERVERS = 10_000

SimulationVerdict = Literal["agrees", "disagrees", "inconclusive"]


def erlang_c(servers: int, load: float) -> float:
    """Chance an arriving request has to wait, for `servers` on duty and `load` Erlangs offered.

    Uses the Erlang B recursion, which stays accurate for hundreds of servers where factorials
    overflow. A queue that can never clear (load >= servers) always waits: 1.0.
    """
    if load <= 0:
        return 0.0
    if servers <= load:
        return 1.0
    blocking = 1.0
    for k in range(1, servers + 1):
        blocking = load * blocking / (k + load * blocking)
    return servers * blocking / (servers - load * (1 - blocking))


def share_within(servers: int, arrival_rate: float, mean_service: float, wait: float) -> float:
    """Share of requests taken up within `wait` (same time unit as the rate and service time)."""
    if arrival_rate <= 0:
        return 1.0
    load = arrival_rate * mean_service
    if servers <= load:
        return 0.0
    drain = servers / mean_service - arrival_rate
    return 1.0 - erlang_c(servers, load) * math.exp(-drain * wait)


def mean_wait(servers: int, arrival_rate: float, mean_service: float) -> float:
    """Average wait before an AMHP takes a request up (infinite when the queue never clears)."""
    if arrival_rate <= 0:
        return 0.0
    load = arrival_rate * mean_service
    if servers <= load:
        return math.inf
    return erlang_c(servers, load) * mean_service / (servers - load)


def servers_needed(
    arrival_rate: float, mean_service: float, wait: float, share: float, minimum: int = 0
) -> int:
    """Fewest on duty so that at least `share` of requests wait no longer than `wait`."""
    servers = max(minimum, math.floor(arrival_rate * mean_service) + 1 if arrival_rate > 0 else 0)
    while servers < MAX_SERVERS and share_within(servers, arrival_rate, mean_service, wait) < share:
        servers += 1
    return servers


class Simulated(NamedTuple):
    share: float
    standard_error: float  # from batch means, so it allows for one wait depending on the last


@lru_cache(maxsize=256)
def simulate_share_within(
    servers: int,
    arrival_rate: float,
    mean_service: float,
    wait: float,
    requests: int = SIMULATION_REQUESTS,
    seed: int = SIMULATION_SEED,
) -> Simulated:
    """The same share, by simulating requests one by one through `servers` AMHPs (seeded).

    Each request goes to the AMHP who is free soonest and starts at the later of its arrival
    and that moment, which is first come first served for identical servers. Near full load a
    queue forgets its past slowly and short runs are noisy: the standard error says how noisy.
    Seeded, so the answer depends only on the arguments and is kept for the next call with the
    same ones (a page rerun, another analysis at the same population).
    """
    if arrival_rate <= 0:
        return Simulated(1.0, 0.0)
    if servers <= 0:
        return Simulated(0.0, 0.0)
    rng = np.random.default_rng(seed)
    warmup = requests // 10
    total = requests + warmup
    arrivals = np.cumsum(rng.exponential(1 / arrival_rate, total)).tolist()
    services = rng.exponential(mean_service, total).tolist()
    free = [0.0] * servers
    waited = []
    for arrive, service in zip(arrivals, services, strict=True):
        start = max(arrive, free[0])
        heapq.heapreplace(free, start + service)
        waited.append(start - arrive)
    within = np.array(waited[warmup:]) <= wait
    batches = within[: requests - requests % SIMULATION_BATCHES].reshape(SIMULATION_BATCHES, -1)
    means = batches.mean(axis=1)
    return Simulated(float(within.mean()), float(means.std(ddof=1) / np.sqrt(len(means))))


def simulation_verdict(simulated: Simulated, formula: float) -> SimulationVerdict:
    """Agrees within the tolerance, disagrees, or cannot tell because the run is too noisy."""
    if abs(simulated.share - formula) <= SIMULATION_TOLERANCE:
        return "agrees"
    return "inconclusive" if 2 * simulated.standard_error > SIMULATION_TOLERANCE else "disagrees"
