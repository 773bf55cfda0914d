"""The Succession plan sheet (each critical position: incumbent, risk band and reasons, the
earliest date the incumbent may reach State Pension age where that is within the horizon,
impact, successors 1-3 each with readiness and gaps) and the Development plans sheet (one row per action,
with a status column the service keeps up to date from a drop-down). TCSW 2014 role category
E.ii, workforce management and succession planning; Appendix One for the gaps."""

from __future__ import annotations

from planner.succession.models import Candidate, PositionPlan
from planner.workbooks.plan.sheet import MAX_ROW, Book, Cell
from planner.workbooks.plan.text import ACTION_KINDS, READINESS, STATUSES, gaps_text

SUCCESSORS = 3


def _successor_cells(book: Book, c: Candidate | None) -> list[Cell]:
    if c is None:
        return [None, None, None, None]
    return [c.staff_id, book.name(c.staff_id), READINESS[c.readiness], gaps_text(c)]


def position_row(book: Book, p: PositionPlan) -> list[Cell]:
    pos = p.position
    row: list[Cell] = [
        pos.key,
        pos.kind,
        pos.name,
        pos.incumbent,
        book.name(pos.incumbent),
        pos.risk.band,
        "; ".join(pos.risk.reasons),
        pos.risk.may_reach_pension_age,
        pos.impact,
    ]
    for k in range(SUCCESSORS):
        row += _successor_cells(book, p.successors[k] if k < len(p.successors) else None)
    return row


def write_positions(book: Book) -> None:
    headings = [
        "Position",
        "Kind",
        "What",
        "Incumbent",
        "Name",
        "Risk",
        "Why",
        "Pension age",  # the earliest day the incumbent may reach it, within the horizon
        "Impact",
    ]
    # Printed, the position and its risk fill the first page across, each successor the next,
    # with the position again at the left of each.
    lead = len(headings)
    groups = [lead + 4 * k for k in range(SUCCESSORS)]
    s = book.sheet("Succession plan", repeated_columns=1, breaks=groups)
    for k in range(1, SUCCESSORS + 1):
        headings += [f"Successor {k}", f"Name {k}", f"Readiness {k}", f"Gaps {k}"]
    first, last = s.table(
        headings, [position_row(book, p) for p in book.plan.positions], main=True, rag=(5,)
    )
    for k in range(SUCCESSORS):
        s.rag_column(lead + 2 + 4 * k, first, last)  # each successor's readiness
    s.finish()


def write_development(book: Book) -> None:
    s = book.sheet("Development plans")
    rows: list[list[Cell]] = [
        [
            d.staff_id,
            book.name(d.staff_id),
            ACTION_KINDS[a.kind],
            a.detail,
            ", ".join(a.for_positions),
            a.target,
            STATUSES[0],
        ]
        for d in book.plan.development
        for a in d.actions
    ]
    headings = ["Person", "Name", "Kind", "What", "For positions", "Target date", "Status"]
    first, _ = s.table(headings, rows, main=True)
    status = len(headings) - 1
    # The drop-down reaches past the rows written so actions added by hand get it too.
    s.ws.data_validation(
        first,
        status,
        MAX_ROW,
        status,
        {
            "validate": "list",
            "source": list(STATUSES),
            "error_title": "Status",
            "error_message": "Pick one of: " + ", ".join(STATUSES) + ".",
        },
    )
    s.finish()
