"""What a commissioner receives names nobody: no worker name or staff id in the JSON or in any
cell of the workbook, small counts hidden, pseudonyms stable for one key only."""

from __future__ import annotations

import io
import json
from functools import cache

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.report import analyse
from planner.disclosure.aggregates import CommissionerView, commissioner_json, pseudonym
from planner.disclosure.roles import view_for
from planner.disclosure.suppression import Suppressed
from planner.present.amhp import commissioner_file, commissioner_file_name
from planner.reference.policy import default_policy
from planner.workbooks.commissioner import write_commissioner_workbook
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service, Worker

KEY = b"k" * 32


def commissioner(service: Service, key: bytes = KEY) -> CommissionerView:
    policy = default_policy()
    view = view_for("commissioner", service, analyse(service, policy), policy, key)
    assert isinstance(view, CommissionerView)
    return view


def workbook_text(view: CommissionerView) -> str:
    buffer = io.BytesIO()
    write_commissioner_workbook(view, buffer)
    wb = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    wb.close()
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
@given(st.integers(0, 10_000))
def test_generated_service_exports_name_nobody(seed: int) -> None:
    service = generate_service(200, seed)
    view = commissioner(service)
    assert_names_nobody(service, commissioner_json(view))
    assert_names_nobody(service, workbook_text(view))
    for row in view.by_team.rows:
        if isinstance(row.workers, int):
            assert not 0 < row.workers < 5


def test_small_teams_show_fewer_than_five_in_both_exports() -> None:
    demo, view = demo_view()
    leadership = next(r for r in view.by_team.rows if r.label == "Leadership")
    assert str(leadership.workers) == "fewer than 5"  # the demo's leadership team is small
    data = json.loads(commissioner_json(view))
    shown = {r["label"]: r["workers"] for r in data["by_team"]["rows"]}
    assert shown["Leadership"] == "fewer than 5"
    assert "fewer than 5" in workbook_text(view)
    hidden = [r for r in view.by_team.rows if isinstance(r.workers, Suppressed)]
    assert len(hidden) >= 2, "one hidden team alone could be worked out from the total"


def test_a_service_with_few_amhps_hides_their_figures_and_rows() -> None:
    demo = load_demo()
    as_of = demo.as_of
    keep = [w for w in demo.workers if not w.is_amhp(as_of)]
    few = [w for w in demo.workers if w.is_amhp(as_of)][:3]
    service = demo.model_copy(update={"workers": (*keep, *few)})
    service = Service.model_validate(service.model_dump())
    view = commissioner(service)
    assert str(view.amhp_headcount) == "fewer than 5"
    assert isinstance(view.amhp_fte, Suppressed)
    assert isinstance(view.per_100k_adults, Suppressed)
    assert view.approval_expiries == []


def test_pseudonyms_are_stable_for_a_key_and_differ_across_keys() -> None:
    assert pseudonym(KEY, "NB020") == pseudonym(KEY, "NB020")
    assert pseudonym(KEY, "NB020") != pseudonym(KEY, "NB024")
    assert pseudonym(KEY, "NB020") != pseudonym(b"other key " * 4, "NB020")
    demo, view = demo_view()
    again = commissioner(demo)
    assert [e.pseudonym for e in view.approval_expiries] == [
        e.pseudonym for e in again.approval_expiries
    ]
    other = commissioner(demo, b"another key" * 3)
    assert {e.pseudonym for e in view.approval_expiries}.isdisjoint(
        e.pseudonym for e in other.approval_expiries
    )


def test_expiry_rows_cover_every_current_amhp() -> None:
    demo, view = demo_view()
    amhps: list[Worker] = [w for w in demo.workers if w.is_amhp(demo.as_of)]
    assert len(view.approval_expiries) == len(amhps) == view.amhp_headcount
    assert "2027-02" in {e.expires for e in view.approval_expiries}  # NB020's lapses then


def test_the_page_downloads_are_the_view_as_json_and_a_workbook() -> None:
    _, view = demo_view()
    data = json.loads(commissioner_file(view, "json"))
    assert data["amhp_headcount"] == view.amhp_headcount
    book = openpyxl.load_workbook(io.BytesIO(commissioner_file(view, "xlsx")), read_only=True)
    assert "By team" in book.sheetnames and "Approval expiries" in book.sheetnames
    book.close()
    assert commissioner_file_name(view, "xlsx").endswith("-amhp-aggregates-2026-11-01.xlsx")


def test_a_team_name_like_a_formula_stays_text() -> None:
    demo = load_demo()
    renamed = demo.model_dump()
    old = renamed["teams"][0]["name"]
    renamed["teams"][0]["name"] = "=HYPERLINK(1)"
    for w in renamed["workers"]:
        if w["team"] == old:
            w["team"] = "=HYPERLINK(1)"
    view = commissioner(Service.model_validate(renamed))
    book = openpyxl.load_workbook(io.BytesIO(commissioner_file(view, "xlsx")))
    cell = next(c for row in book["By team"].iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s" and cell.quotePrefix
