"""The Service an import builds: its own values from the Service and Teams sheets (each bad one
reported and replaced by its fallback), and the workers already read from the roster rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.roster.layout import Layout, normalise
from planner.roster.reading.grid import Book
from planner.roster.reading.rows import RowResult
from planner.roster.reading.service_sheet import (
    NOT_GIVEN,
    SERVICE_SHEET,
    TEAMS_SHEET,
    ServiceInfo,
    guess_kind,
    read_service_sheet,
    read_teams_sheet,
)
from planner.workforce.models import Service, Worker
from planner.workforce.problems import Problem


def service_sheets(
    book: Book, layout: Layout
) -> tuple[ServiceInfo | None, list[dict[str, str]] | None, list[Problem]]:
    by_key = {normalise(n): n for n in book.names()}
    info = teams = None
    problems: list[Problem] = []
    if "service" in by_key:
        info = read_service_sheet(book.rows(by_key["service"]), layout)
        problems += info.problems
    if "teams" in by_key:
        teams, team_problems = read_teams_sheet(book.rows(by_key["teams"]), layout)
        problems += team_problems
    return info, teams, problems


def build_service(
    book: Book,
    info: ServiceInfo | None,
    teams: list[dict[str, str]] | None,
    result: RowResult,
    extra: tuple[str, ...],
    population: int | None,
    today: date,
    layout: Layout,
) -> tuple[Service, list[Problem]]:
    problems: list[Problem] = []
    values = dict(info.values) if info else {}
    stem = Path(book.filename).stem[:200] or "Roster"
    if info is not None:
        for key in ("name", "as_of"):
            if key not in values:
                problems.append(_service_missing(layout, key, info))
    elif not book.filename.lower().endswith(".csv"):
        problems.append(
            Problem(
                severity="warning",
                code="no_service_sheet",
                message="The workbook has no Service sheet, so the service is named after the "
                "file and dated today; the template's Service sheet sets both.",
            )
        )
    if population is not None:
        values["adult_population"] = population
    fields: dict[str, Any] = {
        "name": values.get("name", stem),
        "local_authority": values.get("local_authority", NOT_GIVEN),
        "la_code": values.get("la_code"),
        "adult_population": values.get("adult_population"),
        "all_ages_population": values.get("all_ages_population"),
        "as_of": values.get("as_of", today),
    }
    team_list = teams if teams is not None else _derived_teams(result.workers, layout)
    fields, team_list, bad = _valid_service_fields(fields, team_list, layout, info, stem, today)
    problems += bad
    checked = Service.model_validate({**fields, "teams": team_list, "extra_columns": extra})
    # Every worker was validated on its own row; validating the service again would run each
    # worker's rules a second time (a second or more at 100,000 rows) and change nothing.
    own = {name: getattr(checked, name) for name in Service.model_fields if name != "workers"}
    return Service.model_construct(**own, workers=tuple(result.workers)), problems


def _derived_teams(workers: list[Worker], layout: Layout) -> list[dict[str, str]]:
    names = dict.fromkeys(w.team for w in workers)
    return [{"name": n, "kind": guess_kind(n, layout)} for n in names]


def _valid_service_fields(
    fields: dict[str, Any],
    teams: list[dict[str, str]],
    layout: Layout,
    info: ServiceInfo | None,
    stem: str,
    today: date,
) -> tuple[dict[str, Any], list[dict[str, str]], list[Problem]]:
    """The service's own values, each bad one reported and replaced by its fallback."""
    fallback = {
        "name": stem,
        "local_authority": NOT_GIVEN,
        "la_code": None,
        "adult_population": None,
        "all_ages_population": None,
        "as_of": today,
    }
    problems: list[Problem] = []
    try:
        Service.model_validate({**fields, "teams": teams})
        return fields, teams, problems
    except ValidationError as exc:
        bad_teams: set[int] = set()
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            if loc and loc[0] == "teams" and len(loc) > 1 and isinstance(loc[1], int):
                bad_teams.add(loc[1])
                problems.append(_team_error(teams[loc[1]], str(err["msg"])))
            elif loc and str(loc[0]) in fallback:
                key = str(loc[0])
                row = info.rows.get(key) if info else None
                label = layout.spec.service_sheet[key].label
                problems.append(
                    Problem(
                        severity="error",
                        code="invalid_service_value",
                        message=f"{label}: {_plain(str(err['msg']), key)}",
                        column=label,
                        value=str(fields[key])[:200],
                        sheet=SERVICE_SHEET,
                        row=row,
                    )
                )
                fields = {**fields, key: fallback[key]}
        teams = [t for i, t in enumerate(teams) if i not in bad_teams]
    return fields, teams, problems


def _plain(message: str, key: str) -> str:
    if key == "la_code":
        return "should be E followed by eight digits, like E08000021 (the ONS code)."
    return f"{message.removeprefix('Value error, ')}."


def _team_error(team: dict[str, str], message: str) -> Problem:
    return Problem(
        severity="error",
        code="invalid_team",
        message=f"Team {team.get('name', '')[:60]!r} cannot be used: {message}.",
        column="Team",
        value=str(team.get("name", ""))[:200],
        sheet=TEAMS_SHEET,
    )


def _service_missing(layout: Layout, key: str, info: ServiceInfo) -> Problem:
    label = layout.spec.service_sheet[key].label
    missing = {"name": "service name; the file name", "as_of": "as-of date; today's date"}[key]
    return Problem(
        severity="warning",
        code="service_value_missing",
        message=f"The Service sheet gives no {missing} is used.",
        column=label,
        sheet=SERVICE_SHEET,
        row=info.rows.get(key),
    )
