"""Supervision capacity: who supervises whom, at what frequency, and whether the hours are there.

Rules follow the LGA Standards for Employers of Social Workers (2020), Standard 5: supervision
sessions of at least 1.5 hours, monthly for qualified social workers; newly qualified (ASYE)
workers weekly for their first six weeks, fortnightly to six months, then monthly; professional
supervision by a registered social worker. Students are supervised by a practice educator of
the stage their placement needs (PEPS, BASW 2020). AMHPs need access to supervision from an
approved AMHP (national AMHP service standards, 2019). The numbers (frequencies, supervisor
level, maximum supervisees, hours per FTE) are policy values with their sources.
"""

from __future__ import annotations

import numpy as np

from planner.analysis.results import Cycle, SupervisionIssue, SupervisionResult, SupervisorLoad
from planner.analysis.supervision_findings import RULES, supervision_findings
from planner.reference.policy import Policy
from planner.workforce.graph import WorkforceGraph
from planner.workforce.graph_index import NO_LINK, OUTSIDE, BoolArray, FloatArray, IntArray
from planner.workforce.models import Profession, Supervision

WEEKLY = 52 / 12  # sessions a month
FORTNIGHTLY = 26 / 12


def supervision(wg: WorkforceGraph, policy: Policy) -> SupervisionResult:
    ix = wg.index
    n = len(ix)
    sup = ix.links[Supervision.PROFESSIONAL]
    amhp_sup = ix.links[Supervision.AMHP]
    sessions = _sessions(wg, policy)
    prof = _valid_parent(sup)
    amhp_link = _valid_parent(amhp_sup) & ix.amhp
    amhp_hours = policy.amhp_supervision_sessions_per_year / 12 * policy.supervision_session_hours
    hours = sessions[prof] * policy.supervision_session_hours
    owed: FloatArray = np.bincount(sup[prof], hours, n).astype(np.float64)
    owed = owed + np.bincount(amhp_sup[amhp_link], None, n) * amhp_hours
    allowed = ix.fte * policy.supervision_hours_per_fte_month
    may = may_supervise(wg, policy)
    issues = _issues(wg, policy, may, owed > allowed + 1e-9)
    loads = _loads(wg, policy, owed, allowed, may, prof, amhp_link)
    cycles = [Cycle(link=kind.value, members=m) for kind in Supervision for m in _cycles(wg, kind)]
    result = SupervisionResult(
        supervisors=loads,
        issues=issues,
        cycles=cycles,
        hours_owed=round(float(owed.sum()), 2),
        hours_allowed_current=round(sum(s.hours_allowed for s in loads), 2),
        hours_available=round(float(allowed[may].sum()), 2),
        may_supervise=int(may.sum()),
        findings=[],
    )
    return result.model_copy(update={"findings": supervision_findings(result, policy, wg.names)})


def hours_each(wg: WorkforceGraph, policy: Policy) -> dict[str, float]:
    """Professional supervision hours a month each person is owed as a supervisee, so a what-if
    can move their hours from one supervisor to another."""
    hours = _sessions(wg, policy) * policy.supervision_session_hours
    return dict(zip(wg.index.ids, (round(float(h), 4) for h in hours), strict=True))


def _valid_parent(parent: IntArray) -> BoolArray:
    ok: BoolArray = (parent >= 0) & (parent != np.arange(len(parent)))
    return ok


def _sessions(wg: WorkforceGraph, policy: Policy) -> np.ndarray:
    """Sessions a month each worker is owed as a supervisee."""
    ix = wg.index
    out = np.full(len(ix), policy.supervision_sessions_per_month)
    out[ix.student] = policy.student_supervision_sessions_per_month
    for i in np.flatnonzero(_asye(wg)).tolist():
        out[i] = _asye_sessions(wg, policy, i)
    return out


def _asye(wg: WorkforceGraph) -> BoolArray:
    asye: BoolArray = wg.index.overall == wg.framework.rank("asye")
    return asye


def _asye_sessions(wg: WorkforceGraph, policy: Policy, i: int) -> float:
    """Weekly, then fortnightly, then monthly; with no start date, assume the fortnightly stage."""
    start = wg.index.workers[i].start_date
    if start is None:
        return FORTNIGHTLY
    days = (wg.as_of - start).days
    if days < policy.asye_weekly_weeks * 7:
        return WEEKLY
    if days < policy.asye_fortnightly_until_months * 365.25 / 12:
        return FORTNIGHTLY
    return policy.supervision_sessions_per_month


def may_supervise(wg: WorkforceGraph, policy: Policy) -> np.ndarray:
    """Who may give professional supervision: registered, and at the level or in a post for it."""
    ix = wg.index
    manager = np.zeros(len(ix), dtype=np.bool_)
    posts = set(policy.supervisor_posts)
    for i, keys in ix.posts_of.items():
        manager[i] = any(k.partition("@")[0] in posts for k in keys)
    level_ok = ix.overall >= wg.framework.rank(policy.supervisor_min_level)
    return ix.registered & (level_ok | manager)


class _Issues:
    """Collects issues by worker position, naming people by staff id."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.items: list[SupervisionIssue] = []

    def add(self, i: int, rule: str, related: int | str | None) -> None:
        rel = self.ids[related] if isinstance(related, int) else related
        self.items.append(
            SupervisionIssue(
                staff_id=self.ids[i], rule=rule, severity=RULES[rule].severity, related_id=rel
            )
        )


MISSING_RULE = {
    Supervision.PROFESSIONAL: "supervisor_not_in_service",
    Supervision.LINE: "line_manager_not_in_service",
    Supervision.AMHP: "amhp_supervisor_not_in_service",
}


def _issues(
    wg: WorkforceGraph, policy: Policy, may: np.ndarray, over_hours: np.ndarray
) -> list[SupervisionIssue]:
    ix = wg.index
    found = _Issues(ix.ids)
    for kind, rule in MISSING_RULE.items():
        for i in np.flatnonzero(ix.links[kind] == OUTSIDE).tolist():
            found.add(i, rule, getattr(ix.workers[i], kind.value))
    sup = ix.links[Supervision.PROFESSIONAL]
    for i in np.flatnonzero(sup == NO_LINK).tolist():
        w = ix.workers[i]
        if w.external_supervisor is None and w.profession is not Profession.OTHER:
            found.add(i, "no_supervisor", None)
    _supervisor_rules(wg, policy, may, over_hours, found)
    _amhp_access(wg, found)
    return found.items


def _supervisor_rules(
    wg: WorkforceGraph, policy: Policy, may: np.ndarray, over_hours: np.ndarray, found: _Issues
) -> None:
    ix = wg.index
    fw = wg.framework
    sup = ix.links[Supervision.PROFESSIONAL]
    min_rank = fw.rank(policy.supervisor_min_level)
    final = fw.rank("last_placement")
    asye = _asye(wg)
    for i in np.flatnonzero(_valid_parent(sup)).tolist():
        s = int(sup[i])
        if asye[i]:
            # The ASYE rule is stricter: a manager post does not make up for the level.
            if ix.overall[s] < min_rank:
                found.add(i, "asye_supervisor_below_level", s)
            if over_hours[s]:
                found.add(i, "asye_frequency_at_risk", s)
        elif not ix.registered[s]:
            found.add(i, "supervisor_not_registered", s)
        elif not may[s]:
            found.add(i, "supervisor_below_level", s)
        if ix.student[i]:
            stage = policy.practice_educator_final_placement_stage if ix.overall[i] >= final else 1
            if ix.pe_stage[s] < stage:
                found.add(i, "student_educator_stage", s)


def _amhp_access(wg: WorkforceGraph, found: _Issues) -> None:
    """An AMHP has access when their AMHP supervisor, or failing that their supervisor, is one."""
    ix = wg.index
    served = _parent_is_amhp(wg, Supervision.AMHP) | _parent_is_amhp(wg, Supervision.PROFESSIONAL)
    for i in np.flatnonzero(ix.amhp & ~served).tolist():
        found.add(i, "amhp_without_amhp_supervision", None)


def _parent_is_amhp(wg: WorkforceGraph, kind: Supervision) -> np.ndarray:
    parent = wg.index.links[kind]
    ok = _valid_parent(parent)
    ok[ok] = wg.index.amhp[parent[ok]]
    return ok


def _loads(
    wg: WorkforceGraph,
    policy: Policy,
    owed: np.ndarray,
    allowed: np.ndarray,
    may: np.ndarray,
    prof: np.ndarray,
    amhp_link: np.ndarray,
) -> list[SupervisorLoad]:
    ix = wg.index
    n = len(ix)
    sup = ix.links[Supervision.PROFESSIONAL]
    amhp_sup = ix.links[Supervision.AMHP]
    count = np.bincount(sup[prof], None, n).astype(np.int64)
    asye = np.bincount(sup[prof & _asye(wg)], None, n).astype(np.int64)
    students = np.bincount(sup[prof & ix.student], None, n).astype(np.int64)
    amhps = np.bincount(amhp_sup[amhp_link], None, n).astype(np.int64)
    children: dict[int, list[str]] = {}
    for i in np.flatnonzero(prof).tolist():
        children.setdefault(int(sup[i]), []).append(ix.ids[i])
    rows = []
    for s in np.flatnonzero((count > 0) | (amhps > 0)).tolist():
        rows.append(
            SupervisorLoad(
                staff_id=ix.ids[s],
                fte=float(ix.fte[s]),
                supervisees=int(count[s]),
                supervisee_ids=children.get(s, []),
                asye=int(asye[s]),
                students=int(students[s]),
                amhp_supervisees=int(amhps[s]),
                hours_owed=round(float(owed[s]), 2),
                hours_allowed=round(float(allowed[s]), 2),
                may_supervise=bool(may[s]),
                over_max=bool(count[s] > policy.max_supervisees),
                over_hours=bool(owed[s] > allowed[s] + 1e-9),
            )
        )
    return rows


def _cycles(wg: WorkforceGraph, kind: Supervision) -> list[list[str]]:
    """Each loop of one kind of link, once, from its first member in roster order.

    Everyone has at most one link of a kind, so following links from each person finds every
    loop in one pass (the same walk as `planner.workforce.checks.supervision_cycles`, over the index).
    """
    parent = wg.index.links[kind].tolist()
    ids = wg.index.ids
    state = [0] * len(parent)  # 1 = on the current path, 2 = finished
    cycles = []
    for start in range(len(parent)):
        path: list[int] = []
        node = start
        while node >= 0 and state[node] == 0:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node >= 0 and state[node] == 1:
            loop = path[path.index(node) :]
            first = loop.index(min(loop))
            cycles.append([ids[i] for i in loop[first:] + loop[:first]])
        for member in path:
            state[member] = 2
    return cycles
