"""Words the plan workbook and `planner plan --json` use for readiness, gaps and credentials."""

from __future__ import annotations

from planner.roster.values import level_name
from planner.succession.development import CREDENTIAL_ACTION
from planner.succession.models import Candidate, Gap, Readiness

READINESS: dict[Readiness, str] = {
    "ready_now": "Ready now",
    "ready_1_2_years": "Ready in 1-2 years",
    "ready_3_plus_years": "Ready in 3+ years",
}
ACTION_KINDS = {
    "domain": "PCF domain",
    "credential": "Credential",
    "leadership_programme": "Leadership programme",
}
STATUSES = ("Not started", "In progress", "Done", "Dropped")


def _level(level: str | None) -> str:
    return level_name(level) if level else "none"


def gap_line(g: Gap) -> str:
    where = f"PCF domain {g.domain}" if g.domain is not None else "Overall PCF level"
    return f"{where}: {_level(g.from_level)} to {_level(g.to_level)}"


def gaps_text(c: Candidate) -> str:
    """Every domain gap and missing credential, or "none" when the candidate is ready."""
    parts = [gap_line(g) for g in c.gaps]
    parts += [f"needs {CREDENTIAL_ACTION[m]}" for m in c.missing]
    return "; ".join(parts) or "none"
