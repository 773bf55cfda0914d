"""Today's 153 councils, looked up from the April-2018 rows of the ONS projections, and the
lookup refused when it names a missing row, repeats a council or counts people twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.analysis.population_basis import population_basis
from planner.analysis.report import analyse
from planner.cli.main import main
from planner.reference.population import load_population
from planner.reference.strict_yaml import DataFileError
from planner.workforce.demo import load_demo

NEW = {
    "E06000058": "Bournemouth, Christchurch and Poole",
    "E06000059": "Dorset",
    "E06000060": "Buckinghamshire",
    "E06000061": "North Northamptonshire",
    "E06000062": "West Northamptonshire",
    "E06000063": "Cumberland",
    "E06000064": "Westmorland and Furness",
    "E06000065": "North Yorkshire",
    "E06000066": "Somerset",
}
COUNCILS = Path("population") / "councils.yaml"


def test_there_are_153_councils_today_and_the_nine_new_ones_have_a_population() -> None:
    table = load_population()
    assert len(table.current_councils()) == 153
    for code, name in NEW.items():
        row = table.council(code, 2026)
        assert row is not None and row.name == name and row.current, code
        assert row.all_ages > row.adults_18_plus > 0


def test_a_county_that_became_a_unitary_keeps_its_people() -> None:
    table = load_population()
    for old, new in (("E10000002", "E06000060"), ("E10000023", "E06000065")):
        before, after = table.adults(old, 2030), table.council(new, 2030)
        assert before is not None and after is not None
        assert (after.all_ages, after.adults_18_plus) == (before.all_ages, before.adults_18_plus)


def test_split_and_merged_councils_add_up_to_what_they_replaced() -> None:
    table = load_population()
    for year in (2018, 2026, 2043):
        pairs = [
            ("E10000006", ("E06000063", "E06000064")),  # Cumbria
            ("E10000021", ("E06000061", "E06000062")),  # Northamptonshire
        ]
        for old, new in pairs:
            before = table.adults(old, year)
            parts = [table.council(code, year) for code in new]
            assert before is not None and all(parts)
            assert abs(sum(p.all_ages for p in parts if p) - before.all_ages) <= 10
        # Dorset county and Bournemouth and Poole became Dorset and BCP.
        old_rows = [table.adults(c, year) for c in ("E10000009", "E06000028", "E06000029")]
        new_rows = [table.council(c, year) for c in ("E06000058", "E06000059")]
        assert sum(r.all_ages for r in old_rows if r) == sum(r.all_ages for r in new_rows if r)


def test_a_code_of_april_2018_still_answers_and_names_todays_council() -> None:
    s = load_demo().model_copy(
        update={"la_code": "E10000006", "adult_population": None, "all_ages_population": None}
    )
    p = population_basis(s)
    assert p.adults is not None and "Cumberland and Westmorland and Furness" in p.note


def test_a_population_taken_from_the_council_code_is_not_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = load_demo().model_copy(update={"la_code": "E06000063", "adult_population": None})
    path = tmp_path / "cumberland.json"
    path.write_text(s.model_dump_json(), encoding="utf-8")
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "not given" not in out and "273,942" in out and "Cumberland" in out
    a = analyse(s).amhp
    assert a.population_used == 273_942 and a.population.source_id == "ons-snpp-2018"


def _break(data_copy: Path, old: str, new: str) -> Path:
    path = data_copy / COUNCILS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data_copy


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("from: [E10000002]", "from: [E10000099]", "E10000099, not in"),
        (
            "  - {code: E06000001, name: Hartlepool, level: unitary}\n",
            "",
            "152 councils listed, `count` says 153",
        ),
        (
            "  - {code: E06000002, name: Middlesbrough, level: unitary}\n",
            "  - {code: E06000001, name: Hartlepool again, level: unitary}\n",
            "E06000001 listed more than once",
        ),
        # Christchurch counted in both Dorset and BCP: people counted twice.
        ("less: [E07000048]", "less: []", "a council is left out or counted twice"),
        ("replaces: [E10000027]", "replaces: [E10000023]", "E10000027 are in no council"),
        ("name: Somerset, level: unitary", "name: Somerset, level: county", "is a unitary code"),
    ],
)
def test_a_broken_lookup_is_refused_naming_the_problem(
    data_copy: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(DataFileError, match=message):
        load_population(_break(data_copy, old, new))
