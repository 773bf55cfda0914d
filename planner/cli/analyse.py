"""`planner analyse SERVICE [--as-of D] [--population-year Y] [--json]`: the three gap analyses.

Prints a readable summary, or with `--json` the whole report (as_of, policy, amhp,
supervision, leadership with the ranked departure_sweep, findings, sources) and the input
problems. Exit codes follow the command-line contract: 0, 1 when the input had problems (the
analysis still runs), 2 when the input could not be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from planner.analysis.findings import plural
from planner.analysis.report import Report, analyse
from planner.cli.output import (
    UNUSABLE,
    add_command,
    load_or_say,
)
from planner.reference.framework import load_framework
from planner.workforce.names import Names

SWEEP_SHOWN = 5


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "analyse",
        _analyse,
        "AMHP sufficiency, supervision capacity and leadership cover",
        "Analyse a service: AMHPs against population, demand and the rota; "
        "supervision load and rules; leadership posts, role cover and the departure sweep. "
        "SERVICE is 'demo', a .json service, or an .xlsx/.csv roster.",
        reads_service=True,
    )
    p.add_argument(
        "--population-year",
        type=int,
        metavar="YEAR",
        help="set AMHPs against the ONS projection of people (all ages and adults) for this "
        "year (needs the service's council code)",
    )


def _analyse(args: argparse.Namespace) -> int:

    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    report = analyse(loaded.service, as_of=args.as_of, population_year=args.population_year)
    if args.json:
        out = report.model_dump(mode="json")
        out["problems"] = [p.model_dump(mode="json") for p in loaded.problems]
        print(json.dumps(out, indent=2))
    else:
        print("\n".join(summary_lines(report, Names.of(loaded.service, load_framework()))))
        for p in loaded.problems:
            print(
                f"{p.severity}: {p.staff_id or ''} {p.column or ''}: {p.message}", file=sys.stderr
            )
    note = report.amhp.population.note
    if note:
        print(f"Population: {note}", file=sys.stderr)
    return loaded.exit_code


def summary_lines(r: Report, names: Names) -> list[str]:
    """The report as a person reads it at a terminal: headline figures, the actions with the
    findings behind each, then what is fine."""
    a, s, lead, c = r.amhp, r.supervision, r.leadership, r.casework
    changed = [row.name for row in r.policy if row.changed]
    lines = [
        f"{r.service} — {r.local_authority}",
        f"As of {r.as_of:%d %B %Y}; {r.headcount} workers; policy: "
        + (f"changed {', '.join(changed)}" if changed else "defaults"),
        f"{c.fte:g} FTE, {c.casework_fte:g} for casework: {c.why}",
        "",
        "AMHP sufficiency",
        f"  {a.headcount} AMHPs, {a.fte:g} FTE, {a.duty_fte:g} FTE on duty",
    ]
    if a.per_100k is not None and a.population_used is not None:
        lines += [
            f"  Population basis: {b.words}{' (used)' if b.used else ''}: {b.population:,} "
            f"({b.source}); {b.per_100k:g} AMHPs per 100,000, {b.headcount_for_target} for a "
            f"target of {a.target_per_100k:g}"
            for b in a.bases
            if b.population is not None and b.per_100k is not None
        ]
        lines += [
            f"  {a.assessments_per_year:,.0f} assessments a year need {a.demand_hours:,.0f} hours; "
            f"{a.duty_hours:,.0f} duty hours available",
            "  Rota: "
            + ", ".join(f"{x.shift} {x.amhps_needed}" for x in a.rota)
            + f" on duty ({a.rota_fte_needed:g} FTE)",
        ]
    h = a.horizon
    lines += [
        f"  By {h.horizon_end:%d/%m/%Y}: {h.months[0].headcount} → {h.months[-1].headcount} AMHPs; "
        f"approvals lapsing {len(h.expiring)}, AMHPs leaving {len(h.leaving)}, "
        f"trainees qualifying {len(h.trainees_qualifying)}",
        "",
        "Supervision",
        f"  {len(s.supervisors)} supervisors; {s.hours_owed:g} hours owed a month, "
        f"{s.hours_allowed_current:g} with current supervisors, {s.hours_available:g} available",
        "",
        "Leadership",
        f"  {sum(p.needed for p in lead.posts)} needed posts, "
        f"{sum(p.needed and p.status == 'vacant' for p in lead.posts)} vacant; "
        f"{len(lead.single_points)} single points of failure",
        "  Departures that would hurt most: "
        + ", ".join(
            f"{names.person(d.staff_id)} ({d.score:g})" for d in lead.departure_sweep[:SWEEP_SHOWN]
        ),
        "",
    ]
    counts = Counter(f.severity for f in r.findings)
    lines.append(
        f"What to do: {plural(len(r.actions), 'action')}, from {counts['red']} red and "
        f"{counts['amber']} amber findings"
    )
    for n, action in enumerate(r.actions, start=1):
        lines.append(f"  {n}. [{action.severity}] {action.title}")
        lines += [f"       [{f.severity}] {f.message}" for f in action.findings]
    lines += ["", f"What is fine ({counts['green']} green findings)"]
    lines += [f"  {f.message}" for f in r.findings if f.severity == "green"]
    return lines
