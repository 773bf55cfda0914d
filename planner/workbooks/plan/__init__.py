"""The succession-plan workbook (issue 7): Summary, AMHP sufficiency, Supervision, Leadership
cover, Succession plan, Development plans, Projection, Roster, Policy values and Sources sheets.

Written with xlsxwriter rather than openpyxl: it writes native Excel charts, conditional formats
and data validation, and streams rows in constant memory, so a 5,000-worker plan stays quick.
Each sheet is one function in `SHEETS`; adding a sheet is adding a function there.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from planner.analysis.population_basis import population_basis
from planner.analysis.report import Report, analyse_graph
from planner.reference.policy import Policy, default_policy
from planner.roster.writing.workbook import Formats, Target, new_workbook
from planner.succession.models import SuccessionPlan
from planner.succession.plan import succession_plan
from planner.whatif.projection import Projection, project
from planner.workbooks.plan.amhp import write_amhp
from planner.workbooks.plan.cover import write_leadership, write_supervision
from planner.workbooks.plan.overview import write_policy_values, write_sources, write_summary
from planner.workbooks.plan.projection import write_projection
from planner.workbooks.plan.roster import write_roster
from planner.workbooks.plan.sheet import Book
from planner.workbooks.plan.succession import write_development, write_positions
from planner.workforce.graph import build
from planner.workforce.models import Service

SheetWriter = Callable[[Book], None]
SHEETS: list[SheetWriter] = [
    write_summary,
    write_amhp,
    write_supervision,
    write_leadership,
    write_positions,
    write_development,
    write_projection,
    write_roster,
    write_policy_values,
    write_sources,
]

__all__ = [
    "SHEETS",
    "Book",
    "plan_and_report",
    "plan_workbook_bytes",
    "write_plan",
    "write_plan_workbook",
]


def plan_and_report(
    service: Service, policy: Policy | None = None, as_of: date | None = None
) -> tuple[Report, SuccessionPlan]:
    """The analysis and the succession plan over one graph, built once."""
    policy = policy or default_policy()
    wg = build(service, as_of)
    report = analyse_graph(wg, policy)
    population = population_basis(service, None, wg.as_of).people(policy.population_basis)
    return report, succession_plan(wg, report, policy, population)


def write_plan(
    service: Service,
    report: Report,
    plan: SuccessionPlan,
    target: Target,
    projection: Projection | None = None,
) -> None:
    """The workbook of a plan already made (the app has the report and plan to hand); the
    Projection sheet is written when a projection is given."""
    wb = new_workbook(target)
    book = Book(wb, Formats(wb), service, report, plan, projection)
    for write in SHEETS:
        write(book)
    wb.close()


def write_plan_workbook(
    service: Service, policy: Policy | None, as_of: date | None, target: Target
) -> SuccessionPlan:
    """Plan the service's succession and write the workbook to a path or binary stream."""
    policy = policy or default_policy()
    report, plan = plan_and_report(service, policy, as_of)
    write_plan(service, report, plan, target, project(service, policy, as_of))
    return plan


def plan_workbook_bytes(
    service: Service, report: Report, plan: SuccessionPlan, projection: Projection | None = None
) -> bytes:
    """The workbook as bytes, for the app's download button."""
    out = io.BytesIO()
    write_plan(service, report, plan, out, projection)
    return out.getvalue()
