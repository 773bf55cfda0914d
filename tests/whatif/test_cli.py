"""`planner project` and `planner scenario` as a script uses them: JSON, exit codes, sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def scenario_file(tmp_path: Path, *edits: dict[str, object]) -> str:
    f = tmp_path / "winter.json"
    f.write_text(json.dumps({"name": "Winter", "edits": list(edits)}))
    return str(f)


LEAVER = {"kind": "leaves", "staff_id": "NB020", "planned_leaving_date": "2026-11-01"}


def test_project_json_is_reproducible_and_sized_by_years(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "project", "demo", "--years", "2", "--runs", "100", "--json")
    first = json.loads(out)
    assert code == 0 and len(first["months"]) == 25 and first["runs"] == 100
    assert set(first["amhp"]) == {"median", "p10", "p90", "mean", "planned"}
    _, again, _ = run(capsys, "project", "demo", "--years", "2", "--runs", "100", "--json")
    assert json.loads(again) == first


def test_project_text_shows_a_line_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "project", "demo", "--years", "3", "--runs", "50")
    assert code == 0 and "nobody recruited" in out
    assert sum(line.startswith("  11/20") for line in out.splitlines()) == 4


def test_project_refuses_more_than_five_years(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["project", "demo", "--years", "9"])
    assert "must be from 1 to 5" in capsys.readouterr().err


def test_a_scenario_with_a_leaver_lowers_the_projection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("project", "demo", "--years", "1", "--runs", "50", "--json")
    _, base, _ = run(capsys, *args)
    code, out, _ = run(capsys, *args, "--scenario", scenario_file(tmp_path, LEAVER))
    assert code == 0
    assert json.loads(out)["amhp"]["planned"][0] == json.loads(base)["amhp"]["planned"][0] - 1


def test_scenario_shows_the_amhp_headline_getting_worse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "scenario", "demo", scenario_file(tmp_path, LEAVER), "--json")
    moves = {m["figure"]: m for m in json.loads(out)["headlines"]}
    assert code == 0
    assert (moves["amhp_headcount"]["before"], moves["amhp_headcount"]["after"]) == (12, 11)
    assert moves["amhp_headcount"]["direction"] == "worse"
    code, out, _ = run(capsys, "scenario", "demo", scenario_file(tmp_path, LEAVER))
    assert "AMHPs with current approval: 12 → 11 (worse)" in out


def test_a_bad_scenario_is_a_sentence_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = {"kind": "fte", "staff_id": "NB999", "fte": 0.5}
    code, _, err = run(capsys, "scenario", "demo", scenario_file(tmp_path, unknown))
    assert code == 2 and "there is no worker NB999 in this service" in err
    broken = {"kind": "promotion", "staff_id": "NB020"}
    code, _, err = run(capsys, "scenario", "demo", scenario_file(tmp_path, broken))
    assert code == 2 and "is not valid" in err and "Traceback" not in err
    code, _, err = run(capsys, "scenario", "demo", str(tmp_path / "missing.json"))
    assert code == 2 and "Cannot read the scenario missing.json" in err
