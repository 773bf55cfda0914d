"""The succession-plan workbook read back with openpyxl, as a principal social worker would open
it: every position, successor, readiness, gap and action as the plan has them, the AMHP months as
the report has them, and the sheet furniture (chart, fills, drop-down, frozen headings, filters,
print set-up) in place. Names that look like formulas stay text."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from planner.analysis.report import Report
from planner.reference.framework import load_framework
from planner.reference.policy import policy_entries
from planner.reference.strict_yaml import read_yaml
from planner.roster.reading.importer import import_roster
from planner.succession.models import SuccessionPlan
from planner.workbooks.plan import plan_and_report, plan_workbook_bytes, write_plan_workbook
from planner.workbooks.plan.text import ACTION_KINDS, READINESS, STATUSES, gaps_text
from planner.workforce.demo import load_demo
from planner.workforce.models import Service

# A successor and an incumbent of the demo's AMHP lead post, renamed as an attacker might.
HOSTILE = {"NB006": "=1+1", "NB002": "@SUM(A1)"}


def _hostile_demo() -> Service:
    demo = load_demo()
    workers = tuple(
        w.model_copy(update={"name": HOSTILE[w.staff_id]}) if w.staff_id in HOSTILE else w
        for w in demo.workers
    )
    return demo.model_copy(update={"workers": workers})


Written = tuple[Service, Report, SuccessionPlan, bytes]


@pytest.fixture(scope="module")
def written() -> Written:
    service = _hostile_demo()
    report, plan = plan_and_report(service)
    return service, report, plan, plan_workbook_bytes(service, report, plan)


@pytest.fixture(scope="module")
def book(written: Written) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(written[3]))


def _rows(ws: Worksheet, first: int = 2) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


def _day(value: Any) -> date:
    assert isinstance(value, datetime), f"{value!r} is not a real date"
    return value.date()


def test_sheets_in_order(book: openpyxl.Workbook) -> None:
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == [
        "Summary",
        "AMHP sufficiency",
        "Supervision",
        "Leadership cover",
        "Succession plan",
        "Development plans",
        "Roster",
        "Policy values",
        "Sources",
    ]


def test_every_position_and_successor_reads_back(written: Written, book: openpyxl.Workbook) -> None:
    _, _, plan, _ = written
    rows = _rows(book["Succession plan"])
    assert len(plan.positions) > 5
    assert len(rows) == len(plan.positions)
    for row, p in zip(rows, plan.positions, strict=True):
        pos = p.position
        assert row[0] == pos.key and row[3] == pos.incumbent and row[5] == pos.risk.band
        assert row[6] == "; ".join(pos.risk.reasons)
        assert row[7] is None  # nobody in a demo position may reach State Pension age
        assert row[8] == pytest.approx(pos.impact)
        for k in range(3):
            got = row[9 + 4 * k : 13 + 4 * k]
            if k < len(p.successors):
                c = p.successors[k]
                assert [got[0], got[2], got[3]] == [
                    c.staff_id,
                    READINESS[c.readiness],
                    gaps_text(c),
                ]
            else:
                assert got == [None, None, None, None]


def test_amhp_lead_row_as_the_demo_says(book: openpyxl.Workbook) -> None:
    row = next(r for r in _rows(book["Succession plan"]) if r[0] == "post:amhp_lead:NB002")
    assert row[4] == "@SUM(A1)" and row[5] == "high"
    assert row[9:13] == ["NB006", "=1+1", "Ready now", "none"]


def test_gap_text_names_domain_levels() -> None:
    plan = plan_and_report(load_demo())[1]
    lead = next(p for p in plan.positions if p.position.key == "post:amhp_lead:NB002")
    nb022 = next(c for c in lead.candidates if c.staff_id == "NB022")
    assert gaps_text(nb022) == (
        "PCF domain 8: Experienced social worker to Advanced social worker; "
        "PCF domain 9: Experienced social worker to Advanced social worker"
    )


def test_every_action_reads_back(written: Written, book: openpyxl.Workbook) -> None:
    _, _, plan, _ = written
    rows = _rows(book["Development plans"])
    expected = [
        [d.staff_id, ACTION_KINDS[a.kind], a.detail, ", ".join(a.for_positions), a.target]
        for d in plan.development
        for a in d.actions
    ]
    assert expected
    got = [[r[0], r[2], r[3], r[4], _day(r[5])] for r in rows]
    assert got == expected
    assert {r[6] for r in rows} == {"Not started"}


def test_amhp_months_equal_the_report(written: Written, book: openpyxl.Workbook) -> None:
    _, report, _, _ = written
    ws = book["AMHP sufficiency"]
    header = next(r[0].row for r in ws.iter_rows(max_col=1) if r[0].value == "Month")
    months = report.amhp.horizon.months
    rows = _rows(ws, header + 1)[: len(months)]
    target = report.amhp.headcount_for_target
    assert [[_day(r[0]), r[1], r[3]] for r in rows] == [
        [m.month, m.headcount, target] for m in months
    ]
    assert [r[2] for r in rows] == pytest.approx([m.expected_with_turnover for m in months])


def test_amhp_sheet_has_a_chart_of_headcount_and_target(written: Written) -> None:
    with zipfile.ZipFile(io.BytesIO(written[3])) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = z.read(charts[0]).decode()
        rels = z.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
    assert "drawing" in rels  # the chart sits on the second sheet, AMHP sufficiency
    assert "<c:barChart>" in xml and "<c:lineChart>" in xml
    assert "'AMHP sufficiency'!$B$" in xml and "'AMHP sufficiency'!$D$" in xml


def test_rag_fills_and_status_drop_down(book: openpyxl.Workbook) -> None:
    for sheet in ("Summary", "Succession plan", "Leadership cover"):
        rules = [r for cf in book[sheet].conditional_formatting for r in cf.rules]
        assert any(r.formula == ['"red"'] for r in rules), sheet
        assert any(r.formula == ['"high"'] or r.formula == ['"vacant"'] for r in rules) or (
            sheet == "Summary"
        )
    dv = book["Development plans"].data_validations.dataValidation
    assert len(dv) == 1 and dv[0].type == "list"
    assert dv[0].formula1 == '"' + ",".join(STATUSES) + '"'
    assert str(dv[0].sqref).startswith("G2:G")


def test_headings_frozen_filtered_and_printable(book: openpyxl.Workbook) -> None:
    for sheet in ("Succession plan", "Development plans", "Roster"):
        ws = book[sheet]
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), sheet
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), sheet
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9, ws.title
        if ws.sheet_properties.pageSetUpPr.fitToPage:  # one page across, any number long
            assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0, ws.title
        else:  # pages across at a scale that keeps 11 pt text at least 8.5 pt
            assert int(setup.scale) >= 77, ws.title
    plan = book["Succession plan"]
    assert plan.print_title_rows == "$1:$1" and plan.print_title_cols == "$A:$A"
    assert [b.id for b in plan.col_breaks.brk] == [9, 13, 17]  # a page for each successor
    # the long tables fit one page across, their headings atop every page
    for sheet, headings in (("Roster", "$1:$1"), ("Policy values", "$3:$3"), ("Sources", "$3:$3")):
        ws = book[sheet]
        assert ws.print_title_rows == headings, sheet
    for sheet in ("Summary", "Policy values", "Sources"):
        assert book[sheet].sheet_properties.pageSetUpPr.fitToPage, sheet


def test_formula_looking_names_stay_text(book: openpyxl.Workbook) -> None:
    seen = []
    for sheet in ("Succession plan", "Roster"):
        for row in book[sheet].iter_rows():
            for cell in row:
                if cell.value in HOSTILE.values():
                    assert cell.data_type == "s", f"{sheet}!{cell.coordinate} is a formula"
                    assert cell.quotePrefix, f"{sheet}!{cell.coordinate} would run once edited"
                    seen.append(cell.value)
    assert set(seen) == set(HOSTILE.values())


def test_roster_sheet_imports_back_as_the_service(written: Written) -> None:
    service, _, _, data = written
    back = import_roster(data, "plan.xlsx", today=service.as_of)
    assert back.service is not None, back.unusable
    assert back.service.workers == service.workers


def test_sources_and_policy_values_sheets_cite_every_source_and_policy_value(
    book: openpyxl.Workbook,
) -> None:
    sources = _rows(book["Sources"], first=4)  # under the title and the headings
    assert {row[0] for row in sources} == set(load_framework().sources)
    policy = _rows(book["Policy values"], first=4)
    assert [row[0] for row in policy] == list(policy_entries())
    # each value's source is one the Sources sheet lists, with the clause in it where known
    assert {row[6] for row in policy} <= {row[0] for row in sources}
    clauses = {name: e.clause for name, e in policy_entries().items()}
    assert {row[0]: row[7] for row in policy} == clauses


def test_summary_names_the_service_and_every_finding(
    written: Written, book: openpyxl.Workbook
) -> None:
    service, report, plan, _ = written
    cells = [c for row in book["Summary"].iter_rows(values_only=True) for c in row]
    assert service.name in cells and service.local_authority in cells
    for f in [*report.findings, *plan.findings]:
        assert f.message in cells


def test_writes_to_a_path_and_a_stream_alike(tmp_path: Path) -> None:
    demo = load_demo()
    path = tmp_path / "plan.xlsx"
    plan = write_plan_workbook(demo, None, None, path)
    stream = io.BytesIO()
    write_plan_workbook(demo, None, None, stream)
    a, b = (openpyxl.load_workbook(src)["Succession plan"] for src in (path, stream))
    assert _rows(a) == _rows(b) and len(_rows(a)) == len(plan.positions)


def test_the_date_someone_may_reach_state_pension_age_is_a_column(tmp_path: Path) -> None:
    """tests/cases/state_pension_age.yaml: Priya Shah (born 1961) may reach it on 01/10/2027,
    within the horizon; Piers Vance (born 1962) not until 2029, so his cell is empty."""
    case = Path(__file__).resolve().parent.parent / "cases" / "state_pension_age.yaml"
    service = Service.model_validate(read_yaml(case)["service"])
    out = tmp_path / "plan.xlsx"
    write_plan_workbook(service, None, None, out)
    ws = openpyxl.load_workbook(out)["Succession plan"]
    column = [c.value for c in ws[1]].index("Pension age")
    rows = {r[0]: r for r in _rows(ws)}
    assert _day(rows["post:team_manager@Parkside CMHT:P2"][column]) == date(2027, 10, 1)
    assert "born 1961" in rows["post:team_manager@Parkside CMHT:P2"][6]
    assert rows["function:D.i"][column] is None
