"""The synthetic generator and cross-record checks, as workers a second."""

from __future__ import annotations

from bench.common import registry, timed
from planner.reference.policy import default_policy
from planner.workforce.checks import check_service
from planner.workforce.demo import generate_service

BENCHES, bench = registry()


@bench
def generate() -> None:
    """Generator and checks speed at 1,000 / 10,000 / 100,000 workers."""
    for size in (1_000, 10_000, 100_000):
        t_gen, service = timed(lambda size=size: generate_service(size, seed=1))
        t_chk, _ = timed(lambda service=service: check_service(service, default_policy()))
        print(
            f"  {size:>7,} workers: generate {size / t_gen:>8,.0f}/s, checks {size / t_chk:>9,.0f}/s"
        )
