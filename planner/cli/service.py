"""`planner check-data`, `planner demo` and `planner show`: the reference data and one service."""

from __future__ import annotations

import argparse
from functools import partial
from typing import Any

from planner.cli.output import (
    UNUSABLE,
    add_command,
    emit,
    err,
    load_or_say,
    out_path,
    positive_int,
    print_problems,
    written,
)


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "check-data",
        _check_data,
        "validate the reference data in data/",
        "Validate PCF, roles, posts, population and policy sources.",
    )
    p.add_argument("--json", action="store_true", help="print what was loaded as JSON")
    p = add_command(
        sub,
        "demo",
        _demo,
        "write the demo service or a generated one",
        "Write the Northbridge demo, or a synthetic service of N workers with --size.",
    )
    p.add_argument("--size", type=positive_int, help="generate a synthetic service of N workers")
    p.add_argument("--seed", type=int, default=0, help="random seed for --size (default 0)")
    p.add_argument("--out", required=True, help="file to write: .json or .xlsx")
    add_command(
        sub,
        "show",
        _show,
        "short summary of a service",
        "Summarise a service: SERVICE is 'demo', a .json service, or an .xlsx/.csv roster.",
        reads_service=True,
    )


def _check_data(args: argparse.Namespace) -> int:
    from planner.check_data import check_data

    report = check_data()
    if args.json:
        emit(report)
    elif report["problems"]:
        for problem in report["problems"]:
            err(problem)
        err(f"Reference data has {len(report['problems'])} problem(s).")
    else:
        print(
            f"Reference data OK: {len(report['domains'])} PCF domains, "
            f"{len(report['levels'])} levels, {len(report['categories'])} role categories "
            f"({sum(len(c['functions']) for c in report['categories'])} functions), "
            f"{report['policy']['values']} policy values, {report['sources']} sources, "
            f"population for {report['population']['current_councils']} councils "
            f"{report['population']['years'][0]}-{report['population']['years'][1]}."
        )
    return 0 if report["ok"] else 1


def _demo(args: argparse.Namespace) -> int:
    from planner.roster.open_service import write_service_json
    from planner.workforce.demo import generate_service, load_demo

    service = generate_service(args.size, args.seed) if args.size else load_demo()
    from planner.roster.writing.workbook import write_roster

    out = out_path(args.out, (".json", ".xlsx"), "the demo can be written as .json or .xlsx")
    write = write_service_json if out and out.suffix.lower() == ".json" else write_roster
    if out is None or not written(out, partial(write, service, out)):
        return UNUSABLE
    err(f"Wrote {service.name}: {len(service.workers)} workers to {out}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from planner.workforce.summary import summarise

    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    summary = summarise(loaded.service, args.as_of)
    if args.json:
        from planner.analysis.population_basis import population_basis

        population = population_basis(loaded.service, None, args.as_of or loaded.service.as_of)
        emit(
            {
                "summary": summary.model_dump(mode="json"),
                "population": population.model_dump(mode="json"),
                "problems": [p.model_dump(mode="json") for p in loaded.problems],
            }
        )
    else:
        _print_summary(summary, _population_text(loaded.service, args.as_of))
        print_problems(loaded.problems)
    return loaded.exit_code


def _population_text(service: Any, as_of: Any) -> str:
    """Both bases and where they come from: the service file, or ONS by the council code
    (which is not "not given")."""
    from planner.analysis.population_basis import population_basis

    p = population_basis(service, None, as_of or service.as_of)
    if p.adults is None or p.all_ages is None:
        return f"population not given ({p.note})"
    text = f"population {p.all_ages:,} all ages, {p.adults:,} adults ({p.source})"
    return text + (f"; {p.note}" if p.note else "")


def _print_summary(s: Any, population: str) -> None:
    from planner.analysis.findings import plural

    print(f"{s.name} — {s.local_authority}")
    print(f"As of {s.as_of:%d %B %Y}; {population}")
    print(
        f"{s.headcount} workers, {s.fte:g} FTE; {s.amhps} AMHPs, {s.amhp_trainees} in AMHP "
        f"training, {s.bia} BIAs, {s.practice_educators} practice educators"
    )
    c = s.casework
    asye = plural(len(c.asye_first_year), "person", "people")
    print(f"{c.casework_fte:g} FTE for casework ({asye} in their first (ASYE) year)")
    print("By PCF level: " + ", ".join(f"{k} {v}" for k, v in s.by_level.items()))
    for t in s.teams:
        casework = f" ({t.casework_fte:g} for casework)" if t.casework_fte != t.fte else ""
        print(
            f"  {t.name} ({t.kind}): {t.headcount} {'person' if t.headcount == 1 else 'people'}, "
            f"{t.fte:g} FTE{casework}"
        )
