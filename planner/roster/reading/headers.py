"""Finding the header row of a roster sheet and deciding what each column holds.

HR exports often put a title, a date and blank rows above the headings, so the header row is
the row among the first `SCAN_ROWS` that names the most roster columns. Each heading is matched
by `mapping` (exactly, as a synonym, or by its words, with how and how sure), and a user's
choice for a heading wins over any match. A column the planner does not use is kept with every
worker (its heading becomes a key of `Worker.extra`) and reported, so a misspelt heading is
noticed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.roster.layout import Layout, normalise
from planner.roster.reading.mapping import (
    How,
    Match,
    Target,
    is_heading,
    match_heading,
    resolve_choices,
    user_match,
)
from planner.roster.values import Cell, cell_text

SCAN_ROWS = 50
# Headings are looked for in this many columns of each top row: far more than any roster has
# before its own, and a bound on the work a very wide sheet can ask for.
SCAN_COLUMNS = 512
MIN_MATCHES = 2


@dataclass(frozen=True)
class ColumnPlan:
    index: int  # 0-based column in the sheet
    heading: str  # as the file spells it (or "Column F" when blank)
    target: Target
    name: str  # the Worker field, the derived part, or the extra key
    how: How | None = None  # how the heading was matched; None when kept as the file's own
    confidence: float = 0.0
    choices: tuple[str, ...] = ()  # columns it could be, when kept for the user to choose

    @property
    def mapped(self) -> str | None:
        """The field or part this column is read as, if any."""
        return self.name if self.target in ("field", "part") else None

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "heading": self.heading,
            "field": self.mapped,
            "confidence": self.confidence,
            "how": self.how,
        }
        if self.choices and self.mapped is None:
            found["choices"] = list(self.choices)
        return found


@dataclass
class HeaderPlan:
    row: int  # 0-based index of the header row
    columns: list[ColumnPlan] = field(default_factory=list)
    # columns that name something already taken, with the heading of the column used instead
    duplicates: list[tuple[ColumnPlan, str]] = field(default_factory=list)
    # headings the user mapped that the header row does not have
    not_found: list[str] = field(default_factory=list)

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


def _known(cell: Cell, chosen: Mapping[str, str]) -> bool:
    if cell == "":
        return False
    heading = cell_text(cell)
    return heading in chosen or is_heading(heading)


def find_header_row(
    rows: list[list[Cell]], layout: Layout, chosen: Mapping[str, str] | None = None
) -> int | None:
    """The first of the top rows naming the most roster columns (at least two), if any."""
    best, best_count = None, MIN_MATCHES - 1
    picked = {h.strip(): t for h, t in (chosen or {}).items()}
    for index, row in enumerate(rows[:SCAN_ROWS]):
        count = sum(1 for cell in row[:SCAN_COLUMNS] if _known(cell, picked))
        if count > best_count:
            best, best_count = index, count
    return best


def plan_columns(
    header: list[Cell], index: int, layout: Layout, chosen: Mapping[str, str] | None = None
) -> HeaderPlan:
    """What each column of the header row holds. `chosen` is the user's mapping (heading ->
    field, part or nothing); it wins. Where two columns name one field (or a name part sits
    beside a full-name column), the surer match is read and the other is kept as HR's own
    column; between equals, the first."""
    plan = HeaderPlan(row=index)
    shown = [_shown(col, cell) for col, cell in enumerate(header)]
    users = _users(shown, resolve_choices(chosen or {}), plan)
    classified = [
        _plan(col, heading, users.get(col) or match_heading(heading if header[col] != "" else ""))
        for col, heading in enumerate(shown)
    ]
    present = {c.name for c in classified if c.target == "field"}
    parts_of: dict[str, str] = {d.part: d.field for d in layout.spec.derived}
    taken: dict[str, ColumnPlan] = {}
    lost: dict[int, str] = {}
    for col in sorted(classified, key=_claim_order):
        name = col.name
        if col.target not in ("field", "part"):
            continue
        if name in taken:
            lost[col.index] = taken[name].heading
        elif col.target == "part" and parts_of[name] in present:
            lost[col.index] = ""
        else:
            taken[name] = col
    extra_keys: set[str] = set()
    for col in classified:
        if col.index in lost:  # kept as HR's own, offering what it lost to
            plan.duplicates.append((col, lost[col.index]))
            col = ColumnPlan(col.index, col.heading, "extra", "", None, col.confidence, (col.name,))
        if col.target == "extra":
            key = _unique(col.heading, extra_keys)
            extra_keys.add(key)
            col = ColumnPlan(
                col.index, col.heading, "extra", key, col.how, col.confidence, col.choices
            )
        plan.columns.append(col)
    return plan


def _claim_order(col: ColumnPlan) -> tuple[int, float, int]:
    return (col.how != "user", -col.confidence, col.index)


def _shown(col: int, cell: Cell) -> str:
    return (cell_text(cell) if cell != "" else "") or f"Column {column_letter(col)}"


def _users(
    shown: list[str], resolved: dict[str, tuple[Target, str]], plan: HeaderPlan
) -> dict[int, Match]:
    """The user's choices by column: a heading as shown, else as compared (case, spaces)."""
    exact = {heading: i for i, heading in reversed(list(enumerate(shown)))}
    by_key = {normalise(heading): i for i, heading in reversed(list(enumerate(shown)))}
    found: dict[int, Match] = {}
    for heading, (target, name) in resolved.items():
        index = exact.get(heading, by_key.get(normalise(heading)))
        if index is None:
            plan.not_found.append(heading)
        else:
            found[index] = user_match(target, name)
    return found


def _plan(col: int, heading: str, m: Match) -> ColumnPlan:
    name = m.name if m.target in ("field", "part", "report") else heading
    return ColumnPlan(col, heading, m.target, name, m.how, m.confidence, m.choices)


def _unique(heading: str, used: set[str]) -> str:
    name, n = heading, 2
    while name in used:
        name, n = f"{heading} ({n})", n + 1
    return name
