"""The Across councils page's content: the comparison's table for one year (now or a projection
year) and its chart, the councils' AMHPs per 100,000 against the minimum and the target. Built
from a `Comparison` alone, so the page shows what the workbook and the command show."""

from __future__ import annotations

from typing import Any

import altair as alt

from planner.disclosure.councils import Comparison
from planner.workbooks.councils import HEADINGS, council_table

BELOW, AT_OR_ABOVE = "Below", "At or above"
RED, BLUE, GREY = "#C00000", "#1F77B4", "#555555"


def year_table(c: Comparison, years_ahead: int | None = None) -> list[dict[str, Any]]:
    """The table's rows (all years when `years_ahead` is None), as text: "suppressed" stays a
    word and a missing figure is blank."""
    return [
        {h: "" if v is None else str(v) for h, v in zip(HEADINGS, cells, strict=True)}
        for row, cells in zip(c.rows, council_table(c), strict=True)
        if years_ahead is None or row.years_ahead == years_ahead
    ]


def _lines(c: Comparison, years_ahead: int) -> list[dict[str, Any]]:
    """The minimum, and each target that differs from it (the same for every council when one
    policy made the files)."""
    targets = sorted({r.target_per_100k for r in c.rows_for(years_ahead)} - {c.minimum})
    return [{"Line": f"Minimum ({c.minimum:g})", "Per 100k": c.minimum}] + [
        {"Line": f"Target ({t:g})", "Per 100k": t} for t in targets
    ]


def council_chart(c: Comparison, years_ahead: int) -> alt.LayerChart | None:
    """Each council's published AMHPs per 100,000 in the year, red below the minimum, with the
    minimum (and any other target) as dashed lines; None when no council's rate is published."""
    bars = [
        {
            "Council": r.council,
            "Per 100k": r.amhps_per_100k,
            "Below the minimum": BELOW if r.below_minimum else AT_OR_ABOVE,
        }
        for r in c.rows_for(years_ahead)
        if isinstance(r.amhps_per_100k, int | float)
    ]
    if not bars:
        return None
    columns = (
        alt.Chart(alt.InlineData(values=bars))
        .mark_bar()
        .encode(
            x=alt.X("Council:N", sort=None),
            y=alt.Y("Per 100k:Q", title="AMHPs per 100,000"),
            color=alt.Color(
                "Below the minimum:N",
                scale=alt.Scale(domain=[BELOW, AT_OR_ABOVE], range=[RED, BLUE]),
            ),
            tooltip=["Council:N", "Per 100k:Q"],
        )
    )
    lines = _lines(c, years_ahead)
    rules = (
        alt.Chart(alt.InlineData(values=lines))
        .mark_rule(strokeDash=[6, 4], size=2)
        .encode(
            y="Per 100k:Q",
            color=alt.Color(
                "Line:N",
                scale=alt.Scale(
                    domain=[x["Line"] for x in lines], range=[RED] + [GREY] * (len(lines) - 1)
                ),
                title=None,
            ),
            tooltip=["Line:N", "Per 100k:Q"],
        )
    )
    chart: alt.LayerChart = alt.LayerChart(layer=[columns, rules]).resolve_scale(
        color="independent"
    )
    return chart
