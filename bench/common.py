"""Helpers shared by the benchmarks."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path
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


def own_peak_mb() -> float:
    """This process's peak resident memory in MB, from its own address space (VmHWM).

    `ru_maxrss` is not used where /proc is there: Linux carries it over fork and exec, so a child
    started by a benchmark holding 700 MB would report at least that, whatever it used itself.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
