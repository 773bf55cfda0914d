"""The problem report: HR's own rows with the problems beside them, to fix and upload again.

The first sheet holds the roster sheet as it was read (header row and every filled row, values
as they were), with each cell that has a problem shaded and two columns added at the end:
"Planner problems" and "Original row". The importer ignores those two columns, so HR can correct
this workbook and upload it as it is. A *Problems* sheet lists every problem, including those
about the file as a whole; the Service and Teams sheets are copied over when the file had them.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from planner.reference.policy import Policy, default_policy
from planner.roster.layout import load_layout, normalise
from planner.roster.reading.grid import Book, open_book
from planner.roster.reading.importer import OUR_SHEETS, RosterImport
from planner.roster.reading.rows import is_blank
from planner.roster.safety import Limits, check_file
from planner.roster.values import cell_text
from planner.roster.writing.workbook import (
    Formats,
    Target,
    new_workbook,
    raw_writer,
    write_headings,
)
from planner.workforce.problems import Problem

PROBLEM_COLUMNS = ("Severity", "Sheet", "Row", "Column", "Value", "Staff ID", "Problem")
PROBLEMS_SHEET = "Problems"
# Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\, no apostrophe first
# or last, unique ignoring case, and not "History" (Excel keeps it for change tracking).
SHEET_NAME_CHARS = 31
_SHEET_NAME_SIGNS = str.maketrans(
    {"[": "(", "]": ")", ":": "-", "*": "-", "?": "-", "/": "-", "\\": "-"}
)


def write_problem_workbook(
    source: bytes | Path, result: RosterImport, target: Target, policy: Policy | None = None
) -> None:
    """Write the report for an import of `source` (which must not be unusable)."""
    if result.unusable or result.sheet is None or result.header_row is None:
        raise ValueError("an unusable file has no rows to report on")
    policy = policy or default_policy()
    data = source.read_bytes() if isinstance(source, Path) else source
    limits = Limits(int(policy.max_import_mb * 1024 * 1024), policy.max_import_rows)
    book = open_book(data, result.filename, check_file(data, result.filename, limits), limits)
    wb = new_workbook(target)
    fmt = Formats(wb)
    taken = {PROBLEMS_SHEET.casefold()}
    _roster_sheet(wb, fmt, book, result, taken)
    _problems_sheet(wb, fmt, result.problems)
    for name in book.names():
        if normalise(name) in ("service", "teams") and name != result.sheet:
            _copy_sheet(wb, fmt, sheet_name(name, taken), book.rows(name))
    wb.close()


def sheet_name(text: str, taken: set[str]) -> str:
    """A name Excel accepts for a sheet named after `text` (a file's name, or a sheet of HR's
    that another program wrote), unlike those in `taken` (folded), which it joins."""
    name = text.translate(_SHEET_NAME_SIGNS).strip().strip("'").strip() or "Roster"
    base = candidate = name[:SHEET_NAME_CHARS].rstrip("'")
    number = 2
    while candidate.casefold() in taken or candidate.casefold() == "history":
        suffix = f" ({number})"
        candidate = base[: SHEET_NAME_CHARS - len(suffix)].rstrip("'") + suffix
        number += 1
    taken.add(candidate.casefold())
    return candidate


def _roster_sheet(wb: Any, fmt: Formats, book: Book, result: RosterImport, taken: set[str]) -> None:
    assert result.sheet is not None and result.header_row is not None
    name = result.sheet if normalise(result.sheet) not in OUR_SHEETS else "Roster"
    ws = wb.add_worksheet(sheet_name(name, taken))
    rows = book.rows(result.sheet)
    header = rows[result.header_row - 1]
    headings = [cell_text(c) for c in header]
    layout = load_layout()
    keep = [i for i, h in enumerate(headings) if normalise(h) not in layout.report_columns]
    write_headings(ws, fmt, [headings[i] for i in keep] + list(layout.spec.report_columns))
    ws.freeze_panes(1, 0)
    by_row: dict[int, list[Problem]] = defaultdict(list)
    for p in result.problems:
        if p.sheet == result.sheet and p.row is not None and p.row > result.header_row:
            by_row[p.row].append(p)
    put = raw_writer(ws, fmt, cut=True)  # a cell too long for Excel has a problem saying so
    problems_col = len(keep)
    ws.set_column(problems_col, problems_col, 60)
    out = 0
    for number in range(result.header_row + 1, len(rows) + 1):
        row = rows[number - 1]
        if is_blank(row):
            continue
        out += 1
        found = by_row.get(number, [])
        shaded = {p.column for p in found}
        for col, i in enumerate(keep):
            value = row[i] if i < len(row) else ""
            put(out, col, value, fmt.problem if headings[i] in shaded else None)
        if found:
            text = "\n".join(f"{p.severity.capitalize()}: {p.message}" for p in found)
            put(out, problems_col, text, fmt.problem_text)
        put(out, problems_col + 1, number, None)


def _problems_sheet(wb: Any, fmt: Formats, problems: tuple[Problem, ...]) -> None:
    ws = wb.add_worksheet(PROBLEMS_SHEET)
    write_headings(ws, fmt, PROBLEM_COLUMNS)
    for col, width in enumerate((9, 14, 6, 22, 24, 12, 90)):
        ws.set_column(col, col, width)
    put = raw_writer(ws, fmt)
    for r, p in enumerate(problems, start=1):
        cells = (
            p.severity,
            p.sheet or "",
            p.row or "",
            p.column or "",
            p.value or "",
            p.staff_id or "",
            p.message,
        )
        for col, value in enumerate(cells):
            put(r, col, value, None)


def _copy_sheet(wb: Any, fmt: Formats, name: str, rows: list[list[Any]]) -> None:
    ws = wb.add_worksheet(name)
    put = raw_writer(ws, fmt)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            put(r, c, value, None)
