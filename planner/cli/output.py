"""What every command prints: JSON on stdout, messages on stderr, and the shared exit paths.

Exit codes: 0 success, 1 input problems reported, 2 input unusable. With `--json` a command
prints one JSON document on stdout and nothing else there; messages go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from planner.workforce.problems import Problem

Handler = Callable[[argparse.Namespace], int]
UNUSABLE = 2
SHOWN_WHEN_UNUSABLE = 20


def emit(data: Any) -> None:
    """Print one JSON document on stdout."""
    print(json.dumps(data, indent=2, default=str))


def err(message: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays machine-readable)."""
    print(message, file=sys.stderr)


def dump(model: Any) -> Any:
    return model.model_dump(mode="json")


def unusable(message: str | None, problems: Sequence[Problem], as_json: bool) -> int:
    """Say why the input could not be used, and return exit code 2."""
    if as_json:
        emit({"error": message, "problems": [dump(p) for p in problems]})
    else:
        err(message or "the input could not be used")
        for p in problems[:SHOWN_WHEN_UNUSABLE]:
            err(f"  row {p.row or '-'} {p.column or ''}: {p.message}")
    return UNUSABLE


def print_problems(problems: Sequence[Problem]) -> None:
    for p in problems:
        err(f"{p.severity}: {p.staff_id or ''} {p.column or ''}: {p.message}")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from exc


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return int(text)


def service_args(p: argparse.ArgumentParser) -> None:
    """The arguments every command that reads a SERVICE takes."""
    p.add_argument("service", metavar="SERVICE", help="'demo', a .json service or a roster file")
    p.add_argument(
        "--population", type=positive_int, help="adults served (needed with a .csv roster)"
    )
    p.add_argument("--as-of", type=iso_date, help="date to assess on (default: the service's)")
    p.add_argument("--json", action="store_true", help="print JSON only")
