"""Sub-commands added by later modules (roster import/export, analysis, plans).

Each module adds its parser and handler here so that `planner.cli` stays short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def register(sub: Any, service_args: Callable[[Any], None]) -> None:
    """Nothing yet: the foundation has check-data, demo, show and serve."""
