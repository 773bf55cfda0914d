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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.workforce.problems import Problem

if TYPE_CHECKING:
    from planner.roster.open_service import ServiceLoad

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


def json_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON only")


def add_command(
    sub: Any,
    name: str,
    handler: Handler,
    summary: str,
    description: str,
    *,
    reads_service: bool = False,
    writes: str | None = None,
) -> argparse.ArgumentParser:
    """One sub-command with its help and handler; `reads_service` adds SERVICE and its options
    (which include --json); `writes` adds a required --out with that help."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=summary, description=description)
    p.set_defaults(handler=handler)
    if reads_service:
        service_args(p)
    if writes:
        p.add_argument("--out", required=True, help=writes)
    return p


def out_path(text: str, suffixes: Sequence[str], refusal: str) -> Path | None:
    """The file to write, or None (with `refusal` said) when it is not named with a suffix the
    command writes."""
    out = Path(text)
    if out.suffix.lower() in suffixes:
        return out
    err(f"{out.name}: {refusal}")
    return None


def written(out: Path, write: Callable[[], object]) -> bool:
    """Run `write`; False (with the reason said) when the file could not be written."""
    try:
        write()
    except OSError as exc:
        err(f"{out}: could not be written ({exc.strerror or exc})")
        return False
    return True


def load_or_say(args: argparse.Namespace, spec: str | None = None) -> ServiceLoad | None:
    """The SERVICE the command names (or `spec`), or None once it has said why it cannot be
    used (JSON with --json)."""
    from planner.roster.open_service import load_service

    loaded = load_service(
        spec or args.service,
        population=getattr(args, "population", None),
        mapping=dict(getattr(args, "map", None) or []),
    )
    if loaded.service is None:
        unusable(loaded.unusable, loaded.problems, args.json)
        return None
    return loaded
