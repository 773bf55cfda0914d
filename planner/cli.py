"""The `planner` command. Exit codes: 0 success, 1 input problems reported, 2 input unusable.

With `--json` a command prints one JSON document on stdout and nothing else there; messages go
to stderr. Each command is a thin wrapper over a library function.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from planner.datafile import DataFileError

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return register


def _emit(data: Any) -> None:
    print(json.dumps(data, indent=2, default=str))


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from exc


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return int(text)


@command("check-data")
def _check_data(args: argparse.Namespace) -> int:
    from planner.checkdata import check_data

    report = check_data()
    if args.json:
        _emit(report)
    else:
        print(
            f"Reference data OK: {len(report['domains'])} PCF domains, "
            f"{len(report['levels'])} levels, {len(report['categories'])} role categories "
            f"({sum(len(c['functions']) for c in report['categories'])} functions), "
            f"{report['policy']['values']} policy values, {report['sources']} sources, "
            f"population for {report['population']['councils']} councils "
            f"{report['population']['years'][0]}-{report['population']['years'][1]}."
        )
    return 0


@command("demo")
def _demo(args: argparse.Namespace) -> int:
    from planner.demo import generate_service, load_demo
    from planner.io.service_file import write_service_json

    service = generate_service(args.size, args.seed) if args.size else load_demo()
    out = Path(args.out)
    if out.suffix.lower() == ".json":
        write_service_json(service, out)
    elif out.suffix.lower() == ".xlsx":
        from planner.io.workbook import write_roster

        write_roster(service, out)
    else:
        _err(f"{out.name}: the demo can be written as .json or .xlsx")
        return 2
    _err(f"Wrote {service.name}: {len(service.workers)} workers to {out}")
    return 0


@command("show")
def _show(args: argparse.Namespace) -> int:
    from planner.io.service_file import load_service
    from planner.summary import summarise

    loaded = load_service(args.service, population=args.population)
    if loaded.service is None:
        return _unusable(loaded.unusable, loaded.problems, args.json)
    summary = summarise(loaded.service, args.as_of)
    if args.json:
        _emit(
            {
                "summary": summary.model_dump(mode="json"),
                "problems": [p.model_dump(mode="json") for p in loaded.problems],
            }
        )
    else:
        _print_summary(summary)
        for p in loaded.problems:
            _err(f"{p.severity}: {p.staff_id or ''} {p.column or ''}: {p.message}")
    return loaded.exit_code


def _print_summary(s: Any) -> None:
    pop = f"{s.adult_population:,}" if s.adult_population else "not given"
    print(f"{s.name} — {s.local_authority}")
    print(f"As of {s.as_of:%d %B %Y}; adult population {pop}")
    print(
        f"{s.headcount} workers, {s.fte:g} FTE; {s.amhps} AMHPs, {s.amhp_trainees} in AMHP "
        f"training, {s.bia} BIAs, {s.practice_educators} practice educators"
    )
    print("By PCF level: " + ", ".join(f"{k} {v}" for k, v in s.by_level.items()))
    for t in s.teams:
        print(
            f"  {t.name} ({t.kind}): {t.headcount} {'person' if t.headcount == 1 else 'people'}, {t.fte:g} FTE"
        )


def _unusable(message: str | None, problems: list[Any], as_json: bool) -> int:
    if as_json:
        _emit({"error": message, "problems": [p.model_dump(mode="json") for p in problems]})
    else:
        _err(message or "the input could not be used")
        for p in problems[:20]:
            _err(f"  row {p.row or '-'} {p.column or ''}: {p.message}")
    return 2


@command("serve")
def _serve(args: argparse.Namespace) -> int:
    argv = serve_argv(args.port, headless=args.headless)
    os.execv(sys.executable, argv)  # replaces this process, so stopping it stops the server
    return 0  # pragma: no cover


def serve_argv(port: int, *, headless: bool) -> list[str]:
    """The command that serves the app as users get it (the browser tests start the same)."""
    from planner.paths import app_path

    argv = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path()),
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",  # no Deploy button or developer options: this is a product, not a sketch
    ]
    return argv + (["--server.headless", "true"] if headless else [])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Workforce capability planner for adult mental health social work.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser(
        "check-data",
        help="validate the reference data in data/",
        description="Validate PCF, roles, posts, population and policy sources.",
    )
    p.add_argument("--json", action="store_true", help="print what was loaded as JSON")

    p = sub.add_parser(
        "demo",
        help="write the demo service or a generated one",
        description="Write the Northbridge demo, or a synthetic service of N workers with --size.",
    )
    p.add_argument("--size", type=_positive_int, help="generate a synthetic service of N workers")
    p.add_argument("--seed", type=int, default=0, help="random seed for --size (default 0)")
    p.add_argument("--out", required=True, help="file to write: .json or .xlsx")

    p = sub.add_parser(
        "show",
        help="short summary of a service",
        description="Summarise a service: SERVICE is 'demo', a .json service, or "
        "an .xlsx/.csv roster.",
    )
    _service_args(p)

    p = sub.add_parser(
        "serve",
        help="start the Streamlit app",
        description="Start the planner app in the browser (what `make run` does).",
    )
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    _register_later_commands(sub)
    return parser


def _service_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("service", metavar="SERVICE", help="'demo', a .json service or a roster file")
    p.add_argument(
        "--population", type=_positive_int, help="adults served (needed with a .csv roster)"
    )
    p.add_argument("--as-of", type=_iso_date, help="date to assess on (default: the service's)")
    p.add_argument("--json", action="store_true", help="print JSON only")


def _register_later_commands(sub: Any) -> None:
    """Commands that other modules add (import/export, analyse, plan) register here."""
    from planner import cli_more

    cli_more.register(sub, _service_args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataFileError as exc:
        _err(f"Reference data problem: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (say `| head`) stopped early; that is not an error of ours.
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
