"""Findings: what every analysis reports, in one shape the CLI, workbook and pages all render.

A finding names its area, a red/amber/green severity, one sentence a principal social worker
can act on, the evidence by id (staff ids, post keys, function codes, shifts), the policy
values it used and the sources (ids in `data/sources.yaml`) behind them, so every figure is
traceable. Service-wide figures (AMHPs per 100,000, demand, supervision hours in total) carry no
staff ids, so a commissioner's page can show them without naming anyone.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from planner.reference.policy import Policy

Area = Literal["amhp", "supervision", "leadership"]
Severity = Literal["red", "amber", "green"]
SEVERITY_ORDER: dict[Severity, int] = {"red": 0, "amber": 1, "green": 2}


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    area: Area
    code: str
    severity: Severity
    message: str
    evidence: tuple[str, ...] = ()
    policy: dict[str, Any] = {}
    sources: tuple[str, ...] = ()


def finding(
    area: Area,
    code: str,
    severity: Severity,
    message: str,
    evidence: list[str] | tuple[str, ...] = (),
    policy: Policy | None = None,
    used: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
) -> Finding:
    """A finding with the named policy values copied in as they were when it was made."""
    values = {name: _plain(getattr(policy, name)) for name in used} if policy else {}
    return Finding(
        area=area,
        code=code,
        severity=severity,
        message=message,
        evidence=tuple(evidence),
        policy=values,
        sources=sources,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def by_severity(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def band(value: float, target: float, amber_share: float) -> Severity:
    """Green at or above the target, amber at or above `amber_share` of it, red below."""
    if value >= target:
        return "green"
    return "amber" if value >= amber_share * target else "red"


def uk_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def agree(n: int, one: str, many: str) -> str:
    """The verb that agrees with a count: agree(1, 'lapses', 'lapse')."""
    return one if n == 1 else many
