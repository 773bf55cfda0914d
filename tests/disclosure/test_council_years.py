"""Across councils, year by year (issue 19): each aggregates file carries the projection's years
(AMHPs and duty FTE projected, the population of that year, per 100,000), and the comparison,
its command and its workbook show each council now and in each projection year. An older file,
written before the years, is still read and says it has no projection."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from planner.cli.main import main
from planner.disclosure.councils import (
    NO_PROJECTION,
    CouncilFileError,
    compare_councils,
    read_council_file,
)
from planner.disclosure.suppression import Suppressed
from planner.present.councils import council_chart, year_table
from planner.workbooks.councils import write_councils_workbook
from tests.disclosure.test_councils import _views, _write, council_files

YEARS = [1, 2, 3, 4, 5]  # the default policy projects five years


def test_each_file_carries_the_projection_years() -> None:
    for _, text in council_files():
        data = json.loads(text)
        assert data["format_version"] == 2
        years = data["projection"]["years"]
        assert [y["years_ahead"] for y in years] == YEARS
        for y in years:
            assert {"population", "amhps", "duty_fte", "amhps_per_100k", "duty_fte_per_100k"} <= (
                set(y)
            )


def test_the_comparison_has_each_council_now_and_in_each_projection_year() -> None:
    views = _views()
    c = compare_councils(views, minimum=6)
    assert c.years == [0, *YEARS]
    for k in c.years:
        rows = c.rows_for(k)
        assert [r.service for r in rows] == [v.service for v in views]
        assert all(r.years_ahead == k and r.current == (k == 0) for r in rows)
    shown = [r for r in c.rows if r.years_ahead > 0 and isinstance(r.amhps_per_100k, float)]
    assert shown, "some council has a published projection year"
    for r in shown:
        assert r.population and r.amhps_per_100k == round(r.amhps * 100_000 / r.population, 2)
        assert isinstance(r.duty_fte_per_100k, float)
        assert r.below_minimum == (r.amhps_per_100k < 6)
    # the smallest council's figures are hidden in every year, as its headcount is now
    small = [r for r in c.rows if "12 workers" in r.service]
    assert all(isinstance(r.amhps, Suppressed) for r in small)


def test_the_population_is_each_years_own() -> None:
    c = compare_councils(_views())
    for council in {r.council for r in c.rows}:
        populations = [r.population for r in c.rows if r.council == council]
        assert all(populations) and len(set(populations)) > 1, council


def test_an_older_file_is_read_and_says_it_has_no_projection() -> None:
    data = json.loads(council_files()[1][1])
    del data["format_version"], data["projection"]
    old = read_council_file(json.dumps(data), "old.json")
    assert old.projection is None
    first, _, last = _views()
    c = compare_councils([first, last, old])
    later = [r for r in c.rows if r.service == old.service and r.years_ahead > 0]
    assert [r.years_ahead for r in later] == YEARS
    assert all(r.note == NO_PROJECTION and r.amhps is None for r in later)
    assert any("no projection" in n.lower() for n in c.notes)


def test_a_file_from_a_newer_planner_is_refused_with_a_sentence() -> None:
    data = json.loads(council_files()[1][1]) | {"format_version": 99}
    with pytest.raises(CouncilFileError, match="newer version"):
        read_council_file(json.dumps(data), "new.json")


def test_the_workbook_has_a_row_per_council_and_year_and_a_chart_of_the_years() -> None:
    buffer = io.BytesIO()
    c = compare_councils(_views(), minimum=6)
    write_councils_workbook(c, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    ws = book["Councils"]
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "Council")
    periods = [r[1] for r in rows[top + 1 : top + 1 + len(c.rows)]]
    assert len(periods) == 3 * 6 and len(set(periods)) == 6
    assert any("now" in str(p) for p in periods) and any("5 years on" in str(p) for p in periods)
    chart = ws._charts[0]
    assert len(chart.series) == 6, "one series of AMHPs per 100,000 for now and each year"
    data = book["Chart data"]
    headings = next(data.iter_rows(values_only=True))
    assert headings[0] == "Council" and len(headings) == 1 + 6 + 1  # the years and the minimum


def test_the_command_shows_each_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = _write(tmp_path)
    assert main(["compare-councils", *paths, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["years"] == [0, *YEARS] and len(printed["rows"]) == 3 * 6
    assert main(["compare-councils", *paths, "--years-ahead", "2"]) == 0
    said = capsys.readouterr()
    lines = said.out.strip().splitlines()
    assert len(lines) == 1 + 3 and all("2 years on" in line for line in lines[1:])
    assert main(["compare-councils", *paths, "--years-ahead", "9"]) == 2
    assert "no projection year 9" in capsys.readouterr().err


def test_the_pages_chart_has_the_years_rates_and_the_minimum_line() -> None:
    c = compare_councils(_views(), minimum=6)
    assert council_chart(c, 1) is None, "no council's rate is published a year on"
    chart = council_chart(c, 2)
    assert chart is not None
    assert chart.to_dict()  # a valid Vega-Lite spec
    bars, lines = (layer.data.values for layer in chart.layer)
    assert [b["Council"] for b in bars] == ["Sefton"]
    assert bars[0]["Per 100k"] == c.rows_for(2)[1].amhps_per_100k
    assert [x["Line"] for x in lines] == ["Minimum (6)", "Target (10)"]
    assert [r["Period"][:10] for r in year_table(c, 2)] == ["2 years on"] * 3
