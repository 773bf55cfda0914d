"""A roster's headings read before its rows, so a person can see and change how each column will
be read (the mapping step) before anything else in the file is read.

`read_header` opens the file as the importer does (the same safety checks, the same sheet) and
keeps only its top rows; `plan_headings` then matches them under a mapping, as often as the user
changes it, without opening the file again. The importer finds the same header row and plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planner.reference.policy import Policy, default_policy
from planner.roster.layout import load_layout
from planner.roster.reading import ascwds
from planner.roster.reading.grid import open_book
from planner.roster.reading.headers import SCAN_ROWS, HeaderPlan, find_header_row, plan_columns
from planner.roster.reading.importer import choose_sheet
from planner.roster.reading.mapping import MappingError, matcher, resolve_choices
from planner.roster.safety import Limits, Rejected, check_file
from planner.roster.values import Cell


@dataclass(frozen=True)
class HeaderFound:
    filename: str
    sheet: str | None = None
    top: tuple[tuple[Cell, ...], ...] = ()  # the sheet's first rows, where the headings are
    fixed: bool = False  # an ASC-WDS worker file: its headings are fixed, nothing to map
    unusable: str | None = None


def read_header(data: bytes, filename: str, policy: Policy | None = None) -> HeaderFound:
    """The top rows of the sheet the importer would read, or why the file cannot be used."""
    policy = policy or default_policy()
    limits = Limits(int(policy.max_import_mb * 1024 * 1024), policy.max_import_rows)
    try:
        book = open_book(data, filename, check_file(data, filename, limits), limits)
        if not book.sheets:
            raise Rejected(f"{filename} has no sheets.")
        sheet = choose_sheet(book)
        rows = book.rows(sheet)
    except Rejected as exc:
        return HeaderFound(filename, unusable=str(exc))
    top = tuple(tuple(row) for row in rows[:SCAN_ROWS])
    return HeaderFound(filename, sheet, top, fixed=ascwds.find_header(rows) is not None)


def plan_headings(found: HeaderFound, mapping: Mapping[str, str]) -> HeaderPlan | str:
    """How each column would be read under `mapping`, or why it cannot be: the plan the
    importer makes for the same file and mapping."""
    rows = [list(row) for row in found.top]
    layout = load_layout()
    try:
        resolve_choices(mapping)  # a mapping naming nothing we read is said first
        header = find_header_row(rows, layout, mapping)
        if header is None:
            return (
                f"No header row found on sheet {found.sheet!r} of {found.filename}: the planner "
                "looks in the first 50 rows for column headings such as Staff ID, Name, Team and "
                "FTE. Download the template to see the headings it reads."
            )
        return plan_columns(rows[header], header, layout, mapping)
    except MappingError as exc:
        return str(exc)


def known_choices(mapping: Mapping[str, str]) -> dict[str, str]:
    """The entries of a remembered mapping that still name something the planner reads."""
    m = matcher()
    kept = {}
    for heading, target in mapping.items():
        try:
            m.chosen(target)
        except MappingError:
            continue
        kept[heading] = target
    return kept
