"""Succession plans (issue 7) for a 5,000-worker service.

- The plan (on a graph and report already made) under 10 seconds on this 2-core machine.
- The matching step no slower than the analysis it builds on.
The workbook is timed in bench_plan_workbook.py.
"""

from __future__ import annotations

from bench.common import registry, timed, verdict
from planner.analysis.population_basis import population_basis
from planner.analysis.report import analyse_graph
from planner.reference.policy import default_policy
from planner.succession.candidates import Requirement, Scored, rank_candidates
from planner.succession.matching import first_successors
from planner.succession.plan import succession_plan
from planner.succession.positions import critical_positions
from planner.workforce.demo import generate_service
from planner.workforce.graph import build

BENCHES, bench = registry()


@bench
def plan_and_matching() -> None:
    """Plan for 5,000 workers (< 10 s) and matching against the analysis (<= 1x)."""
    service, policy = generate_service(5_000, seed=1), default_policy()
    wg = build(service)
    t_analysis, report = timed(lambda: analyse_graph(wg, policy), repeat=2)
    adults = population_basis(service, None, wg.as_of).adults
    t_plan, plan = timed(lambda: succession_plan(wg, report, policy, adults), repeat=2)
    crit = critical_positions(wg, report, policy)
    cache: dict[Requirement, Scored] = {}
    end = report.leadership.horizon_end
    ranked = [rank_candidates(wg, r, p.incumbent, t, policy, end, cache) for p, r, t in crit]
    cap = policy.max_first_successor_positions
    t_match, _ = timed(lambda: first_successors(ranked, cap), repeat=3)
    print(f"  analysis               {t_analysis:6.3f} s")
    print(f"  plan ({len(plan.positions)} positions) {t_plan:6.3f} s: {verdict(t_plan < 10)}")
    print(f"  matching               {t_match:6.3f} s: {verdict(t_match <= t_analysis)}")
