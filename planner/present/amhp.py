"""The AMHP sufficiency page's content, for a commissioner: aggregates only.

Every table and chart here is built from counts and rates in `AmhpSufficiency`; none reads the
staff-id lists the analysis keeps for its findings, so no name or id can reach the page.
"""

from __future__ import annotations

import io
from typing import Any, Literal

import altair as alt
from pydantic import ValidationError

from planner.analysis.findings import Finding
from planner.analysis.results import AmhpSufficiency
from planner.disclosure.aggregates import CommissionerView, commissioner_json
from planner.reference.policy import Policy
from planner.workbooks.commissioner import (
    SERVICE_LABEL,
    Cell,
    Table,
    commissioner_tables,
    write_commissioner_workbook,
)
from planner.workforce.models import Service

SERVICE = "This service"


MEASURE_WORDS = {"headcount": "AMHPs", "fte": "full-time equivalents"}


def benchmark_rows(a: AmhpSufficiency) -> list[dict[str, Any]]:
    """The service per 100,000 people of all ages, as the benchmarks are (its FTE too where a
    benchmark counts FTE), then each benchmark with its year, basis and what it counted."""
    rows: list[dict[str, Any]] = []
    if a.per_100k_people is not None:
        rows.append(_service_row(SERVICE, a.per_100k_people, "headcount", a))
    if a.fte_per_100k_people is not None and any(b.measure == "fte" for b in a.benchmarks):
        rows.append(_service_row(f"{SERVICE} (FTE)", a.fte_per_100k_people, "fte", a))
    rows += [
        {
            "Label": f"{b.label} ({b.year or 'undated'})",
            "Per 100k": b.per_100k,
            "Basis": b.basis,
            "Counted as": MEASURE_WORDS[b.measure],
            "Source": b.citation,
        }
        for b in a.benchmarks
    ]
    return rows


def _service_row(label: str, value: float, measure: str, a: AmhpSufficiency) -> dict[str, Any]:
    source = next((b.source for b in a.bases if b.basis == "all_ages"), a.population.source)
    return {
        "Label": label,
        "Per 100k": value,
        "Basis": "people of all ages",
        "Counted as": MEASURE_WORDS[measure],
        "Source": f"population: {source}",
    }


def basis_rows(a: AmhpSufficiency) -> list[dict[str, Any]]:
    """The AMHP figures on the policy's population basis and on the other, side by side."""
    return [
        {
            "Population basis": b.words + (" (used)" if b.used else ""),
            "People": b.population,
            "AMHPs per 100,000": b.per_100k,
            "AMHPs for the target": b.headcount_for_target,
            "Assessments a year": b.assessments_per_year,
            "Where the figure comes from": b.source,
        }
        for b in a.bases
    ]


def benchmark_chart(a: AmhpSufficiency) -> alt.LayerChart:
    tooltip = ["Label:N", "Per 100k:Q", "Basis:N", "Counted as:N"]
    return per_100k_chart(benchmark_rows(a), SERVICE, a.target_per_100k, tooltip)


def per_100k_chart(
    rows: list[dict[str, Any]], service: str, target: float, tooltip: list[str]
) -> alt.LayerChart:
    """Bars of AMHPs per 100,000 (the service's own bar darker) with the target as a red line:
    the principal social worker's chart and the commissioner's release draw the same way."""
    bars = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("Label:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("Per 100k:Q", title="AMHPs per 100,000"),
            color=alt.condition(
                alt.datum.Label == service, alt.value("#1f77b4"), alt.value("#9ecae1")
            ),
            tooltip=tooltip,
        )
    )
    rule = (
        alt.Chart(alt.InlineData(values=[{"Target": target}]))
        .mark_rule(color="#d62728", strokeWidth=2)
        .encode(x="Target:Q", tooltip=["Target:Q"])
    )
    return alt.LayerChart(layer=[bars, rule])


def demand_rows(a: AmhpSufficiency) -> list[dict[str, Any]]:
    rows = [{"Hours a year": "AMHP duty hours available", "Hours": round(a.duty_hours)}]
    if a.demand_hours is not None:
        rows.insert(0, {"Hours a year": "Assessment demand", "Hours": round(a.demand_hours)})
    return rows


def demand_chart(a: AmhpSufficiency) -> alt.Chart:
    chart: alt.Chart = (
        alt.Chart(alt.InlineData(values=demand_rows(a)))
        .mark_bar()
        .encode(
            y=alt.Y("Hours a year:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("Hours:Q", title="Hours a year"),
            tooltip=["Hours a year:N", "Hours:Q"],
        )
    )
    return chart


def rota_rows(a: AmhpSufficiency) -> list[dict[str, Any]]:
    return [
        {
            "Shift": r.shift,
            "Hours a week": r.hours_per_week,
            "Assessments per hour": round(r.arrival_rate_per_hour, 3),
            "AMHPs needed": r.amhps_needed,
            "Within target time": f"{r.share_within_target:.0%}",
            "Mean wait (hours)": round(r.mean_wait_hours, 2),
            "Utilisation": f"{r.utilisation:.0%}",
        }
        for r in a.rota
    ]


def horizon_rows(a: AmhpSufficiency) -> list[dict[str, Any]]:
    return [
        {
            "Month": m.month.isoformat(),
            "AMHPs": m.headcount,
            "Expired": m.expired,
            "Left": m.left,
            "Trainees qualified": m.qualified,
            "With turnover": round(m.expected_with_turnover, 1),
        }
        for m in a.horizon.months
    ]


def horizon_chart(a: AmhpSufficiency) -> alt.Chart:
    chart: alt.Chart = (
        alt.Chart(alt.InlineData(values=horizon_rows(a)))
        .transform_fold(["AMHPs", "With turnover"], as_=["Line", "Headcount"])
        .mark_line(point=True)
        .encode(
            x=alt.X("Month:T", title=None),
            y=alt.Y("Headcount:Q", title="AMHPs"),
            color=alt.Color("Line:N", title=None),
            tooltip=["Month:T", "Line:N", "Headcount:Q"],
        )
    )
    return chart


def horizon_counts(a: AmhpSufficiency) -> dict[str, int]:
    """How many approvals lapse, AMHPs leave and trainees qualify by the horizon: counts only."""
    h = a.horizon
    return {
        "Approvals expiring": len(h.expiring),
        "AMHPs leaving": len(h.leaving),
        "Trainees qualifying": len(h.trainees_qualifying),
        "CPD short or not recorded": len(h.cpd_short) + len(h.cpd_not_recorded),
    }


def population_line(a: AmhpSufficiency) -> str:
    p = a.population
    if p.adults is None or p.all_ages is None:
        return f"Population: none ({p.note or 'none given'})."
    year = f" {p.year}" if p.year else ""
    used = a.bases[0]
    line = (
        f"Population: {p.all_ages:,} people of all ages, {p.adults:,} adults ({p.source}{year}); "
        f"the target and demand are set against {used.words}."
    )
    if p.note:
        line += f" {p.note[0].upper()}{p.note[1:]}."
    return line


POPULATION_FIELD = {"all_ages": "all_ages_population", "adults_18_plus": "adult_population"}


def with_inputs(
    service: Service, policy: Policy, people: int, rate: float, hours: float, shown: int
) -> tuple[Service, Policy] | list[str]:
    """The service and policy this page uses, or the reasons the inputs are refused. `people`
    is the population on the policy's basis; it is only used when it differs from the one
    `shown` (which may be ONS's), and then the other basis is estimated from it."""
    try:
        changed = policy.with_changes(
            assessments_per_100k_per_year=rate, amhp_hours_per_assessment=hours
        )
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    if people == shown:
        return service, changed
    field = POPULATION_FIELD[policy.population_basis]
    other = next(f for f in POPULATION_FIELD.values() if f != field)
    try:
        return Service.model_validate({**service.model_dump(), field: people, other: None}), changed
    except ValidationError as exc:
        return [f"Population: {e['msg']}" for e in exc.errors()]


# Material icons, not emoji: headless Chromium has no emoji font and shows empty boxes.
SEVERITY_ICON = {
    "red": ":red[:material/error:]",
    "amber": ":orange[:material/warning:]",
    "green": ":green[:material/check_circle:]",
}


def names_nobody(f: Finding, a: AmhpSufficiency) -> bool:
    """A finding whose evidence is nothing or only rota shifts (the rota finding's) names no one;
    the other AMHP findings' evidence is staff ids."""
    return set(f.evidence) <= {s.shift for s in a.rota}


def aggregate_findings(a: AmhpSufficiency) -> list[str]:
    """The service-wide findings, those that name nobody, as the Overview words them."""
    return [f"{SEVERITY_ICON[f.severity]} {f.message}" for f in a.findings if names_nobody(f, a)]


def with_rota_targets(
    policy: Policy, wait_hours: float, share: float, min_per_shift: int
) -> Policy | list[str]:
    """The policy with the rota's service-level targets changed, or why they are refused."""
    try:
        return policy.with_changes(
            wait_target_hours=wait_hours,
            wait_target_share=share,
            min_amhps_per_shift=min_per_shift,
        )
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def commissioner_file(view: CommissionerView, kind: Literal["xlsx", "json"]) -> bytes:
    """The commissioner's aggregates as a download: the workbook or the JSON."""
    if kind == "json":
        return commissioner_json(view).encode("utf-8")
    buffer = io.BytesIO()
    write_commissioner_workbook(view, buffer)
    return buffer.getvalue()


def commissioner_file_name(view: CommissionerView, kind: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in view.service).strip("-").lower()
    return f"{stem}-amhp-aggregates-{view.as_of:%Y-%m-%d}.{kind}"


def table_rows(table: Table) -> list[dict[str, Cell]]:
    """A table of the commissioner's workbook as the page's rows: the same cells. A column
    that mixes words and numbers is shown as text (as the browser table must), each number
    written as the workbook shows it: 10, not 10.0."""
    mixed = {
        c
        for c in range(len(table.headings))
        if any(isinstance(r[c], str) for r in table.rows)
        and any(isinstance(r[c], int | float) and not isinstance(r[c], bool) for r in table.rows)
    }
    return [
        {
            h: _as_text(v) if c in mixed else v
            for c, (h, v) in enumerate(zip(table.headings, row, strict=True))
        }
        for row in table.rows
    ]


def _as_text(value: Cell) -> Cell:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, int | float) else value


def percent_columns(table: Table) -> list[str]:
    return [h for h, kind in zip(table.headings, table.kinds, strict=True) if kind == "percent"]


def release_chart(view: CommissionerView) -> alt.LayerChart:
    """The Benchmarks table of a release as a chart: the service (when its rate is published)
    beside each benchmark, with the target as a red line."""
    table = next(t for t in commissioner_tables(view) if t.sheet == "Benchmarks")
    rows = [{"Label": r[0], "Per 100k": r[2]} for r in table.rows]
    return per_100k_chart(rows, SERVICE_LABEL, view.target_per_100k, ["Label:N", "Per 100k:Q"])
