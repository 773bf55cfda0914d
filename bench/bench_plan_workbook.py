"""The succession-plan workbook (issue 7) for a generated 5,000-worker service.

- Plan and workbook together (graph, analysis, succession plan, every sheet written) under
  10 seconds on this 2-core machine; the workbook's own share is printed beside it.
"""

from __future__ import annotations

import io

from bench.common import registry, timed, verdict
from planner.workbooks.plan import plan_and_report, write_plan, write_plan_workbook
from planner.workforce.demo import generate_service

BENCHES, bench = registry()
WORKERS = 5_000


@bench
def plan_and_workbook() -> None:
    """Plan + workbook for 5,000 workers (< 10 s)."""
    service = generate_service(WORKERS, seed=1)
    t_all, _ = timed(lambda: write_plan_workbook(service, None, None, io.BytesIO()), repeat=2)
    report, plan = plan_and_report(service)
    t_book, _ = timed(lambda: write_plan(service, report, plan, io.BytesIO()), repeat=2)
    actions = sum(len(d.actions) for d in plan.development)
    print(
        f"  {len(plan.positions)} positions, {actions} actions, "
        f"{len(report.leadership.departure_sweep)} sweep rows"
    )
    print(f"  workbook alone          {t_book:6.3f} s")
    print(f"  plan + workbook         {t_all:6.3f} s: {verdict(t_all < 10)}")
