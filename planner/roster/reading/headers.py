"""Finding the header row of a roster sheet and deciding what each column holds.

HR exports often put a title, a date and blank rows above the headings, so the header row is
the row among the first `SCAN_ROWS` that names the most roster columns. Each heading is matched
through `layout.normalise`; a column the planner does not use is kept with every worker (its
heading becomes a key of `Worker.extra`) and reported, so a misspelt heading is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from planner.roster.layout import Layout, normalise
from planner.roster.values import Cell, cell_text

SCAN_ROWS = 50
MIN_MATCHES = 2

Target = Literal["field", "part", "extra", "report"]


@dataclass(frozen=True)
class ColumnPlan:
    index: int  # 0-based column in the sheet
    heading: str  # as the file spells it (or "Column F" when blank)
    target: Target
    name: str  # the Worker field, the derived part, or the extra key


@dataclass
class HeaderPlan:
    row: int  # 0-based index of the header row
    columns: list[ColumnPlan] = field(default_factory=list)
    # columns that name something already taken, with the heading of the column used instead
    duplicates: list[tuple[ColumnPlan, str]] = field(default_factory=list)

    def by_target(self, target: Target) -> list[ColumnPlan]:
        return [c for c in self.columns if c.target == target]

    def fields(self) -> dict[str, ColumnPlan]:
        return {c.name: c for c in self.columns if c.target == "field"}


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _known(layout: Layout, cell: Cell) -> bool:
    key = normalise(cell_text(cell)) if cell != "" else ""
    return bool(key) and (key in layout.headings or key in layout.parts)


def find_header_row(rows: list[list[Cell]], layout: Layout) -> int | None:
    """The first of the top rows naming the most roster columns (at least two), if any."""
    best, best_count = None, MIN_MATCHES - 1
    for index, row in enumerate(rows[:SCAN_ROWS]):
        count = sum(1 for cell in row if _known(layout, cell))
        if count > best_count:
            best, best_count = index, count
    return best


def plan_columns(header: list[Cell], index: int, layout: Layout) -> HeaderPlan:
    """What each column of the header row holds; later columns naming a field already taken
    (or a name part when a full-name column exists) are kept as HR's own columns."""
    plan = HeaderPlan(row=index)
    classified = [_classify(col, cell, layout) for col, cell in enumerate(header)]
    present = {c.name for c in classified if c.target == "field"}
    parts_of: dict[str, str] = {d.part: d.field for d in layout.spec.derived}
    taken: dict[str, ColumnPlan] = {}
    extra_keys: set[str] = set()
    for col in classified:
        target, name = col.target, col.name
        clash = name in taken or (target == "part" and parts_of[name] in present)
        if target in ("field", "part") and clash:
            plan.duplicates.append((col, taken[name].heading if name in taken else ""))
            target = "extra"
        elif target in ("field", "part"):
            taken[name] = col
        if target == "extra":
            name = _unique(col.heading, extra_keys)
            extra_keys.add(name)
        plan.columns.append(ColumnPlan(col.index, col.heading, target, name))
    return plan


def _classify(col: int, cell: Cell, layout: Layout) -> ColumnPlan:
    heading = cell_text(cell) if cell != "" else ""
    key = normalise(heading)
    shown = heading or f"Column {column_letter(col)}"
    if key in layout.report_columns:
        return ColumnPlan(col, shown, "report", key)
    if key in layout.headings:
        return ColumnPlan(col, shown, "field", layout.headings[key])
    if key in layout.parts:
        return ColumnPlan(col, shown, "part", layout.parts[key].part)
    return ColumnPlan(col, shown, "extra", shown)


def _unique(heading: str, used: set[str]) -> str:
    name, n = heading, 2
    while name in used:
        name, n = f"{heading} ({n})", n + 1
    return name
