"""The Summary sheet (the service, the actions with their findings in red/amber/green, the policy
values used), the Policy values sheet (every policy value with its default, its source and the
clause in it) and the Sources sheet (every source in data/sources.yaml), so every figure in the
workbook can be traced to a publication. Two sheets rather than one, so each table's headings
print atop every page of it and each has the column widths it reads best at."""

from __future__ import annotations

import json
from typing import Any

from planner.analysis.findings import by_severity
from planner.reference.framework import load_framework
from planner.workbooks.plan.sheet import Book, Cell


def _value(value: Any) -> Cell:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return json.dumps(value)  # the rota and the departure weights are lists and tables


def write_summary(book: Book) -> None:
    r, plan = book.report, book.plan
    s = book.sheet("Summary")
    # Findings are sentences: wide enough to read, wrapped beyond; beside RAG and area they
    # fill the page across. The values above and below share the columns and wrap to fit, the
    # policy values' longest (the rota) under the findings, so the sheet is one page across.
    for col, width in enumerate((30, 24, 64, 20, 24)):
        s.wrap_at(col, width)
    s.title(f"Succession plan: {r.service}")
    no_successor = sum(1 for p in plan.positions if not p.successors)
    s.pairs(
        [
            ("Service", r.service),
            ("Local authority", r.local_authority),
            ("As of", r.as_of),
            ("Horizon ends", plan.horizon_end),
            ("Workers", r.headcount),
            ("AMHPs", r.amhp.headcount),
            ("AMHPs for the target", r.amhp.headcount_for_target),
            ("Critical positions", len(plan.positions)),
            ("Positions with no successor", no_successor),
            ("People with development actions", len(plan.development)),
        ]
    )
    s.heading("What to do: each action with the findings behind it, then what is fine")
    rows: list[list[Cell]] = [
        [f.severity, f"{n}. {a.title}", f.message]
        for n, a in enumerate(r.actions, start=1)
        for f in a.findings
    ]
    rows += [[f.severity, "Succession plan", f.message] for f in by_severity(plan.findings)]
    rows += [[f.severity, "Fine", f.message] for f in r.findings if f.severity == "green"]
    s.table(["RAG", "Action", "Finding"], rows, main=True, rag=(0,))
    s.heading("Policy values used")
    s.table(
        ["Policy value", "Changed from default", "Value", "Unit", "Source"],
        [[p.name, p.changed, _value(p.value), p.unit, p.source] for p in r.policy],
    )
    s.finish()
    s.ws.activate()


def write_policy_values(book: Book) -> None:
    """Every policy value: the value used, its default, and where the default comes from (the
    source's id, the publication being on the Sources sheet, and the clause in it)."""
    s = book.sheet("Policy values")
    # Fitted to one page across at 8.5 pt or larger: the widest text wraps.
    for col, width in enumerate((30, 12, 20, 20, 12, 30, 14, 24)):
        s.wrap_at(col, width)
    s.title("Policy values: the value used, the default and where the default comes from")
    s.table(
        [
            "Policy value",
            "Group",
            "Value",
            "Default",
            "Unit",
            "What it is",
            "Source",
            "Where in the source",
        ],
        [
            [
                p.name,
                p.group,
                _value(p.value),
                _value(p.default),
                p.unit,
                p.description,
                p.source,
                p.clause,
            ]
            for p in book.report.policy
        ],
        main=True,
    )
    s.finish()


def write_sources(book: Book) -> None:
    """Every publication in data/sources.yaml, by the id the other sheets cite it by."""
    s = book.sheet("Sources")
    for col, width in enumerate((24, 22, 34, 16, 12, 18, 34)):
        s.wrap_at(col, width)
    s.title("Sources")
    sources = load_framework().sources
    s.table(
        ["Source", "Publisher", "Title", "Edition", "Retrieved", "Licence", "Address"],
        [
            [sid, x.publisher, x.title, x.edition, x.retrieved, x.licence, x.url]
            for sid, x in sources.items()
        ],
        main=True,
    )
    s.finish()
