"""Worked cases: a small service in, the figures and findings a person computed by hand out.

Each `tests/cases/*.yaml` holds a service, optional policy changes, `expect` (the report's
own shape, only the parts worth checking: a list of rows is matched row by row on the row's
first key, e.g. `staff_id` or `code`; a list of ids is compared in any order) and `findings` that must be present (code, severity, and
evidence that must be among the finding's, and `says`, words the finding's sentence must hold, as
a person reads them). `absent` lists finding codes that must not be raised (red or amber).
A case may also check the succession plan (`expect_plan`, the plan's own shape, e.g. its AMHP
training pipeline) and the what-if projection (`expect_projection`: `reapproval_rate` and
`months`, one row per month with the planned AMHP headcount, `amhp_planned`), and `amhp_page`
lists the codes of the findings the AMHP sufficiency page shows (it names nobody).
Numbers are compared to within 0.01, the precision worked by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.analysis.report import Report, analyse
from planner.present.amhp import aggregate_findings
from planner.reference.policy import Policy, default_policy
from planner.reference.strict_yaml import read_yaml
from planner.succession.plan import plan_service
from planner.whatif.projection import project
from planner.workforce.models import Service

CASES = sorted((Path(__file__).parent.parent / "cases").glob("*.yaml"))
TOLERANCE = 0.01


def _same(expected: Any, actual: Any, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected a record, found {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key}: not in the report"
            _same(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
        for row in expected:
            key, ident = next(iter(row.items()))
            ident = ident.isoformat() if isinstance(ident, date) else ident
            match = [r for r in actual if r.get(key) == ident]
            assert match, f"{where}: no row with {key} = {ident!r}"
            _same(row, match[0], f"{where}[{ident}]")
    elif isinstance(expected, list):
        assert sorted(map(str, actual)) == sorted(map(str, expected)), (
            f"{where}: expected {expected}, found {actual}"
        )
    elif isinstance(expected, float | int) and not isinstance(expected, bool):
        assert actual is not None and abs(actual - expected) <= TOLERANCE, (
            f"{where}: expected {expected}, found {actual}"
        )
    elif isinstance(expected, date):
        assert actual == expected.isoformat(), f"{where}: expected {expected}, found {actual}"
    else:
        assert actual == expected, f"{where}: expected {expected!r}, found {actual!r}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_worked_case(path: Path) -> None:
    spec = read_yaml(path)
    service = Service.model_validate(spec["service"])
    policy = default_policy().with_changes(**spec.get("policy", {}))
    report = analyse(
        service, policy, as_of=spec.get("as_of"), population_year=spec.get("population_year")
    )
    _same(spec.get("expect", {}), report.model_dump(mode="json"), "report")
    for want in spec.get("findings", []):
        found = [
            f
            for f in report.findings
            if f.code == want["code"]
            and set(want.get("evidence", [])) <= set(f.evidence)
            and want.get("says", "") in f.message
        ]
        assert found, (
            f"no {want['code']} finding with evidence {want.get('evidence')} saying "
            f"{want.get('says')!r}; found {[f.message for f in report.findings if f.code == want['code']]}"
        )
        assert found[0].severity == want["severity"], f"{want['code']}: {found[0].message}"
    raised = [f for f in report.findings if f.severity != "green"]
    assert not [f.message for f in raised if f.code in spec.get("absent", [])]
    if "actions" in spec:
        _actions_as_expected(spec["actions"], report)
    if "amhp_page" in spec:
        lines = aggregate_findings(report.amhp)
        shown = [f.code for f in report.amhp.findings if any(f.message in line for line in lines)]
        assert sorted(shown) == sorted(spec["amhp_page"]), f"the AMHP page shows {shown}"
    if "expect_plan" in spec:
        plan = plan_service(service, policy, as_of=spec.get("as_of"))
        _same(spec["expect_plan"], plan.model_dump(mode="json"), "plan")
    if "expect_projection" in spec:
        _same(spec["expect_projection"], _projection(service, policy, spec), "projection")


def _projection(service: Service, policy: Policy, spec: dict[str, Any]) -> dict[str, Any]:
    """The projection as a person reads it: the planned AMHP headcount month by month."""
    p = project(service, policy, as_of=spec.get("as_of"), years=1, runs=50)
    return {
        "reapproval_rate": p.reapproval_rate,
        "months": [
            {"month": m.isoformat(), "amhp_planned": planned}
            for m, planned in zip(p.months, p.amhp.planned, strict=True)
        ],
    }


def test_there_are_worked_cases() -> None:
    assert len(CASES) >= 3


def _actions_as_expected(want: dict[str, Any], report: Report) -> None:
    grouped = [f for a in report.actions for f in a.findings]
    assert sorted(map(repr, grouped)) == sorted(
        repr(f) for f in report.findings if f.severity != "green"
    ), "every red and amber finding under exactly one action"
    assert len(report.actions) <= want.get("at_most", 10)
    titles = [a.title for a in report.actions]
    for start in want.get("titles_start", []):
        assert any(t.startswith(start) for t in titles), titles
    text = " ".join(f.message for f in report.findings)
    for words in want.get("words", []):
        assert words in text, text
