"""Run the benchmarks: every `bench/bench_*.py` module's functions marked with `@bench`.

Each measures an issue's target as a ratio or a rate, side by side in one run, and prints the
figures with the target beside them. `make bench` runs them all; `make bench BENCH_ARGS="io"`
runs bench_io alone, and a part of a name ("succ") the modules whose name contains it.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def chosen(names: list[str], filters: list[str]) -> list[str]:
    """The benches to run: all without filters; those named exactly, if any are; else those whose
    name contains a filter ("io" alone would also pick scenarios and succession)."""
    if not filters:
        return names
    return [n for n in names if n in filters] or [n for n in names if any(f in n for f in filters)]


def main(filters: list[str]) -> None:
    sys.path.insert(0, str(HERE.parent))
    names = [p.stem.removeprefix("bench_") for p in sorted(HERE.glob("bench_*.py"))]
    for name in chosen(names, filters):
        module = importlib.import_module(f"bench.bench_{name}")
        for fn in getattr(module, "BENCHES", []):
            print(f"== {name}.{fn.__name__}: {(fn.__doc__ or '').strip().splitlines()[0]}")
            fn()


if __name__ == "__main__":
    main(sys.argv[1:])
