"""Run the benchmarks: every `bench/bench_*.py` module's functions marked with `@bench`.

Each measures an issue's target as a ratio or a rate, side by side in one run, and prints the
figures with the target beside them. `make bench` runs them all; `make bench BENCH_ARGS="io"`
runs the modules whose name contains "io".
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(filters: list[str]) -> None:
    sys.path.insert(0, str(HERE.parent))
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if filters and not any(f in name for f in filters):
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        for fn in getattr(module, "BENCHES", []):
            print(f"== {name}.{fn.__name__}: {(fn.__doc__ or '').strip().splitlines()[0]}")
            fn()


if __name__ == "__main__":
    main(sys.argv[1:])
