"""`planner analyse` as a script or a person uses it: JSON shape, exit codes, plain errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.analysis.report import analyse
from planner.cli.main import main
from planner.workforce.demo import load_demo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_shape_other_tools_rely_on(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyse", "demo", "--json")
    report = json.loads(out)
    assert code == 0
    assert {"as_of", "policy", "amhp", "supervision", "leadership", "findings"} <= set(report)
    amhp = report["amhp"]
    for key in (
        "headcount",
        "fte",
        "duty_fte",
        "adult_population",
        "per_100k_adults",
        "assessments_per_year",
        "demand_hours",
        "duty_hours",
    ):
        assert amhp[key] is not None, key
    assert {"shift", "arrival_rate_per_hour", "amhps_needed"} <= set(amhp["rota"][0])
    sweep = report["leadership"]["departure_sweep"]
    assert [d["rank"] for d in sweep] == list(range(1, 37))
    assert {"name", "value", "source", "citation"} <= set(report["policy"][0])
    assert {"area", "severity", "message", "evidence", "policy"} <= set(report["findings"][0])


def test_json_exposes_the_population_basis_and_both_rates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "analyse", "demo", "--json")
    amhp = json.loads(out)["amhp"]
    assert amhp["population_basis"] == "all_ages"  # the policy's default, as the sources count
    assert amhp["per_100k"] == amhp["per_100k_people"] == 5.21  # 12 / 230,498 people
    assert amhp["per_100k_adults"] == 6.58  # 12 / 182,400 adults, shown beside
    used, other = amhp["bases"]
    assert (used["basis"], used["used"], other["basis"], other["used"]) == (
        "all_ages",
        True,
        "adults_18_plus",
        False,
    )
    # The demo gives adults only: its all-ages figure is estimated, and says how.
    assert "estimated" in used["source"] and other["source"] == "service file"
    assert (used["headcount_for_target"], other["headcount_for_target"]) == (24, 19)
    assert (
        round(used["assessments_per_year"]) == 618 and round(other["assessments_per_year"]) == 489
    )


def test_json_figures_are_the_librarys(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyse", "demo", "--json")
    report = json.loads(out)
    direct = analyse(load_demo())
    assert report["amhp"]["headcount"] == direct.amhp.headcount == 12
    assert report["amhp"]["per_100k_adults"] == direct.amhp.per_100k_adults
    assert report["leadership"]["departure_sweep"][0]["staff_id"] == "NB002"


def test_the_summary_reads_at_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyse", "demo")
    assert code == 0
    assert "12 AMHPs" in out and "per 100,000" in out and "Rota:" in out
    assert "(NB004) supervises 9 people" in out  # by name, the staff id after it


def test_as_of_moves_the_date_of_the_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "analyse", "demo", "--as-of", "2027-03-01", "--json")
    report = json.loads(out)
    assert report["as_of"] == "2027-03-01"
    assert report["amhp"]["headcount"] == 11  # NB020's approval lapsed on 28/02/2027


def test_population_year_without_a_council_code_is_explained(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "analyse", "demo", "--population-year", "2030")
    assert code == 0 and "no council code" in err


def test_a_population_year_uses_the_ons_projection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "s.json"
    s = load_demo().model_copy(update={"la_code": "E06000001", "adult_population": None})
    f.write_text(s.model_dump_json())
    code, out, _ = run(capsys, "analyse", str(f), "--population-year", "2030", "--json")
    population = json.loads(out)["amhp"]["population"]
    assert code == 0 and population["year"] == 2030 and population["licence"]


def test_input_problems_are_reported_and_analysed_anyway(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = load_demo()
    broken = s.with_workers(
        (*s.workers[:-1], s.workers[-1].model_copy(update={"supervisor_id": "X9"}))
    )
    f = tmp_path / "broken.json"
    f.write_text(broken.model_dump_json())
    code, out, _ = run(capsys, "analyse", str(f), "--json")
    report = json.loads(out)
    assert code == 0  # a warning: the analysis runs and says what the link means
    assert report["problems"][0]["code"] == "unknown_supervisor"
    missing = [x for x in report["findings"] if x["code"] == "supervisor_not_in_service"]
    assert missing and missing[0]["evidence"] == ["NB054"]


def test_an_unusable_file_is_exit_2_with_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.json"
    f.write_text("not json")
    code, out, err = run(capsys, "analyse", str(f))
    assert code == 2 and out == "" and "not a readable JSON file" in err
    assert "Traceback" not in err


def test_the_fte_for_casework_is_printed_with_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """asye_workload_reduction: the demo's three ASYE workers in their first year (3.0 FTE)
    carry 10% less casework, so 33.6 FTE gives 33.3 for casework, and the text says why."""
    c = analyse(load_demo()).casework
    assert (c.fte, c.reduction_fte, c.casework_fte) == (33.6, 0.3, 33.3)
    _, out, _ = run(capsys, "analyse", "demo")
    assert "33.6 FTE, 33.3 for casework: 3 people are in their first (ASYE) year" in out
    _, js, _ = run(capsys, "analyse", "demo", "--json")
    assert json.loads(js)["casework"]["casework_fte"] == 33.3
