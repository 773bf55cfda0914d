"""Helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

BenchFn = Callable[[], None]


def registry() -> tuple[list[BenchFn], Callable[[BenchFn], BenchFn]]:
    """A module's list of benchmarks and the decorator that adds to it."""
    benches: list[BenchFn] = []

    def bench(fn: BenchFn) -> BenchFn:
        benches.append(fn)
        return fn

    return benches, bench


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of `repeat` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES TARGET"
