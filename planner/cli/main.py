"""The `planner` command: one parser, built from the command groups listed below.

Each group module has `register(sub)`, which adds its sub-commands and sets each one's
`handler`. Exit codes: 0 success, 1 input problems reported, 2 input unusable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from planner.cli import (
    aggregates,
    analyse,
    councils,
    plan,
    roster,
    serve,
    service,
    store,
    whatif,
)
from planner.cli.output import err
from planner.reference.strict_yaml import DataFileError

# The order sub-commands are listed in `planner --help`.
GROUPS = (service, roster, analyse, plan, whatif, store, aggregates, councils, serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Workforce capability planner for adult mental health social work.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except DataFileError as exc:
        err(f"Reference data problem: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (say `| head`) stopped early; that is not an error of ours.
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
