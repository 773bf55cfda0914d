"""The commissioner's workbook: the tables of a `CommissionerView`, readable on its own.

`commissioner_tables` lays the view out as tables, and both the workbook and the AMHP page
show exactly these tables, so what a commissioner reads on screen is what they download. The
workbook opens on a summary: each headline rated red, amber or green against its target
(worked out from published figures only), and a chart of the service's AMHPs per 100,000
adults beside the published benchmarks, with the target as a line. Every sheet prints one page
wide. Shares are written as numbers with a
percentage format, so Excel shows 92% and still sums them. Written only from the view, which
holds no names or staff ids; every text cell goes through the shared formula-safe writers, so
a team or service name that starts like a formula stays text. Suppressed counts are written
as the word "suppressed".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner.disclosure.aggregates import Breakdown, CommissionerView, SummaryLine
from planner.disclosure.suppression import Suppressed
from planner.roster.values import excel_serial
from planner.roster.writing.workbook import (
    Formats,
    Target,
    new_workbook,
    text_writer,
    write_headings,
)

Cell = str | int | float | date | None
Kind = Literal["text", "count", "number", "percent", "date", "rating", "year"]
RATING_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", None: "Not rated"}
RAG_FILLS = {"Red": "#F4B6B6", "Amber": "#FFE699", "Green": "#C6EFCE", "Not rated": "#EDEDED"}
SERVICE_LABEL = "This service"
CHART_SHEET = "Benchmarks"


@dataclass(frozen=True)
class Table:
    """One table of the view: a sheet of the workbook and a table on the page."""

    sheet: str
    title: str
    headings: tuple[str, ...]
    kinds: tuple[Kind, ...]
    rows: list[tuple[Cell, ...]]


def _cell(value: object) -> Cell:
    if isinstance(value, Suppressed):
        return str(value)
    if value is None or isinstance(value, str | int | float | date):
        return value
    raise TypeError(f"{value!r} is not a table cell")


def _rows(rows: Sequence[Sequence[object]]) -> list[tuple[Cell, ...]]:
    return [tuple(_cell(v) for v in row) for row in rows]


def _summary(lines: Sequence[SummaryLine]) -> list[tuple[object, ...]]:
    return [(x.measure, RATING_WORDS[x.rating], x.value, x.against) for x in lines]


def _figures(v: CommissionerView) -> list[tuple[object, ...]]:
    s = v.supervision
    return [
        ("AMHPs with current approval", v.amhp_headcount),
        ("AMHP FTE", v.amhp_fte),
        ("Duty FTE", v.duty_fte),
        ("Population basis of the target and demand", v.basis_words),
        ("People of all ages served", v.all_ages_population),
        ("Adults 18+ served", v.adult_population),
        ("AMHPs per 100,000 people of all ages", v.per_100k_people),
        ("AMHPs per 100,000 adults", v.per_100k_adults),
        ("Target per 100,000 (on the population basis)", v.target_per_100k),
        ("AMHPs needed for the target", v.headcount_for_target),
        ("Assessments a year", v.assessments_per_year),
        ("AMHP hours the assessments need", v.demand_hours),
        ("AMHP duty hours available", v.duty_hours),
        ("FTE the rota needs", v.rota_fte_needed),
        ("Supervisors", s.supervisors),
        ("May supervise", s.may_supervise),
        ("Supervision hours owed a month", s.hours_owed_a_month),
        ("Supervision hours allowed a month", s.hours_allowed_a_month),
        ("Supervision hours available a month", s.hours_available_a_month),
        ("Counts below this are suppressed", v.disclosure_threshold),
    ]


def _benchmarks(v: CommissionerView) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    if isinstance(v.per_100k, float | int):
        rows.append((SERVICE_LABEL, v.as_of.year, v.per_100k, v.basis_words))
    rows += [(f"{b.label} ({b.year})", b.year, b.per_100k, b.basis) for b in v.benchmarks]
    return [(*r, v.target_per_100k) for r in rows]


def _projection(v: CommissionerView) -> list[Table]:
    """The projection's years, where the view carries them (a release of version 1 does not)."""
    if v.projection is None:
        return []
    return [
        Table(
            "Projection",
            "AMHPs projected each year if nothing is done (median of the runs)",
            (
                "Date",
                "Years on",
                "Population",
                "AMHPs",
                "AMHPs per 100,000",
                "Duty FTE",
                "Duty FTE per 100,000",
                "AMHPs needed for the target",
            ),
            ("date", "count", "count", "count", "number", "number", "number", "count"),
            _rows(
                [
                    (
                        y.on,
                        y.years_ahead,
                        y.population,
                        y.amhps,
                        y.amhps_per_100k,
                        y.duty_fte,
                        y.duty_fte_per_100k,
                        y.headcount_for_target,
                    )
                    for y in v.projection.years
                ]
            ),
        )
    ]


def _breakdown(b: Breakdown) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [(r.label, r.workers, r.amhps) for r in b.rows]
    return [*rows, ("Total", b.workers, b.amhps)]


def commissioner_tables(v: CommissionerView) -> list[Table]:
    """The view as the tables a commissioner reads, in order; the first is the summary."""
    h = v.horizon
    end = f"{h.end:%d/%m/%Y}"
    return [
        Table(
            "Summary",
            "Summary against targets",
            ("Measure", "Rating", "Value", "Against"),
            ("text", "rating", "text", "text"),
            _rows(_summary(v.summary)),
        ),
        Table(
            "Figures",
            "Headline figures",
            ("Figure", "Value"),
            ("text", "number"),
            _rows(_figures(v)),
        ),
        Table(
            CHART_SHEET,
            "AMHPs per 100,000 against the target and benchmarks",
            ("Benchmark", "Year", "Per 100,000", "Basis", "Target per 100,000"),
            ("text", "year", "number", "text", "number"),
            _rows(_benchmarks(v)),
        ),
        Table(
            "Rota",
            "AMHPs each shift needs",
            (
                "Shift",
                "Hours a week",
                "AMHPs needed",
                "Within wait target",
                "Mean wait (hours)",
                "Utilisation",
            ),
            ("text", "number", "count", "percent", "number", "percent"),
            _rows(
                [
                    (
                        r.shift,
                        r.hours_per_week,
                        r.amhps_needed,
                        r.share_within_target,
                        r.mean_wait_hours,
                        r.utilisation,
                    )
                    for r in v.rota
                ]
            ),
        ),
        Table(
            "Headcount",
            f"AMHP headcount to {end} if nothing is done",
            ("Date", "AMHPs"),
            ("date", "count"),
            _rows([(p.on, p.amhps) for p in h.series]),
        ),
        Table(
            "Changes",
            f"Between {v.as_of:%d/%m/%Y} and {end}",
            ("Change", "AMHPs"),
            ("text", "count"),
            _rows(
                [
                    ("Leaving (planned leaving date)", h.leaving),
                    ("Approval lapsing (not leaving)", h.lapsing),
                    ("Joining (trainees qualifying, approvals starting)", h.joining),
                    ("CPD short or not recorded", h.cpd_short),
                ]
            ),
        ),
        *_projection(v),
        Table(
            "Posts",
            "Posts the service needs",
            ("Post", "Needed", "Covered", "Not covered"),
            ("text", "count", "count", "count"),
            _rows([(p.post, p.needed, p.covered, p.not_covered) for p in v.posts]),
        ),
        Table(
            "By team",
            "Workers and AMHPs by team",
            ("Team", "Workers", "AMHPs"),
            ("text", "count", "count"),
            _rows(_breakdown(v.by_team)),
        ),
        Table(
            "By age band",
            "Workers and AMHPs by age band",
            ("Age band", "Workers", "AMHPs"),
            ("text", "count", "count"),
            _rows(_breakdown(v.by_age_band)),
        ),
        Table("Notes", "Notes", ("Note",), ("text",), _rows([(n,) for n in v.notes])),
    ]


class _Writer:
    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.fmt = Formats(wb)
        self.number = wb.add_format({"num_format": "#,##0.0#"})
        self.count = wb.add_format({"num_format": "#,##0"})
        self.year = wb.add_format({"num_format": "0"})
        self.right = wb.add_format({"align": "right"})
        self.rag = {k: wb.add_format({"bg_color": c, "border": 1}) for k, c in RAG_FILLS.items()}

    def put(self, ws: Worksheet, row: int, col: int, value: Cell, kind: Kind) -> None:
        if value is None:
            return
        if isinstance(value, str):
            if kind == "rating":
                ws.write_string(row, col, value, self.rag.get(value))
            elif kind != "text" and value == str(Suppressed()):
                ws.write_string(row, col, value, self.right)
            else:
                text_writer(ws, self.fmt)(row, col, value)
        elif isinstance(value, date):
            ws.write_number(row, col, excel_serial(value) or 0, self.fmt.date)
        elif kind == "percent":
            ws.write_number(row, col, value, self.fmt.percent)
        elif kind == "year":
            ws.write_number(row, col, value, self.year)
        elif kind == "count" or float(value).is_integer():
            ws.write_number(row, col, value, self.count)
        else:
            ws.write_number(row, col, value, self.number)

    def table(self, ws: Worksheet, t: Table, top: int) -> tuple[int, int]:
        write_headings(ws, self.fmt, t.headings, top)
        for r, row in enumerate(t.rows, start=top + 1):
            for c, value in enumerate(row):
                self.put(ws, r, c, value, t.kinds[c])
        widths = [len(h) for h in t.headings]
        for row in t.rows:
            for c, value in enumerate(row):
                widths[c] = max(widths[c], 11 if isinstance(value, date) else len(str(value)))
        for c, width in enumerate(widths):
            ws.set_column(c, c, min(width + 2, 70))
        return top + 1, top + len(t.rows)


def _chart(wb: Workbook, v: CommissionerView, first: int, last: int) -> Any:
    """Each benchmark's AMHPs per 100,000 as a column (the service's own, first, darker),
    with the target as a red dashed line across them."""
    categories = [CHART_SHEET, first, 0, last, 0]
    columns = wb.add_chart({"type": "column"})
    series: dict[str, Any] = {
        "name": "AMHPs per 100,000",
        "categories": categories,
        "values": [CHART_SHEET, first, 2, last, 2],
        "fill": {"color": "#9ECAE1"},
        "data_labels": {"value": True, "num_format": "0.0"},
    }
    if isinstance(v.per_100k, float | int):
        series["points"] = [{"fill": {"color": "#1F77B4"}}]
    columns.add_series(series)
    target = wb.add_chart({"type": "line"})
    target.add_series(
        {
            "name": f"Target ({v.target_per_100k:g})",
            "categories": categories,
            "values": [CHART_SHEET, first, 4, last, 4],
            "line": {"color": "#C00000", "dash_type": "dash", "width": 2},
            "marker": {"type": "none"},
        }
    )
    columns.combine(target)
    columns.set_title({"name": "AMHPs per 100,000 against the target and benchmarks"})
    columns.set_y_axis({"name": "AMHPs per 100,000", "min": 0})
    columns.set_x_axis({"num_font": {"rotation": -30}})
    columns.set_legend({"position": "bottom"})
    columns.set_size({"width": 760, "height": 380})
    return columns


def _print_setup(ws: Worksheet) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many long as it takes


def write_commissioner_workbook(view: CommissionerView, target: Target) -> None:
    wb = new_workbook(target)
    w = _Writer(wb)
    tables = commissioner_tables(view)
    sheets = {t.sheet: wb.add_worksheet(t.sheet) for t in tables}
    summary = sheets["Summary"]
    summary.write_string(0, 0, f"AMHP sufficiency: {view.service}"[:250], w.fmt.title)
    text_writer(summary, w.fmt)(1, 0, view.local_authority)
    summary.write_string(
        2,
        0,
        f"Figures as of {view.as_of:%d/%m/%Y}; counts of fewer than "
        f"{view.disclosure_threshold} people are suppressed (see Notes).",
    )
    first_rows: dict[str, tuple[int, int]] = {}
    for t in tables:
        ws = sheets[t.sheet]
        top = 4 if t.sheet == "Summary" else 0
        first_rows[t.sheet] = w.table(ws, t, top)
        _print_setup(ws)
        if t.sheet != "Summary":
            ws.freeze_panes(1, 0)
    first, last = first_rows[CHART_SHEET]
    if last >= first:
        summary.insert_chart(5 + len(view.summary) + 1, 0, _chart(wb, view, first, last))
    summary.activate()
    wb.close()
