"""Where an import's problems go: on the row and under the heading HR sees, in sheet order.

Problems about the header row (duplicate and unused columns) are made here too; problems across
rows come from `planner.workforce.checks.check_service`, which knows staff IDs, not rows.
"""

from __future__ import annotations

from planner.roster.layout import Layout
from planner.roster.reading.grid import Book
from planner.roster.reading.headers import ColumnPlan, HeaderPlan
from planner.roster.reading.mapping import offer_sentence
from planner.workforce.problems import Problem


def column_problems(plan: HeaderPlan, sheet: str, layout: Layout) -> list[Problem]:
    problems = []
    row = plan.row + 1
    for col, used in plan.duplicates:
        what = layout.label(col.name) if col.target == "field" else "Name"
        reason = (
            f"also looks like {what}; the column headed {used!r} is used"
            if used
            else "is not needed because the file has a full name column"
        )
        problems.append(
            _column_problem(
                sheet,
                row,
                col.heading,
                f"Column {col.heading!r} {reason}, and this one is kept as your own column.",
                "duplicate_column",
            )
        )
    for col in plan.by_target("extra"):
        if any(col.index == d.index for d, _ in plan.duplicates):
            continue
        problems.append(
            _column_problem(sheet, row, col.heading, _kept_sentence(col), "unused_column")
        )
    for heading in plan.not_found:
        problems.append(
            _column_problem(
                sheet,
                row,
                heading,
                f"The column mapping names {heading!r}, which is not in the header row (row "
                f"{row}); nothing was read for it.",
                "mapped_column_missing",
            )
        )
    return problems


def _kept_sentence(col: ColumnPlan) -> str:
    if col.choices:
        return offer_sentence(col.heading, col.choices)
    what = "is kept as your own, as mapped" if col.how == "user" else "is not one the planner reads"
    return (
        f"Column {col.heading!r} {what}; its values are kept with each person and written back "
        "on export."
    )


def _column_problem(sheet: str, row: int, heading: str, message: str, code: str) -> Problem:
    return Problem(
        severity="warning",
        code=code,
        message=message,
        column=heading,
        value=heading,
        sheet=sheet,
        row=row,
    )


def locate(
    problems: list[Problem],
    rows: list[int],
    sheet: str,
    headings: dict[str, str],
    layout: Layout,
) -> list[Problem]:
    """Cross-record problems placed on the row of the record they concern (`rows` holds each
    record's sheet row, in the service's order), under the file's own heading."""
    located = []
    for p in problems:
        row = rows[p.position] if p.position is not None else None
        heading = headings.get(p.column or "", layout.label(p.column or "")) if p.column else None
        located.append(p.model_copy(update={"sheet": sheet, "row": row, "column": heading}))
    return located


def ordered(problems: list[Problem], sheet: str, book: Book) -> list[Problem]:
    """Problems on the roster sheet first, in row order, errors before warnings in a row."""
    order = {name: i for i, name in enumerate(book.names())}
    severity = {"error": 0, "warning": 1}
    return sorted(
        problems,
        key=lambda p: (
            p.sheet != sheet,
            order.get(p.sheet or "", len(order)),
            p.row or 0,
            severity[p.severity],
        ),
    )
