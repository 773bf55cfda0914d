"""The Projection sheet: month by month over the policy's horizon, the median and 10th-90th
percentile band of the seeded Monte Carlo runs (planner.whatif.projection) for AMHPs, supervision
slots against supervisees and needed posts covered, with a native line chart of the AMHP band
against the target headcount."""

from __future__ import annotations

from planner.whatif.projection import Projection
from planner.workbooks.plan.sheet import Book, Cell, Sheet, month_axes

CHART_PX = (760, 360)
HEADINGS = [
    "Month",
    "AMHPs (median)",
    "AMHPs (10th percentile)",
    "AMHPs (90th percentile)",
    "AMHPs (planned leavers only)",
    "AMHP target",
    "Supervision slots (median)",
    "Supervisees (median)",
    "Posts covered (median)",
    "Posts needed",
]


def write_projection(book: Book) -> None:
    p = book.projection
    if p is None:  # the caller chose not to project (nothing to show, no empty sheet)
        return
    s = book.sheet("Projection")
    s.title(f"Projection over {p.years} years from {p.as_of:%d/%m/%Y}")
    chart_at = s.reserve(CHART_PX[1])  # first, so it prints whole on the first page
    s.pairs(
        [
            ("Monte Carlo runs", p.runs),
            ("Random seed (same seed, same figures)", p.seed),
            ("Annual turnover (policy)", p.annual_turnover),
            ("AMHP re-approval rate (policy)", p.reapproval_rate),
        ]
    )
    s.heading("Assumptions")
    for line in p.assumptions:
        s.note(line)
    s.row += 1
    first, last = s.table(HEADINGS, _rows(p), main=True)
    _chart(book, s, first, last, p.amhp_target is not None, chart_at)
    s.finish()


def _rows(p: Projection) -> list[list[Cell]]:
    a, slots, sup, posts = p.amhp, p.supervision_slots, p.supervisees, p.posts_covered
    return [
        [
            month,
            a.median[i],
            a.p10[i],
            a.p90[i],
            a.planned[i],
            p.amhp_target,
            slots.median[i],
            sup.median[i],
            posts.median[i],
            p.posts_needed,
        ]
        for i, month in enumerate(p.months)
    ]


def _chart(book: Book, s: Sheet, first: int, last: int, with_target: bool, chart_at: int) -> None:
    if last < first:
        return
    name = s.ws.get_name()
    chart = book.wb.add_chart({"type": "line"})
    series = [(1, "Median", None), (2, "10th percentile", "dash"), (3, "90th percentile", "dash")]
    if with_target:
        series.append((5, "Target", "round_dot"))
    for col, label, dash in series:
        spec: dict[str, object] = {
            "name": label,
            "categories": [name, first, 0, last, 0],
            "values": [name, first, col, last, col],
        }
        if dash:
            spec["line"] = {"dash_type": dash}
        chart.add_series(spec)
    chart.set_title({"name": "AMHPs: median and 10th-90th percentile band"})
    month_axes(chart, 6)
    chart.set_size({"width": CHART_PX[0], "height": CHART_PX[1]})
    s.ws.insert_chart(chart_at, 0, chart)
