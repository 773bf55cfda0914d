"""The councils compared, as a workbook: one table of each council's AMHPs and duty FTE per
100,000 against its target, the national benchmark and the minimum, a row per council and year
(now, then each projection year, the councils together within a year so a printed page compares
them), those below the minimum filled red, and a column chart of the councils' AMHPs per 100,000
with a column for now and each year and the minimum as a line. Written only from a `Comparison` (aggregates, no names or staff ids); every text cell
goes through the shared formula-safe writers, and a suppressed figure is the word
"suppressed".
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner.disclosure.councils import Comparison, CouncilRow
from planner.disclosure.suppression import Suppressed
from planner.roster.writing.workbook import (
    Formats,
    Target,
    new_workbook,
    text_writer,
    write_headings,
)

SHEET = "Councils"
CHART_SHEET = "Chart data"
HEADINGS = (
    "Council",
    "Period",
    "Population basis",
    "Population",
    "AMHPs",
    "AMHPs per 100,000",
    "Duty FTE",
    "Duty FTE per 100,000",
    "Target per 100,000",
    "National AMHPs per 100,000",
    "National FTE per 100,000",
    "Minimum per 100,000",
    "Below the minimum",
    "Note",
)
BELOW_WORDS = {True: "Below", False: "At or above", None: "Not known"}
RATE_COLUMN = HEADINGS.index("AMHPs per 100,000")
BELOW_COLUMN = HEADINGS.index("Below the minimum")
# a colour per period, now first (darkest), fading with the years
YEAR_COLOURS = ("#1F3B73", "#1F77B4", "#4A98C9", "#74B3D8", "#9ECAE1", "#C6DBEF", "#DEEBF7")


def council_cells(row: CouncilRow, minimum: float) -> tuple[object, ...]:
    """One row of the table (the page shows these too)."""
    return (
        row.council,
        row.period,
        row.basis,
        row.population,
        row.amhps,
        row.amhps_per_100k,
        row.duty_fte,
        row.duty_fte_per_100k,
        row.target_per_100k,
        row.national_per_100k,
        row.national_fte_per_100k,
        minimum,
        BELOW_WORDS[row.below_minimum],
        row.note,
    )


def council_table(c: Comparison) -> list[tuple[object, ...]]:
    return [
        tuple(str(v) if isinstance(v, Suppressed) else v for v in council_cells(r, c.minimum))
        for r in c.rows
    ]


class _Writer:
    def __init__(self, wb: Workbook) -> None:
        self.fmt = Formats(wb)
        self.number = wb.add_format({"num_format": "#,##0.0#"})
        self.count = wb.add_format({"num_format": "#,##0"})
        self.right = wb.add_format({"align": "right"})
        self.red = wb.add_format({"bg_color": "#F4B6B6"})
        self.red_number = wb.add_format({"bg_color": "#F4B6B6", "num_format": "#,##0.0#"})

    def put(self, ws: Worksheet, r: int, col: int, value: object, below: bool) -> None:
        if value is None or value == "":
            return
        if isinstance(value, str):
            if col >= 3 and value == str(Suppressed()):
                ws.write_string(r, col, value, self.right)
            else:
                text_writer(ws, self.fmt)(r, col, value)
        elif isinstance(value, int | float):
            fmt = self.red_number if below and col == RATE_COLUMN else self.number
            if float(value).is_integer() and col in (3, 4):
                fmt = self.count
            ws.write_number(r, col, value, fmt)


def _chart(wb: Workbook, c: Comparison, n: int) -> Any:
    """Columns of each council's AMHPs per 100,000, one series for now and each year, and the
    minimum as a dashed line across them."""
    chart = wb.add_chart({"type": "column"})
    for k, years_ahead in enumerate(c.years, start=1):
        chart.add_series(
            {
                "name": [CHART_SHEET, 0, k],
                "categories": [CHART_SHEET, 1, 0, n, 0],
                "values": [CHART_SHEET, 1, k, n, k],
                "fill": {"color": YEAR_COLOURS[min(years_ahead, len(YEAR_COLOURS) - 1)]},
            }
        )
    line = wb.add_chart({"type": "line"})
    minimum = len(c.years) + 1
    line.add_series(
        {
            "name": f"Minimum ({c.minimum:g})",
            "categories": [CHART_SHEET, 1, 0, n, 0],
            "values": [CHART_SHEET, 1, minimum, n, minimum],
            "line": {"color": "#C00000", "dash_type": "dash", "width": 2},
            "marker": {"type": "none"},
        }
    )
    chart.combine(line)
    chart.set_title({"name": "AMHPs per 100,000 by council, now and in each year, and the minimum"})
    chart.set_y_axis({"name": "AMHPs per 100,000", "min": 0})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 900, "height": 420})
    return chart


def _chart_data(ws: Worksheet, w: _Writer, c: Comparison) -> int:
    """Each council's rate in each period, a column a period (suppressed or missing: blank,
    so the chart draws no column rather than a zero)."""
    headings = ("Council", *(c.period_label(k) for k in c.years), "Minimum")
    write_headings(ws, w.fmt, headings, 0)
    councils = [r.council for r in c.rows_for(0)]
    for i, council in enumerate(councils, start=1):
        text_writer(ws, w.fmt)(i, 0, council)
        for k, years_ahead in enumerate(c.years, start=1):
            row = c.rows_for(years_ahead)[i - 1]
            rate = row.amhps_per_100k
            if isinstance(rate, int | float):
                ws.write_number(i, k, rate, w.number)
            elif rate is not None:
                ws.write_string(i, k, str(rate))
        ws.write_number(i, len(c.years) + 1, c.minimum, w.number)
    ws.set_column(0, 0, 40)
    ws.set_column(1, len(c.years) + 1, 16)
    return len(councils)


def write_councils_workbook(c: Comparison, target: Target) -> None:
    wb = new_workbook(target)
    w = _Writer(wb)
    ws = wb.add_worksheet(SHEET)
    data = wb.add_worksheet(CHART_SHEET)
    ws.write_string(0, 0, "AMHPs and duty FTE per 100,000 across councils", w.fmt.title)
    ws.write_string(
        1,
        0,
        f"Councils below the minimum of {c.minimum:g} AMHPs per 100,000 in a year are filled "
        "red. Suppressed figures are never worked out.",
    )
    top = 3
    write_headings(ws, w.fmt, HEADINGS, top)
    for r, (row, cells) in enumerate(zip(c.rows, council_table(c), strict=True), start=top + 1):
        below = bool(row.below_minimum)
        for col, value in enumerate(cells):
            w.put(ws, r, col, value, below)
        if below:
            ws.write_string(r, BELOW_COLUMN, BELOW_WORDS[True], w.red)
    for col, h in enumerate(HEADINGS):
        width = max([len(h)] + [len(str(cells[col])) for cells in council_table(c)])
        ws.set_column(col, col, min(width + 2, 60))
    ws.freeze_panes(top + 1, 1)
    notes_at = top + len(c.rows) + 2
    for k, note in enumerate(c.notes):
        text_writer(ws, w.fmt)(notes_at + k, 0, note)
    n = _chart_data(data, w, c)
    if n:
        ws.insert_chart(notes_at + len(c.notes) + 1, 0, _chart(wb, c, n))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.activate()
    wb.close()
