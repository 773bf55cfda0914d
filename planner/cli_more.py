"""Sub-commands added by feature modules (roster import/export, analysis, plans, store).

Each feature module has a `register(sub, service_args)` function; list it in `_MODULES`, so
`planner.cli` stays short and features do not edit each other's code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

_MODULES: tuple[str, ...] = (
    # one line per feature module, e.g. "planner.io.cli",
    "planner.io.cli",
    "planner.store_cli",
    "planner.analysis.cli",
    "planner.io.plan.cli",
    "planner.scenario_cli",
    "planner.access_cli",
)


def register(sub: Any, service_args: Callable[[Any], None]) -> None:
    for name in _MODULES:
        importlib.import_module(name).register(sub, service_args)
