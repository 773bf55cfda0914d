"""`planner template`, `planner import` and `planner export`: roster spreadsheets on the command line.

Thin wrappers over `planner.roster`: exit 0 when all is well, 1 when problems were reported, 2 when
the input could not be used. With `--json`, stdout holds one JSON object and nothing else.
Messages never include a worker's details beyond what HR typed in the cell at fault.
"""

from __future__ import annotations

import argparse
import json
from functools import partial
from pathlib import Path
from typing import Any

from planner.cli.output import (
    UNUSABLE,
    add_command,
    err,
    json_arg,
    load_or_say,
    out_path,
    written,
)
from planner.roster.reading.importer import RosterImport, import_roster
from planner.workforce.problems import Problem

SHOWN = 50  # problems printed without --json; the report and --json carry them all


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "template",
        _template,
        "write the empty roster template",
        "Write the roster template: headings, notes on every column and drop-downs.",
        writes="file to write (.xlsx)",
    )
    p = add_command(
        sub,
        "import",
        _import,
        "check a roster spreadsheet; every row imported or reported",
        "Read a roster (.xlsx or .csv, or an ASC-WDS worker file) and report every row "
        "that could not be imported, with its sheet, row, column and the reason.",
    )
    p.add_argument("file", metavar="FILE", help="the roster: .xlsx or .csv")
    p.add_argument("--report", help="also write the problem report workbook (.xlsx) here")
    p.add_argument("--population", type=int, help="adults the service serves (for a .csv roster)")
    p.add_argument(
        "--map",
        action="append",
        type=heading_map,
        default=[],
        metavar='"HEADING=field"',
        help="read the column HEADING as this field (a field name such as line_manager_id, or "
        "its template heading; nothing after = keeps the column as your own); repeatable",
    )
    json_arg(p)
    p = add_command(
        sub,
        "export",
        _export,
        "write a service's roster in the template layout",
        "Write SERVICE's roster as a workbook in the template layout (.xlsx, which "
        "imports back unchanged) or as a .csv of the Roster sheet.",
        reads_service=True,
        writes="file to write: .xlsx or .csv",
    )


def _template(args: argparse.Namespace) -> int:
    from planner.roster.writing.workbook import write_template

    out = out_path(args.out, (".xlsx",), "the template is an Excel workbook; name it .xlsx")
    if out is None or not written(out, partial(write_template, out)):
        return UNUSABLE
    err(f"Wrote the roster template to {out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    result = import_roster(source, population=args.population, mapping=dict(args.map))
    if result.unusable is None and args.report:
        written = _write_report(source, result, Path(args.report))
        if written is not None:
            return written
    if args.json:
        print(json.dumps(result.to_json(), indent=2, default=str))
    else:
        _print_result(result)
        if args.report and result.unusable is None:
            err(f"Wrote the problem report to {args.report}")
    return result.exit_code


def heading_map(text: str) -> tuple[str, str]:
    """One --map "HEADING=field", checked before the file is opened."""
    from planner.roster.reading.mapping import MappingError, resolve_choices

    heading, equals, field = text.rpartition("=")
    if not equals or not heading.strip():
        raise argparse.ArgumentTypeError(
            f"{text!r}: write a heading, = and the field to read it as, like "
            '"Line Manager Payroll No=line_manager_id"'
        )
    try:
        resolve_choices({heading: field})
    except MappingError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return heading.strip(), field.strip()


def _write_report(source: Path, result: RosterImport, out: Path) -> int | None:
    from planner.roster.writing.problem_workbook import write_problem_workbook

    report = out_path(str(out), (".xlsx",), "the report is an Excel workbook; name it .xlsx")
    if report is None or not written(report, partial(write_problem_workbook, source, result, out)):
        return UNUSABLE
    return None


def _print_result(result: RosterImport) -> None:
    if result.unusable:
        err(result.unusable)
        return
    c = result.counts
    print(
        f"{result.filename}, sheet {result.sheet!r}: {c.rows_read} rows read, {c.imported} "
        f"imported, {c.with_errors} with errors, {c.with_warnings} with warnings only."
    )
    for p in result.problems[:SHOWN]:
        err(_line(p))
    if len(result.problems) > SHOWN:
        err(f"... and {len(result.problems) - SHOWN} more (use --report or --json to see all)")


def _line(p: Problem) -> str:
    where = f"{p.sheet or ''} row {p.row}" if p.row else (p.sheet or "file")
    return f"{p.severity}: {where}: {p.message}"


def _export(args: argparse.Namespace) -> int:
    from planner.roster.writing.workbook import write_roster, write_roster_csv

    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    out = out_path(args.out, (".xlsx", ".csv"), "export to .xlsx (the template layout) or .csv")
    write = write_roster if out and out.suffix.lower() == ".xlsx" else write_roster_csv
    if out is None or not written(out, partial(write, loaded.service, out)):
        return UNUSABLE
    if args.json:
        problems = [p.model_dump(mode="json") for p in loaded.problems]
        print(
            json.dumps(
                {"written": str(out), "workers": len(loaded.service.workers), "problems": problems},
                indent=2,
            )
        )
    else:
        err(f"Wrote {len(loaded.service.workers)} workers to {out}")
        for p in loaded.problems[:SHOWN]:
            err(_line(p))
    return loaded.exit_code
