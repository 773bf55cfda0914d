"""Open a SERVICE as the command line names it: `demo`, a service `.json`, or a roster.

Every failure a user can cause comes back as a `ServiceLoad` with problems, never a traceback:
`unusable` is set when nothing could be read at all (exit code 2), otherwise the problems are
reported beside whatever service could be built (exit code 1 when any is an error).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from planner.reference.policy import Policy, default_policy
from planner.workforce.checks import check_service
from planner.workforce.demo import load_demo
from planner.workforce.models import Service
from planner.workforce.problems import Problem


@dataclass(frozen=True)
class ServiceLoad:
    service: Service | None
    problems: list[Problem] = field(default_factory=list)
    unusable: str | None = None
    renamed: dict[str, str] = field(default_factory=dict)  # new staff id -> the id it replaces

    @property
    def exit_code(self) -> int:
        if self.unusable or self.service is None:
            return 2
        return 1 if any(p.severity == "error" for p in self.problems) else 0


def load_service(
    spec: str,
    population: int | None = None,
    policy: Policy | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ServiceLoad:
    """The service `spec` names; `mapping` (heading -> field) is how to read a roster's columns."""
    policy = policy or default_policy()
    if spec == "demo":
        service = load_demo()
    else:
        path = Path(spec)
        if not path.is_file():
            return ServiceLoad(None, unusable=f"{spec}: no such file")
        suffix = path.suffix.lower()
        if suffix == ".json":
            loaded = _from_json(path)
        elif suffix in (".xlsx", ".csv"):
            return _from_roster(path, population, policy, mapping or {})
        else:
            return ServiceLoad(
                None,
                unusable=f"{path.name}: use a .json service, an .xlsx or .csv roster, or 'demo'",
            )
        if isinstance(loaded, ServiceLoad):
            return loaded
        service = loaded
    if population is not None:
        service = service.model_copy(update={"adult_population": population})
    return ServiceLoad(service, check_service(service, policy))


def _from_roster(
    path: Path, population: int | None, policy: Policy, mapping: Mapping[str, str]
) -> ServiceLoad:
    from planner.roster.reading.importer import import_roster

    if path.suffix.lower() == ".csv" and population is None:
        return ServiceLoad(
            None,
            unusable=f"{path.name}: a .csv roster does not say how many adults the service serves; "
            "give it with --population N",
        )
    result = import_roster(path, population=population, policy=policy, mapping=mapping)
    if result.service is None:
        return ServiceLoad(None, unusable=result.unusable)
    return ServiceLoad(result.service, list(result.problems), renamed=dict(result.renamed))


def _from_json(path: Path) -> Service | ServiceLoad:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return ServiceLoad(None, unusable=f"{path.name}: not a readable JSON file ({exc})")
    try:
        return Service.model_validate(raw)
    except ValidationError as exc:
        return ServiceLoad(
            None,
            problems=_json_problems(raw, exc),
            unusable=f"{path.name}: the service file has {exc.error_count()} invalid value(s)",
        )


def _json_problems(raw: object, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = err["loc"]
        staff_id = None
        row = None
        if len(loc) >= 2 and loc[0] == "workers" and isinstance(loc[1], int):
            row = loc[1] + 1
            workers = raw.get("workers", []) if isinstance(raw, dict) else []
            if (
                isinstance(workers, list)
                and row <= len(workers)
                and isinstance(workers[row - 1], dict)
            ):
                staff_id = workers[row - 1].get("staff_id")
        column = ".".join(str(p) for p in loc[2:] if not isinstance(p, int)) or str(loc[0])
        problems.append(
            Problem(
                severity="error",
                code="invalid_value",
                message=err["msg"],
                column=column,
                row=row,
                staff_id=staff_id,
                value=str(err.get("input"))[:200],
            )
        )
    return problems


def write_service_json(service: Service, path: Path) -> None:
    path.write_text(service.model_dump_json(indent=2, exclude_defaults=True), encoding="utf-8")
