"""Benchmarks: each measures an issue's target as a ratio or a rate, side by side in one run.

`make bench` runs them all; `make bench BENCH_ARGS="generate"` runs one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from planner.checks import check_service
from planner.demo import generate_service
from planner.policy import default_policy

BENCHES: dict[str, Callable[[], None]] = {}


def bench(fn: Callable[[], None]) -> Callable[[], None]:
    BENCHES[fn.__name__] = fn
    return fn


@bench
def generate() -> None:
    """Generator speed (workers a second) and cross-record checks on the same service."""
    for size in (1_000, 10_000, 100_000):
        t0 = time.perf_counter()
        service = generate_service(size, seed=1)
        t1 = time.perf_counter()
        check_service(service, default_policy())
        t2 = time.perf_counter()
        print(
            f"generate {size:>7,}: {size / (t1 - t0):>9,.0f} workers/s; "
            f"checks {size / (t2 - t1):>9,.0f} workers/s"
        )


def main(names: list[str]) -> None:
    for name in names or list(BENCHES):
        print(f"== {name}")
        BENCHES[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
