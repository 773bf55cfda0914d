"""The demo service's known gaps (`data/demo/northbridge.yaml`) are all found by the analysis."""

from __future__ import annotations

import pytest

from planner.analysis.findings import Finding
from planner.analysis.report import analyse
from planner.workforce.demo import demo_file, load_demo

# One entry per known gap, in the file's order: the findings that show it, by code and evidence.
FOUND_AS: list[list[tuple[str, set[str]]]] = [
    [("approval_expiring", {"NB020", "NB024"})],
    [("over_max_supervisees", {"NB004"})],
    [
        ("post_without_bench", {"principal_social_worker", "NB001"}),
        ("post_without_bench", {"amhp_lead", "NB002"}),
    ],
    [("post_holder_leaving", {"amhp_lead", "NB002"}), ("planned_departure", {"NB002"})],
    [("asye_supervisor_below_level", {"NB044"})],
    [("cpd_shortfall", {"NB021"})],
]


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return analyse(load_demo()).findings


def test_every_known_gap_has_its_expected_findings_listed() -> None:
    gaps = demo_file().known_gaps
    assert len(gaps) == len(FOUND_AS), "a known gap was added: say here how it is found"
    for text, expected in zip(gaps, FOUND_AS, strict=True):
        for _, evidence in expected:
            assert all(e in text for e in evidence if e.startswith("NB")), text


@pytest.mark.parametrize("index", range(len(FOUND_AS)))
def test_the_demo_gap_is_found(findings: list[Finding], index: int) -> None:
    for code, evidence in FOUND_AS[index]:
        hits = [f for f in findings if f.code == code and evidence <= set(f.evidence)]
        assert hits, f"{demo_file().known_gaps[index]!r}: no {code} with {sorted(evidence)}"
        assert hits[0].severity in ("red", "amber")


def test_e_iv_rests_on_nb002_because_nb025_is_not_eligible(findings: list[Finding]) -> None:
    """NB025 is allocated E.iv too, but is experienced, not advanced, in eight domains."""
    beyond = [f for f in findings if f.code == "allocated_beyond_eligibility"]
    assert any({"E.iv", "NB025"} <= set(f.evidence) for f in beyond)


def test_the_lead_leaving_is_the_costliest_departure() -> None:
    sweep = analyse(load_demo()).leadership.departure_sweep
    top = sweep[0]
    assert top.staff_id == "NB002" and top.rank == 1
    assert set(top.needed_posts_vacant) == {"amhp_lead", "team_manager@AMHP Hub"}
    assert {"E.i", "E.iv"} <= set(top.functions_uncovered)
