"""Where a roster import spends its time: each stage's seconds and minor page faults, beside
python-calamine's raw read of the same file. Not a target, a tool for working on one:

    .venv/bin/python -m bench.io_stages ROSTER.xlsx [RUNS]

(`planner demo --size 100000 --out roster.xlsx` makes one to try.) Stage timing told more
than cProfile here: the import is mostly C-level passes that a profiler's overhead distorts.
"""

from __future__ import annotations

import functools
import gc
import resource
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import planner.roster.reading.fast_rows as fast_rows
import planner.roster.reading.grid as grid
import planner.roster.reading.importer as roster
import planner.roster.reading.rows as rows
from bench.bench_io import _calamine_read

SPENT: dict[str, list[float]] = {}
STAGES = (
    (grid._Workbook, "_load", "read (calamine)"),
    (rows._Reader, "__init__", "rows to columns"),
    (rows._Reader, "convert", "convert"),
    (fast_rows, "_rule_breaks", "rules within rows"),
    (fast_rows, "_fields_set", "field sets"),
    (fast_rows, "_construct", "workers (+ field sets)"),
    (rows, "build_workers", "screen and build (all)"),
    (rows, "_may_warn", "formula-like text"),
    (roster, "service_sheets", "service sheets"),
    (roster, "build_service", "build service"),
    (roster, "check_service", "cross-row checks"),
)


def _faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _wrap(owner: Any, name: str, label: str) -> None:
    fn: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        f0, t0 = _faults(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent = SPENT.setdefault(label, [0.0, 0.0])
            spent[0] += time.perf_counter() - t0
            spent[1] += _faults() - f0

    setattr(owner, name, timed)


def main(path: Path, runs: int) -> None:
    for owner, name, label in STAGES:
        _wrap(owner, name, label)
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        _calamine_read(path)
        raw = time.perf_counter() - t0
        SPENT.clear()
        gc.collect()
        t0 = time.perf_counter()
        result = roster.import_roster(path, today=date.today())
        whole = time.perf_counter() - t0
        del result
        print(f"calamine raw read {raw:.2f} s; import {whole:.2f} s; ratio {whole / raw:.2f}x")
        for label, (seconds, faults) in SPENT.items():
            print(f"  {label:24s} {seconds:6.3f} s {faults:9,.0f} faults")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2)
