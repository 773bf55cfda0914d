"""The workbook's Projection sheet read back: the months and the Monte Carlo band equal the
projection's (same seed, same figures), with a native chart of the band, placed after the
development plans; a plan written without a projection has no such sheet."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.reference.policy import default_policy
from planner.whatif.projection import project
from planner.workbooks.plan import plan_and_report, plan_workbook_bytes, write_plan_workbook
from planner.workforce.demo import load_demo


def _day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def test_projection_sheet_reads_back_as_the_projection(tmp_path: Path) -> None:
    demo, path = load_demo(), tmp_path / "plan.xlsx"
    write_plan_workbook(demo, None, None, path)
    expected = project(demo, default_policy())
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    assert names.index("Projection") == names.index("Development plans") + 1
    ws = book["Projection"]
    header = next(r[0].row for r in ws.iter_rows(max_col=1) if r[0].value == "Month")
    rows = [list(r) for r in ws.iter_rows(min_row=header + 1, values_only=True)]
    rows = rows[: len(expected.months)]
    assert [_day(r[0]) for r in rows] == expected.months
    assert [r[1] for r in rows] == pytest.approx(expected.amhp.median)
    assert [r[2] for r in rows] == pytest.approx(expected.amhp.p10)
    assert [r[3] for r in rows] == pytest.approx(expected.amhp.p90)
    assert [r[8] for r in rows] == pytest.approx(expected.posts_covered.median)
    assert {r[5] for r in rows} == {expected.amhp_target}


def test_projection_sheet_has_a_chart_of_the_band() -> None:
    demo = load_demo()
    report, plan = plan_and_report(demo)
    data = plan_workbook_bytes(demo, report, plan, project(demo, default_policy()))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2  # the AMHP sheet's and the projection's
    assert any("Projection!$B$" in xml and "Projection!$D$" in xml for xml in charts)


def test_without_a_projection_there_is_no_projection_sheet() -> None:
    demo = load_demo()
    report, plan = plan_and_report(demo)
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook_bytes(demo, report, plan)))
    assert "Projection" not in book.sheetnames
