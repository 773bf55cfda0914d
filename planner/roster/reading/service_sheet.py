"""The Service and Teams sheets of a roster workbook: what the service is and which teams it has.

The Service sheet is a list of labels (column A) and values (the cell to the right of each
label; a third column holds notes): service name, local authority, LA code, adult population and as-of date. The Teams sheet
is a table with a Team and a Kind column. A roster without these sheets (an HR export, a CSV)
still imports: the name comes from the file, the as-of date is today, and the teams are the
ones named in the Team column, each of kind community unless its name says otherwise.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.reference.framework import TeamKind
from planner.roster.layout import Layout, normalise
from planner.roster.values import Bad, Cell, cell_text, parse_date_text, serial_date
from planner.workforce.problems import Problem

SERVICE_SHEET = "Service"
TEAMS_SHEET = "Teams"
NOT_GIVEN = "Not given"
_KIND_HEADINGS = {"kind", "teamkind", "type", "teamtype", "kindofteam"}
_TEAM_HEADINGS = {"team", "teamname", "name"}


@dataclass
class ServiceInfo:
    values: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # 1-based row of each label
    problems: list[Problem] = field(default_factory=list)


def read_service_sheet(rows: list[list[Cell]], layout: Layout) -> ServiceInfo:
    info = ServiceInfo()
    for r, row in enumerate(rows):
        first = next((c for c, v in enumerate(row) if cell_text(v)), None)
        if first is None:
            continue
        key = layout.service_labels.get(normalise(cell_text(row[first])))
        if key is None or key in info.rows:
            continue
        info.rows[key] = r + 1
        value = row[first + 1] if first + 1 < len(row) else ""
        parsed = _service_value(key, value)
        if isinstance(parsed, Bad):
            info.problems.append(_problem(layout, key, r + 1, value, parsed.message))
        elif parsed is not None:
            info.values[key] = parsed
    return info


def _service_value(key: str, value: Cell) -> Any:
    if cell_text(value) == "":
        return None
    if key == "as_of":
        if isinstance(value, date):
            return value if value.__class__ is date else value.date()  # type: ignore[attr-defined]
        if isinstance(value, float | int) and not isinstance(value, bool):
            return serial_date(value)
        return parse_date_text(cell_text(value))
    if key == "adult_population":
        text = cell_text(value).replace(",", "")
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):  # 'inf', 'nan' and '1e999' are floats to Python, not to HR
            return Bad(f"{cell_text(value)!r} is not a number of people")
        if number != int(number):
            return Bad(f"{cell_text(value)!r} is not a whole number of people")
        return int(number)
    text = cell_text(value)
    return text.upper() if key == "la_code" else text


def _problem(layout: Layout, key: str, row: int | None, value: Cell, message: str) -> Problem:
    label = layout.spec.service_sheet[key].label
    return Problem(
        severity="error",
        code="invalid_service_value",
        message=f"{label}: {message}.",
        column=label,
        value=cell_text(value) or None,
        sheet=SERVICE_SHEET,
        row=row,
    )


def guess_kind(name: str, layout: Layout) -> TeamKind:
    """A team's kind from the words of its name ("AMHP Hub 2" is an AMHP service), else community."""
    words = _words(name)
    for kind, choice in layout.spec.choices["team_kind"].items():
        if kind in ("community", "other"):
            continue
        for text in (choice.label, *choice.synonyms):
            phrase = _words(text)
            if any(words[i : i + len(phrase)] == phrase for i in range(len(words))):
                return kind  # type: ignore[return-value]
    return "community"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def read_teams_sheet(
    rows: list[list[Cell]], layout: Layout
) -> tuple[list[dict[str, str]], list[Problem]]:
    """Teams in sheet order, each as {"name", "kind"}, and the problems found."""
    header = _teams_header(rows)
    if header is None:
        return [], [
            Problem(
                severity="warning",
                code="teams_sheet_unreadable",
                message="The Teams sheet has no Team and Kind headings; teams are taken from the roster.",
                sheet=TEAMS_SHEET,
            )
        ]
    r0, team_col, kind_col = header
    teams: list[dict[str, str]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for r in range(r0 + 1, len(rows)):
        row = rows[r]
        name = cell_text(row[team_col]) if team_col < len(row) else ""
        kind_text = cell_text(row[kind_col]) if kind_col is not None and kind_col < len(row) else ""
        if not name:
            continue
        if name in seen:
            problems.append(_team_problem(r, "Team", name, f"Team {name!r} is listed twice."))
            continue
        seen.add(name)
        kind = layout.choice("team_kind", kind_text) if kind_text else guess_kind(name, layout)
        if kind is None:
            kind = guess_kind(name, layout)
            labels = ", ".join(c.label for c in layout.spec.choices["team_kind"].values())
            problems.append(
                _team_problem(
                    r,
                    "Kind",
                    kind_text,
                    f"{kind_text!r} is not a kind of team ({labels}); "
                    f"{name} is taken as {layout.choice_label('team_kind', kind)}.",
                )
            )
        teams.append({"name": name, "kind": kind})
    return teams, problems


def _teams_header(rows: list[list[Cell]]) -> tuple[int, int, int | None] | None:
    for r, row in enumerate(rows[:20]):
        keys = [normalise(cell_text(v)) for v in row]
        team = next((c for c, k in enumerate(keys) if k in _TEAM_HEADINGS), None)
        kind = next((c for c, k in enumerate(keys) if k in _KIND_HEADINGS), None)
        if team is not None:
            return r, team, kind
    return None


def _team_problem(r: int, column: str, value: str, message: str) -> Problem:
    return Problem(
        severity="warning",
        code="team_listing",
        message=message,
        column=column,
        value=value,
        sheet=TEAMS_SHEET,
        row=r + 1,
    )
