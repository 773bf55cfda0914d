"""`planner compare-councils`: the aggregate files of several councils side by side."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planner.cli.output import UNUSABLE, add_command, emit, err, json_arg, out_path, written


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is below 0")
    return value


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "compare-councils",
        _compare,
        "several councils' aggregates side by side: AMHPs and duty FTE per 100,000",
        "Compare the aggregate files (`planner aggregates ... --out F.json`) of several "
        "councils: each council's AMHPs and duty FTE per 100,000 on the population basis its "
        "file states, against its target and the national benchmark, now and in each year of "
        "the council's projection (on that year's population), with the councils below the "
        "minimum in each year marked. Suppressed figures stay suppressed; a file written "
        "before the projection years is compared now only. "
        "A file holding personal data (names, staff ids, pseudonyms, a list of workers) or "
        "anything an aggregates file never has is refused (exit code 2).",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="aggregates .json files")
    p.add_argument(
        "--minimum",
        type=_non_negative,
        default=None,
        help="AMHPs per 100,000 below which a council is marked (default: the target)",
    )
    p.add_argument(
        "--years-ahead",
        type=int,
        metavar="K",
        default=None,
        help="print only now (0) or the K-th projection year (default: every year)",
    )
    p.add_argument("--out", default=None, help="also write the comparison to an .xlsx workbook")
    json_arg(p)


def _compare(args: argparse.Namespace) -> int:
    from planner.disclosure.councils import (
        CouncilFileError,
        compare_councils,
        comparison_json,
        read_council_file,
    )
    from planner.workbooks.councils import HEADINGS, council_table, write_councils_workbook

    out = None
    if args.out is not None:
        out = out_path(args.out, (".xlsx",), "write the comparison to an .xlsx workbook")
        if out is None:
            return UNUSABLE
    views = []
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            err(f"{path}: could not be read ({exc.strerror or exc})")
            return UNUSABLE
        try:
            views.append(read_council_file(data, path.name))
        except CouncilFileError as exc:
            if args.json:
                emit({"error": str(exc)})
            else:
                err(str(exc))
            return UNUSABLE
    comparison = compare_councils(views, args.minimum)
    if args.years_ahead is not None and args.years_ahead not in comparison.years:
        err(
            f"The files have no projection year {args.years_ahead}: choose one of "
            + ", ".join(map(str, comparison.years))
            + " (0 is now)."
        )
        return UNUSABLE
    if out is not None and not written(out, lambda: write_councils_workbook(comparison, out)):
        return UNUSABLE
    if args.json:
        emit(comparison_json(comparison) | ({"written": str(out)} if out else {}))
        return 0
    chosen = [
        cells
        for row, cells in zip(comparison.rows, council_table(comparison), strict=True)
        if args.years_ahead is None or row.years_ahead == args.years_ahead
    ]
    shown = [
        HEADINGS.index(h)
        for h in (
            "Council",
            "Period",
            "AMHPs",
            "AMHPs per 100,000",
            "Duty FTE",
            "Duty FTE per 100,000",
            "Target per 100,000",
            "National AMHPs per 100,000",
            "Below the minimum",
            "Note",
        )
    ]
    print(" | ".join(HEADINGS[i] for i in shown))
    for cells in chosen:
        print(" | ".join("" if cells[i] is None else str(cells[i]) for i in shown).rstrip(" |"))
    for note in comparison.notes:
        err(note)
    if out is not None:
        err(f"Wrote the comparison of {len(views)} councils to {out}")
    return 0
