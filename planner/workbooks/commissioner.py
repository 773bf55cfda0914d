"""The commissioner's workbook: the aggregates of a `CommissionerView`, one table per sheet.

Written only from the view, which holds no names or staff ids; every text cell goes through the
shared formula-safe writers of `planner.roster.writing.workbook`, so a team or service name that starts like
a formula stays text. Suppressed counts are written as their words ("fewer than 5").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsxwriter.workbook import Workbook

from planner.disclosure.aggregates import Breakdown, CommissionerView, RotaLine
from planner.disclosure.suppression import Suppressed
from planner.reference.policy import BASIS_WORDS
from planner.roster.writing.workbook import (
    Formats,
    Target,
    new_workbook,
    raw_writer,
    write_headings,
)

_MEASURE = {"headcount": "AMHPs", "fte": "full-time equivalents"}


def _cell(value: Any) -> Any:
    return str(value) if isinstance(value, Suppressed) else value


def _table(
    wb: Workbook, fmt: Formats, name: str, headings: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    ws = wb.add_worksheet(name)
    ws.set_column(0, 0, 32)
    ws.set_column(1, len(headings), 16)
    write_headings(ws, fmt, headings)
    put = raw_writer(ws, fmt)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is not None:
                put(r, c, _cell(value), None)


def _summary(v: CommissionerView) -> list[tuple[str, Any]]:
    return [
        ("Service", v.service),
        ("Local authority", v.local_authority),
        ("As of", v.as_of),
        ("AMHPs with current approval", v.amhp_headcount),
        ("AMHP FTE", v.amhp_fte),
        ("Duty FTE", v.duty_fte),
        ("Population basis of the target and demand", BASIS_WORDS.get(v.population_basis)),
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
        ("Supervisors", v.supervision.supervisors),
        ("May supervise", v.supervision.may_supervise),
        ("Supervision hours owed a month", v.supervision.hours_owed_a_month),
        ("Supervision hours allowed a month", v.supervision.hours_allowed_a_month),
        ("Supervision hours available a month", v.supervision.hours_available_a_month),
        ("Counts below this are suppressed", v.disclosure_threshold),
    ]


def _breakdown_rows(b: Breakdown) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [(r.label, r.workers, r.amhps) for r in b.rows]
    return [*rows, ("Total", b.workers, b.amhps)]


def _rota_row(r: RotaLine) -> tuple[Any, ...]:
    return (
        r.shift,
        r.hours_per_week,
        r.amhps_needed,
        r.share_within_target,
        r.mean_wait_hours,
        r.utilisation,
    )


def write_commissioner_workbook(view: CommissionerView, target: Target) -> None:
    wb = new_workbook(target)
    fmt = Formats(wb)
    _table(wb, fmt, "Summary", ("Figure", "Value"), _summary(view))
    _table(
        wb,
        fmt,
        "Benchmarks",
        ("Benchmark", "Year", "Per 100,000", "Basis", "Counted as"),
        [
            (b.label, b.year or "undated", b.per_100k, b.basis, _MEASURE[b.measure])
            for b in view.benchmarks
        ],
    )
    _table(
        wb,
        fmt,
        "Rota",
        ("Shift", "Hours a week", "AMHPs needed", "Within target", "Mean wait (h)", "Utilisation"),
        [_rota_row(r) for r in view.rota],
    )
    _table(
        wb,
        fmt,
        "Horizon",
        ("Month", "AMHPs", "With turnover"),
        [(m.month, m.amhps, m.with_turnover) for m in view.months]
        + [(), *((name, n) for name, n in view.horizon_counts.items())],
    )
    _table(
        wb,
        fmt,
        "Approval expiries",
        ("Pseudonym", "Approval expires (month)"),
        [(e.pseudonym, e.expires) for e in view.approval_expiries],
    )
    _table(
        wb,
        fmt,
        "Posts",
        ("Post", "Needed", "Covered", "Not covered"),
        [(p.post, p.needed, p.covered, p.not_covered) for p in view.posts],
    )
    _table(wb, fmt, "By team", ("Team", "Workers", "AMHPs"), _breakdown_rows(view.by_team))
    _table(
        wb, fmt, "By age band", ("Age band", "Workers", "AMHPs"), _breakdown_rows(view.by_age_band)
    )
    _table(wb, fmt, "Notes", ("Note",), [(n,) for n in view.notes])
    wb.close()
