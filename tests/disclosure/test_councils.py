"""Across councils: three generated services of different sizes, through their aggregates
files, compared; a file with personal data refused; the command and its workbook."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from planner.cli.main import main
from planner.disclosure.aggregates import commissioner_json
from planner.disclosure.councils import (
    CouncilFileError,
    compare_councils,
    read_council_file,
)
from planner.disclosure.suppression import Suppressed
from planner.present.releases import commissioner_view_of
from planner.workbooks.councils import write_councils_workbook
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service

SIZES = ((12, 1), (60, 2), (400, 3))
# Three councils of one ICB area, so each service's population grows as ONS projects its own.
COUNCILS = (("E08000011", "Knowsley"), ("E08000014", "Sefton"), ("E08000012", "Liverpool"))


def council_service(k: int) -> Service:
    size, seed = SIZES[k]
    code, name = COUNCILS[k]
    service = generate_service(size, seed)
    return service.model_copy(update={"la_code": code, "local_authority": name})


@cache
def council_files() -> tuple[tuple[str, str], ...]:
    """(file name, aggregates JSON) of three generated services of different sizes."""
    return tuple(
        (
            f"council_{size}.json",
            commissioner_json(commissioner_view_of(council_service(k))),
        )
        for k, (size, _) in enumerate(SIZES)
    )


def _views() -> list:
    return [read_council_file(text, name) for name, text in council_files()]


def test_three_councils_are_compared_now_and_in_each_year() -> None:
    views = _views()
    c = compare_councils(views, minimum=6)
    assert len(c.rows) == len(c.years) * len(views)
    now = [r for r in c.rows if r.current]
    assert [r.service for r in now] == [v.service for v in views]
    for r, v in zip(now, views, strict=True):
        assert r.target_per_100k == v.target_per_100k
        assert r.national_per_100k is not None and r.national_label.startswith("England")
        assert r.basis == v.basis_words
        if isinstance(v.per_100k, Suppressed):
            assert isinstance(r.amhps_per_100k, Suppressed) and r.below_minimum is None
        else:
            assert r.amhps_per_100k == v.per_100k
            assert r.below_minimum == (v.per_100k < 6)
        if isinstance(v.duty_fte, Suppressed):
            assert isinstance(r.duty_fte_per_100k, Suppressed)
    later = [r for r in c.rows if not r.current]
    assert all(r.duty_fte is not None and r.population for r in later)
    assert any("projection" in n for n in c.notes)


def test_the_smallest_council_is_suppressed_never_worked_out() -> None:
    c = compare_councils(_views())
    small = [r for r in c.rows if "12 workers" in r.service]
    assert small and all(isinstance(r.amhps, Suppressed) for r in small)
    assert all(isinstance(r.amhps_per_100k, Suppressed) for r in small)
    dumped = json.dumps(c.model_dump(mode="json"))
    assert '"suppressed"' in dumped


def test_the_minimum_defaults_to_the_target_and_marks_those_below() -> None:
    views = _views()
    assert compare_councils(views).minimum == views[0].target_per_100k
    assert compare_councils(views, minimum=0).below == []
    assert compare_councils(views, minimum=1000).below  # every published rate is below


@pytest.mark.parametrize(
    "poison",
    [
        {"name": "Alex Smith"},
        {"staff_id": "S001"},
        {"pseudonym": "p-1a2b"},
        {"workers": [{"team": "North"}]},
    ],
)
def test_a_file_with_personal_data_is_refused(poison: dict) -> None:
    data = json.loads(council_files()[1][1])
    data["by_team"]["rows"][0] |= poison
    with pytest.raises(CouncilFileError, match="personal data"):
        read_council_file(json.dumps(data), "leaky.json")


def test_a_service_file_or_an_unknown_field_is_refused() -> None:
    with pytest.raises(CouncilFileError, match="personal data"):
        read_council_file(load_demo().model_dump_json(), "service.json")
    data = json.loads(council_files()[0][1]) | {"extra": 1}
    with pytest.raises(CouncilFileError, match="never has"):
        read_council_file(json.dumps(data), "odd.json")
    with pytest.raises(CouncilFileError, match="not a JSON"):
        read_council_file(b"\x00PK not json", "roster.xlsx")


def test_the_workbook_has_the_table_and_a_chart() -> None:
    buffer = io.BytesIO()
    write_councils_workbook(compare_councils(_views(), minimum=6), buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    ws = book["Councils"]
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "suppressed" in values and "Below" in values
    assert ws._charts, "the comparison has a chart"


def _write(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in council_files():
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    return paths


def test_the_command_compares_and_writes_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "councils.xlsx"
    code = main(
        ["compare-councils", *_write(tmp_path), "--minimum", "6", "--out", str(out), "--json"]
    )
    assert code == 0 and out.exists()
    printed = json.loads(capsys.readouterr().out)
    assert printed["minimum"] == 6 and len(printed["rows"]) == 3 * len(printed["years"])


def test_the_command_refuses_a_file_with_personal_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _write(tmp_path)
    leaky = tmp_path / "leaky.json"
    data = json.loads(council_files()[2][1]) | {"workers": [{"name": "Alex Smith"}]}
    leaky.write_text(json.dumps(data))
    assert main(["compare-councils", *paths, str(leaky)]) == 2
    said = capsys.readouterr()
    assert "leaky.json holds personal data" in said.err and "Alex" not in said.err + said.out
