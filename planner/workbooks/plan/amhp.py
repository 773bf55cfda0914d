"""The AMHP sufficiency sheet: the headline figures, the rota each shift needs (Erlang C), the
training pipeline from the succession plan, and the month-by-month headcount over the horizon
with a native Excel chart of it against the headcount the policy target asks for (Mental Health
Act 1983 s13(1) and s114; SI 2008/1206 for approvals lapsing)."""

from __future__ import annotations

from planner.analysis.results import AmhpSufficiency
from planner.workbooks.plan.sheet import Book, Sheet, month_axes

CHART_PX = (720, 360)
MONTH_HEADINGS = [
    "Month",
    "AMHPs",
    "Expected with turnover",
    "Target",
    "Approvals lapsed",
    "Left",
    "Trainees qualified",
]


def _source(a: AmhpSufficiency, basis: str) -> str:
    return next((b.source for b in a.bases if b.basis == basis), "")


def write_amhp(book: Book) -> None:
    a, pipe = book.report.amhp, book.plan.amhp
    s = book.sheet("AMHP sufficiency")
    s.title("AMHP sufficiency")
    chart_at = s.reserve(CHART_PX[1])  # first, so it prints whole on the first page
    s.pairs(
        [
            ("AMHPs (approval in force)", a.headcount),
            ("FTE", a.fte),
            ("FTE on duty", a.duty_fte),
            ("Population basis (target and demand)", a.bases[0].words),
            ("People of all ages served", a.all_ages_population),
            ("Where that figure comes from", _source(a, "all_ages")),
            ("Adults 18+ served", a.adult_population),
            ("Where that figure comes from", _source(a, "adults_18_plus")),
            ("AMHPs per 100,000 people of all ages", a.per_100k_people),
            ("AMHPs per 100,000 adults", a.per_100k_adults),
            ("Target per 100,000 (on the basis)", a.target_per_100k),
            ("AMHPs the target needs", a.headcount_for_target),
            (f"AMHPs the target would need on {a.bases[1].words}", a.bases[1].headcount_for_target),
            ("Shortfall against the target", a.headcount_shortfall),
            ("Assessments a year", a.assessments_per_year),
            ("AMHP hours they need", a.demand_hours),
            ("Duty hours available", a.duty_hours),
            ("FTE the rota needs", a.rota_fte_needed),
            ("In AMHP training now", pipe.in_training),
            ("Training months", pipe.training_months),
        ]
    )
    s.heading("Rota: AMHPs each shift needs (Erlang C, checked by simulation)")
    s.table(
        [
            "Shift",
            "Hours a week",
            "Share of demand",
            "AMHPs needed",
            "Within wait target",
            "Mean wait (h)",
        ],
        [
            [
                x.shift,
                x.hours_per_week,
                x.demand_share,
                x.amhps_needed,
                x.share_within_target,
                x.mean_wait_hours,
            ]
            for x in a.rota
        ],
    )
    s.heading("Training pipeline: trainees to start each year to hold the target")
    s.table(
        [
            "Year",
            "AMHPs at start",
            "Approvals expiring",
            "Expected renewals",
            "Leavers",
            "Trainees approved",
            "AMHPs at end",
            "Starts needed",
        ],
        [
            [
                y.year,
                y.headcount_start,
                y.expiries,
                y.renewals,
                y.leavers,
                y.completions,
                y.headcount_end,
                y.starts_needed,
            ]
            for y in pipe.years
        ],
    )
    _months(book, s, chart_at)
    s.finish()


def _months(book: Book, s: Sheet, chart_at: int) -> None:
    a = book.report.amhp
    s.heading(f"Month by month to {a.horizon.horizon_end:%d/%m/%Y}, if nothing is done")
    target = a.headcount_for_target
    first, last = s.table(
        MONTH_HEADINGS,
        [
            [m.month, m.headcount, m.expected_with_turnover, target, m.expired, m.left, m.qualified]
            for m in a.horizon.months
        ],
        main=True,
    )
    for note in a.horizon.assumptions:
        s.note(note)
    _chart(book, s, first, last, target is not None, chart_at)


def _chart(book: Book, s: Sheet, first: int, last: int, with_target: bool, chart_at: int) -> None:
    name = s.ws.get_name()
    columns = book.wb.add_chart({"type": "column"})
    columns.add_series(
        {
            "name": "AMHPs",
            "categories": [name, first, 0, last, 0],
            "values": [name, first, 1, last, 1],
            "fill": {"color": "#5B9BD5"},
        }
    )
    line = book.wb.add_chart({"type": "line"})
    line.add_series(
        {
            "name": "Expected with turnover",
            "categories": [name, first, 0, last, 0],
            "values": [name, first, 2, last, 2],
        }
    )
    if with_target:
        line.add_series(
            {
                "name": "Target",
                "categories": [name, first, 0, last, 0],
                "values": [name, first, 3, last, 3],
                "line": {"color": "#C00000", "dash_type": "dash"},
            }
        )
    columns.combine(line)
    columns.set_title({"name": "AMHP headcount against the target"})
    month_axes(columns, 1)
    columns.set_size({"width": CHART_PX[0], "height": CHART_PX[1]})
    s.ws.insert_chart(chart_at, 0, columns)
