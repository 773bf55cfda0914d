"""`planner project` (the Monte Carlo projection) and `planner scenario` (a what-if's headlines).

A scenario file is the JSON of `planner.whatif.scenarios.Scenario`: a name and a list of edits, each
tagged by `kind`. Exit codes follow the command-line contract: 0, 1 when the input had problems
(the work still ran), 2 when the input or the scenario could not be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.analysis.report import analyse
from planner.cli.output import (
    UNUSABLE,
    add_command,
    load_or_say,
    unusable,
)
from planner.reference.policy import BASIS_WORDS, Policy, default_policy
from planner.whatif.headlines import movement_lines
from planner.whatif.projection import Projection, project
from planner.whatif.scenarios import Scenario, apply, compare, describe
from planner.workforce.models import Service

MAX_RUNS = 100_000


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "project",
        _project,
        "month-by-month projection of AMHPs, supervision and posts",
        "Project AMHP headcount, supervision slots against supervisees, and needed "
        "posts covered, month by month for 1-5 years, from planned leavers, the policy's "
        "turnover and re-approval rate, and trainees qualifying: the median of many seeded "
        "runs with a 10th-90th percentile band. Nobody is recruited.",
        reads_service=True,
    )
    p.add_argument("--years", type=_bounded(1, 5), help="1 to 5 (default: the policy's)")
    p.add_argument("--runs", type=_bounded(1, MAX_RUNS), help="Monte Carlo runs (default: policy)")
    p.add_argument("--seed", type=_bounded(0, 2**32 - 1), help="random seed (default: policy)")
    p.add_argument("--scenario", metavar="F.json", help="project the service with a scenario")
    p = add_command(
        sub,
        "scenario",
        _scenario,
        "what a scenario would change in the headline figures",
        "Apply a scenario (a JSON file of edits: leavers, recruits, FTE changes, "
        "AMHP approvals, population growth, rota rules) to SERVICE and show every headline "
        "figure before and after. The service itself is not changed.",
        reads_service=True,
    )
    p.add_argument("scenario", metavar="F.json", help="the scenario: a name and its edits")


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high:,}, not {value}")
        return value

    return parse


def _project(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if isinstance(prepared, int):
        return prepared
    _, service, policy, code = prepared
    p = project(service, policy, args.as_of, args.years, args.runs, args.seed)
    if args.json:
        print(json.dumps(p.model_dump(mode="json"), indent=2))
    else:
        print("\n".join(projection_lines(p)))
    return code


def _scenario(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if isinstance(prepared, int):
        return prepared
    baseline, changed, policy, code = prepared
    moves = compare(
        analyse(baseline, default_policy(), args.as_of), analyse(changed, policy, args.as_of)
    )
    if args.json:
        print(json.dumps({"headlines": [m.model_dump(mode="json") for m in moves]}, indent=2))
    else:
        print("\n".join(movement_lines(moves)))
    return code


def _prepare(args: argparse.Namespace) -> tuple[Service, Service, Policy, int] | int:
    """The service, it with the scenario applied (if one is given), the policy, the exit code."""

    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    service, policy = loaded.service, default_policy()
    if args.scenario:
        scenario = _read_scenario(Path(args.scenario))
        if isinstance(scenario, str):
            return unusable(scenario, [], args.json)
        result = apply(scenario, service, policy)
        if isinstance(result, list):
            return unusable("; ".join(result), [], args.json)
        if not args.json:
            print(f"Scenario {scenario.name}: " + "; ".join(describe(e) for e in scenario.edits))
        service, policy = result
    for p in loaded.problems:
        print(f"{p.severity}: {p.staff_id or ''} {p.column or ''}: {p.message}", file=sys.stderr)
    return loaded.service, service, policy, loaded.exit_code


def _read_scenario(path: Path) -> Scenario | str:
    try:
        return Scenario.model_validate_json(path.read_bytes())
    except OSError as exc:
        return f"Cannot read the scenario {path.name}: {exc.strerror}"
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"The scenario {path.name} is not valid: {where}: {err['msg']}"


def projection_lines(p: Projection) -> list[str]:
    """Once a year: AMHPs (median and band), supervision slots against supervisees, posts."""
    lines = [
        f"Projection from {p.as_of:%d/%m/%Y}, {p.runs:,} runs (seed {p.seed}); turnover "
        f"{p.annual_turnover:.1%} a year, re-approval {p.reapproval_rate:.0%}; nobody recruited.",
        f"AMHP target: {p.amhp_target if p.amhp_target is not None else 'n/a'} now "
        f"(policy per 100,000, {BASIS_WORDS[p.amhp_by_year[0].basis]}); "
        f"{p.posts_needed} needed posts.",
        f"  {'month':<9}{'AMHPs: median (10-90%)':<24}{'planned leavers only':>21}"
        f"{'supervision slots/supervisees':>31}{'posts covered':>15}",
    ]
    for m in range(0, len(p.months), 12):
        a = p.amhp
        band = f"{a.median[m]:g} ({a.p10[m]:g}-{a.p90[m]:g})"
        slots = f"{p.supervision_slots.median[m]:g}/{p.supervisees.median[m]:g}"
        posts = f"{p.posts_covered.median[m]:g}/{p.posts_needed}"
        lines.append(f"  {p.months[m]:%m/%Y}  {band:<24}{a.planned[m]:>21g}{slots:>31}{posts:>15}")
    lines.append(
        "  AMHPs per 100,000 by year (median), against the target for that year's population:"
    )
    for y in p.amhp_by_year:
        if y.population is None:
            continue
        lines.append(
            f"    {y.month:%m/%Y}: {y.population:,} ({y.population_source}): "
            f"{y.per_100k_median:g} per 100,000; target {y.amhp_target} AMHPs"
            + (f"; {y.note}" if y.note else "")
        )
    return lines
