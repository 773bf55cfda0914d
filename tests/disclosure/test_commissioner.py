"""What a commissioner receives names nobody: no worker name or staff id in the JSON or in any
cell of the workbook, no row per person, small counts hidden, and a horizon that places no
small group of people in time. The workbook reads on its own: a rated summary, a chart,
shares as percentages."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from functools import cache

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.report import analyse
from planner.disclosure.aggregates import CommissionerView, commissioner_json
from planner.disclosure.roles import view_for
from planner.disclosure.suppression import Suppressed
from planner.present.amhp import commissioner_file, commissioner_file_name
from planner.reference.policy import default_policy
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service
from tests.disclosure.test_attack import _counted


def commissioner(service: Service) -> CommissionerView:
    policy = default_policy()
    view = view_for("commissioner", service, analyse(service, policy), policy)
    assert isinstance(view, CommissionerView)
    return view


def workbook(view: CommissionerView) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(commissioner_file(view, "xlsx")))


def workbook_text(view: CommissionerView) -> str:
    wb = workbook(view)
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    return "\n".join(cells)


def assert_names_nobody(service: Service, text: str) -> None:
    lowered = text.lower()
    for w in service.workers:
        assert w.staff_id.lower() not in lowered, w.staff_id
        assert w.name.lower() not in lowered, w.name


@cache
def demo_view() -> tuple[Service, CommissionerView]:
    demo = load_demo()
    return demo, commissioner(demo)


def test_demo_exports_name_nobody() -> None:
    demo, view = demo_view()
    assert_names_nobody(demo, commissioner_json(view))
    assert_names_nobody(demo, workbook_text(view))


@settings(max_examples=6)
@given(st.sampled_from([10, 14, 30, 80, 200]), st.integers(0, 10_000))
def test_generated_service_exports_name_nobody(size: int, seed: int) -> None:
    service = generate_service(size, seed)
    view = commissioner(service)
    assert_names_nobody(service, commissioner_json(view))
    assert_names_nobody(service, workbook_text(view))
    for row in view.by_team.rows:
        if isinstance(row.workers, int):
            assert not 0 < row.workers < 5


def test_no_row_describes_one_person() -> None:
    _, view = demo_view()
    data = json.loads(commissioner_json(view))
    assert "approval_expiries" not in data and "pseudonym" not in json.dumps(data)
    assert "months" not in data  # no month-by-month series


def test_small_teams_read_suppressed_in_both_exports_and_are_not_alone() -> None:
    _, view = demo_view()
    leadership = next(r for r in view.by_team.rows if r.label == "Leadership")
    assert str(leadership.workers) == "suppressed"  # the demo's leadership team is small
    data = json.loads(commissioner_json(view))
    shown = {r["label"]: r["workers"] for r in data["by_team"]["rows"]}
    assert shown["Leadership"] == "suppressed"
    assert "suppressed" in workbook_text(view)
    # no cell says "fewer than 5", a label that would narrow it to 1-4
    assert "fewer than" not in json.dumps({k: v for k, v in data.items() if k != "notes"})
    hidden = [r for r in view.by_team.rows if isinstance(r.workers, Suppressed)]
    assert len(hidden) >= 2, "one hidden team alone could be worked out from the total"


def test_a_service_with_few_amhps_hides_their_figures() -> None:
    demo = load_demo()
    as_of = demo.as_of
    keep = [w for w in demo.workers if not w.is_amhp(as_of)]
    few = [w for w in demo.workers if w.is_amhp(as_of)][:3]
    service = Service.model_validate({**demo.model_dump(), "workers": [*keep, *few]})
    view = commissioner(service)
    assert str(view.amhp_headcount) == "suppressed"
    for figure in (view.amhp_fte, view.duty_fte, view.per_100k, view.duty_hours):
        assert isinstance(figure, Suppressed)
    rated = {line.measure: line.rating for line in view.summary}
    assert rated[f"AMHPs per 100,000 {view.basis_words}"] is None  # a rating would narrow it


def test_the_demo_leaver_in_march_is_not_in_the_series() -> None:
    # The AMHP lead leaves at the end of March 2027: monthly points would show the step.
    _, view = demo_view()
    assert [p.on for p in view.horizon.series] == [date(2026, 11, 1), date(2027, 11, 1)]


def _flows(service: Service, start: date, end: date) -> tuple[int, int, int]:
    """Leavers, lapses and joiners between two dates, counted from the roster directly."""
    as_of = service.as_of
    before = {w.staff_id for w in service.workers if _counted(w, start, as_of)}
    after = {w.staff_id for w in service.workers if _counted(w, end, as_of)}
    left = {
        w.staff_id
        for w in service.workers
        if w.staff_id in before
        and w.planned_leaving_date is not None
        and start < w.planned_leaving_date <= end
    }
    return len(left), len(before - after - left), len(after - before)


@settings(max_examples=12)
@given(st.sampled_from([60, 150, 400, 900]), st.integers(0, 10_000))
def test_each_period_shown_moves_no_small_group(size: int, seed: int) -> None:
    service = generate_service(size, seed)
    view = commissioner(service)
    points = [p.on for p in view.horizon.series]
    assert points[0] == service.as_of and points[-1] == view.horizon.end
    for start, end in zip(points, points[1:], strict=False):
        if end != view.horizon.end:  # the horizon as a whole is gated as counts
            for flow in _flows(service, start, end):
                assert flow == 0 or flow >= view.disclosure_threshold, (start, end, flow)


def test_a_large_service_keeps_quarterly_points_where_safe() -> None:
    view = commissioner(generate_service(1000, 1))
    assert len(view.horizon.series) > 2


def test_a_release_reads_back_as_it_was_written() -> None:
    _, view = demo_view()
    again = CommissionerView.model_validate_json(commissioner_json(view))
    assert commissioner_json(again) == commissioner_json(view)


def test_the_page_downloads_are_the_view_as_json_and_a_workbook() -> None:
    _, view = demo_view()
    data = json.loads(commissioner_file(view, "json"))
    assert data["amhp_headcount"] == view.amhp_headcount
    book = workbook(view)
    assert book.sheetnames[0] == "Summary"
    assert {"By team", "By age band", "Headcount", "Changes"} <= set(book.sheetnames)
    assert commissioner_file_name(view, "xlsx").endswith("-amhp-aggregates-2026-11-01.xlsx")


def test_the_workbook_opens_on_a_rated_summary_with_a_chart() -> None:
    _, view = demo_view()
    data = commissioner_file(view, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    summary = book["Summary"]
    rows = [r for r in summary.iter_rows(values_only=True) if any(r)]
    assert rows[0][0] == f"AMHP sufficiency: {view.service}"
    ratings = {r[0]: r[1] for r in rows if r[1] in {"Red", "Amber", "Green", "Not rated"}}
    assert ratings["AMHPs per 100,000 people of all ages"] == "Red"  # 5.2 against a target of 10
    assert ratings["Needed posts not covered"] == "Green"
    red = next(c for row in summary.iter_rows() for c in row if c.value == "Red")
    assert red.fill.fgColor.rgb.endswith("F4B6B6")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())


def test_shares_are_written_as_percentages() -> None:
    _, view = demo_view()
    rota = workbook(view)["Rota"]
    headings = [c.value for c in rota[1]]
    share = rota.cell(row=2, column=headings.index("Within wait target") + 1)
    assert isinstance(share.value, float) and 0 < share.value <= 1
    assert share.number_format == "0%"


def test_a_team_name_like_a_formula_stays_text() -> None:
    demo = load_demo()
    renamed = demo.model_dump()
    old = renamed["teams"][0]["name"]
    renamed["teams"][0]["name"] = "=HYPERLINK(1)"
    for w in renamed["workers"]:
        if w["team"] == old:
            w["team"] = "=HYPERLINK(1)"
    view = commissioner(Service.model_validate(renamed))
    book = workbook(view)
    cell = next(c for row in book["By team"].iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s" and cell.quotePrefix


def test_someone_gone_before_the_as_of_date_is_counted_nowhere() -> None:
    # The tables and the headcount count those in post on the as-of date, with one index.
    service = generate_service(60, 2)
    hub = next(w for w in service.workers if w.team == "AMHP Hub 1" and w.is_amhp(service.as_of))
    gone = hub.model_copy(update={"planned_leaving_date": date(2026, 10, 1)})
    after = commissioner(
        service.with_workers(tuple(gone if w is hub else w for w in service.workers))
    )
    assert after.amhp_headcount == commissioner(service.without(hub.staff_id)).amhp_headcount
    assert after == commissioner(service.without(hub.staff_id))
