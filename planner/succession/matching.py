"""First successors by maximum-weight matching over the readiness graph.

TCSW 2014 (E.ii) asks for succession planning that holds together across the service: one
person named first successor everywhere is no plan. Each candidate is replicated
`max_first_successor_positions` times and each position gets its own "vacant" column, so a full
assignment always exists; `scipy.optimize.linear_sum_assignment` then maximises total score.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from planner.succession.models import Candidate

FORBIDDEN = 1e12


def first_successors(ranked: list[list[Candidate]], per_person: int) -> list[Candidate | None]:
    """The first successor for each position (None where vacant is the best assignment)."""
    people = sorted({c.staff_id for cands in ranked for c in cands})
    if not people:
        return [None] * len(ranked)
    col = {sid: k for k, sid in enumerate(people)}
    n_real = len(people) * per_person
    cost = np.full((len(ranked), n_real + len(ranked)), FORBIDDEN)
    for row, cands in enumerate(ranked):
        for c in cands:
            base = col[c.staff_id] * per_person
            cost[row, base : base + per_person] = -c.score
        cost[row, n_real + row] = 0.0
    rows, cols = linear_sum_assignment(cost)
    out: list[Candidate | None] = [None] * len(ranked)
    for row, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if j < n_real:
            sid = people[j // per_person]
            out[row] = next(c for c in ranked[row] if c.staff_id == sid)
    return out
