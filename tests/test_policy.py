"""The policy: every tunable rule has a default, a unit and a source, and bad values are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from planner.check_data import check_data
from planner.cli.main import main
from planner.reference.framework import load_framework
from planner.reference.policy import (
    Policy,
    citation_problems,
    default_policy,
    policy_entries,
    policy_table,
)
from planner.reference.strict_yaml import DataFileError


def test_every_policy_value_has_a_default_with_a_known_source() -> None:
    entries = policy_entries()
    assert set(entries) == set(Policy.model_fields)
    fw = load_framework()
    for name, entry in entries.items():
        assert entry.source in fw.sources, name
        assert entry.unit and entry.description, name


def test_the_defaults_are_the_published_figures() -> None:
    p = default_policy()
    assert p.amhp_approval_years == 5  # SI 2008/1206
    assert p.supervision_session_hours == 1.5  # LGA Standard 5
    assert p.amhp_cpd_hours_per_year == 18
    assert p.max_import_rows == 200_000 and p.max_import_mb == 20
    assert abs(sum(s.demand_share for s in p.rota) - 1) < 1e-9


def test_reasoned_defaults_are_flagged_for_checking() -> None:
    flagged = {n for n, e in policy_entries().items() if e.check}
    assert {"max_supervisees", "amhp_target_per_100k", "amhp_hours_per_assessment"} <= flagged
    assert "supervision_session_hours" not in flagged


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"amhp_approval_years": 6}, "less than or equal to 5"),
        ({"max_supervisees": 0}, "greater than or equal to 1"),
        ({"supervisor_min_level": "Senior"}, "'Senior' is not a PCF level"),
        (
            {"rota": [{"name": "Day", "hours_per_week": 40, "demand_share": 0.5}]},
            "demand shares must add up to 1",
        ),
        (
            {"rota": [{"name": "Day", "hours_per_week": 200, "demand_share": 1}]},
            "less than or equal to 168",
        ),
    ],
)
def test_changes_are_validated_like_defaults(change: dict[str, object], reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        default_policy().with_changes(**change)


def test_the_policy_table_says_which_values_differ_from_the_defaults() -> None:
    changed = default_policy().with_changes(max_supervisees=5, supervisor_min_level="Advanced")
    rows = {r.name: r for r in policy_table(changed)}
    assert rows["max_supervisees"].changed and rows["max_supervisees"].default == 7
    assert rows["supervisor_min_level"].value == "advanced"
    assert not rows["horizon_months"].changed
    assert "SI 2008/1206" in rows["amhp_approval_years"].citation


def test_a_default_missing_from_the_file_is_named(data_copy: Path) -> None:
    path = data_copy / "policy" / "defaults.yaml"
    text = path.read_text()
    start = text.index("  disclosure_threshold:")
    path.write_text(text[:start])
    with pytest.raises(DataFileError, match=r"\['disclosure_threshold'\] have no default"):
        policy_entries(data_copy)


def test_every_published_source_a_policy_value_cites_names_its_clause() -> None:
    fw = load_framework()
    for name, entry in policy_entries().items():
        assert entry.clause or fw.source(entry.source).own, name
    assert citation_problems() == []


def test_check_data_fails_on_a_citation_without_its_clause(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_copy / "policy" / "defaults.yaml"
    text = path.read_text()
    clause = (
        '    clause: "regulation 4 (period of approval): an approval runs for at most five years"\n'
    )
    assert clause in text
    path.write_text(text.replace(clause, ""))
    report = check_data(data_copy)
    assert not report["ok"]
    assert len(report["problems"]) == 1
    assert "amhp_approval_years cites si-2008-1206" in report["problems"][0]
    assert "which clause" in report["problems"][0]
    # The command says so and exits 1 (problems reported), as the command-line contract has it.
    monkeypatch.setattr(
        "planner.check_data.citation_problems", lambda root=None: report["problems"]
    )
    assert main(["check-data"]) == 1
    assert "which clause" in capsys.readouterr().err


def test_our_own_defaults_need_no_clause() -> None:
    own = [n for n, e in policy_entries().items() if e.source == "project-default"]
    # Our own defaults may say why in a clause, but need none: check-data passes without one.
    assert own and any(policy_entries()[n].clause is None for n in own)
    assert load_framework().source("project-default").own
    assert check_data()["ok"]


def test_the_policy_table_carries_each_clause() -> None:
    rows = {r.name: r for r in policy_table(default_policy())}
    cpd = rows["amhp_cpd_hours_per_year"]
    assert cpd.clause and "regulation 5" in cpd.clause and not cpd.check
    assert "regulation 5" in cpd.citation
    assert rows["min_amhps_per_shift"].check and "14.35" in (
        rows["min_amhps_per_shift"].clause or ""
    )
    assert rows["supervisor_min_level"].source != "lga-standards-2020"
    assert rows["supervisor_posts"].source == "project-default"
    assert rows["amhp_hours_per_assessment"].source == "project-default"
    assert rows["population_basis"].value == "all_ages"


def test_every_policy_value_is_read_by_a_rule() -> None:
    """Issue 18: a setting the planner never reads changes nothing, so it must not be offered.
    Each value is read as an attribute (`policy.time_to_fill_months`) somewhere in planner/
    outside the model itself."""
    import ast

    read: set[str] = set()
    for path in Path(__file__).resolve().parent.parent.joinpath("planner").rglob("*.py"):
        if path.name == "policy.py" and path.parent.name == "reference":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        read |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert sorted(set(Policy.model_fields) - read) == []


def test_state_pension_age_is_the_acts_table() -> None:
    """Pensions Act 2014 s.26: 66 to those born before 6 April 1960, then a month more for each
    month of birth, 67 from 6 March 1961. The law, so not flagged for checking."""
    steps = default_policy().state_pension_age
    assert [
        (s.born_from.isoformat(), s.years, s.months) for s in (steps[0], steps[1], steps[-1])
    ] == [
        ("1954-10-06", 66, 0),
        ("1960-04-06", 66, 1),
        ("1961-03-06", 67, 0),
    ]
    assert len(steps) == 13 and not policy_entries()["state_pension_age"].check
    assert "section 26" in (policy_entries()["state_pension_age"].clause or "")
