"""The policy: every tunable rule has a default, a unit and a source, and bad values are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from planner.reference.framework import load_framework
from planner.reference.policy import Policy, default_policy, policy_entries, policy_table
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
