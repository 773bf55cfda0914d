"""Suggested supervision moves: for each supervisor over capacity, greedily move supervisees to
supervisors in the same team with spare hours and places, who meet the level rules.

ASYE workers supervised below the policy's supervisor level are moved first (the supervision
analysis marks that red), to someone at the level in their team, else in the service. Then, for
each supervisor over capacity, greedy, not optimal: the heaviest supervisees move first, each to
whoever has most hours spare, so fewer moves are needed. Nobody is suggested a supervisor less
senior than themself (a lower PCF level, or the same level without a post when they hold one).
Students are left where they are, because their supervisor is their practice educator of a given
stage (PEPS, BASW 2020); an ASYE worker only moves to someone at the policy's minimum level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.analysis.supervision import hours_each, supervision
from planner.reference.policy import Policy, default_policy
from planner.whatif.reassign import Move, may_supervise, supervises_through
from planner.workforce.graph import WorkforceGraph, build
from planner.workforce.models import Service

SLACK = 1e-9


@dataclass(frozen=True)
class Suggestion:
    move: Move
    from_id: str
    hours: float  # a month, moving with the supervisee
    reason: str


@dataclass(frozen=True)
class Suggestions:
    moves: list[Suggestion]
    unresolved: list[str]  # over-capacity supervisors the greedy pass could not relieve


@dataclass
class _Load:
    owed: float
    allowed: float
    count: int

    def spare(self) -> float:
        return self.allowed - self.owed


class _State:
    """Loads and links as moves are proposed, so later proposals see earlier ones."""

    def __init__(self, wg: WorkforceGraph, policy: Policy) -> None:
        result = supervision(wg, policy)
        self.wg, self.policy = wg, policy
        self.hours = hours_each(wg, policy)
        self.parents = {w.staff_id: w.supervisor_id for w in wg.index.workers}
        self.loads = {
            s.staff_id: _Load(s.hours_owed, s.hours_allowed, s.supervisees)
            for s in result.supervisors
        }
        self.kids = {s.staff_id: list(s.supervisee_ids) for s in result.supervisors}
        self.over = [s.staff_id for s in result.supervisors if s.over_hours or s.over_max]
        per_fte = policy.supervision_hours_per_fte_month
        self.able = [w for w in wg.index.workers if may_supervise(w, policy, wg.framework)]
        for w in self.able:
            self.loads.setdefault(w.staff_id, _Load(0.0, w.fte * per_fte, 0))

    def is_over(self, sid: str) -> bool:
        load = self.loads[sid]
        return load.owed > load.allowed + SLACK or load.count > self.policy.max_supervisees

    def fits(self, kid: str, target: str) -> bool:
        ix, fw = self.wg.index, self.wg.framework
        k, t = ix.pos[kid], ix.pos[target]
        load = self.loads[target]
        if load.count + 1 > self.policy.max_supervisees:
            return False
        if load.owed + self.hours[kid] > load.allowed + SLACK:
            return False
        asye = ix.overall[k] == fw.rank("asye")
        if asye and ix.overall[t] < fw.rank(self.policy.supervisor_min_level):
            return False
        if self.seniority(target) < self.seniority(kid):
            return False
        return not supervises_through(self.parents, kid, target)

    def seniority(self, sid: str) -> tuple[int, int]:
        """PCF level first, then the most senior post held (by the level the post asks for)."""
        ix, fw = self.wg.index, self.wg.framework
        i = ix.pos[sid]
        posts = [fw.rank(fw.post(p).min_level) for p in ix.workers[i].posts]
        return int(ix.overall[i]), max(posts, default=-1)

    def asye_below_level(self) -> list[str]:
        """ASYE workers whose supervisor is below the policy's supervisor level, in roster order."""
        ix, fw = self.wg.index, self.wg.framework
        asye, level = fw.rank("asye"), fw.rank(self.policy.supervisor_min_level)
        return [
            w.staff_id
            for i, w in enumerate(ix.workers)
            if ix.overall[i] == asye
            and (sup := self.parents.get(w.staff_id)) in ix.pos
            and ix.overall[ix.pos[sup]] < level
        ]

    def apply(self, kid: str, source: str, target: str) -> None:
        h = self.hours[kid]
        self.loads[source].owed -= h
        self.loads[source].count -= 1
        self.loads[target].owed += h
        self.loads[target].count += 1
        self.parents[kid] = target
        if kid in self.kids.get(source, []):
            self.kids[source].remove(kid)
        self.kids.setdefault(target, []).append(kid)


def _name(wg: WorkforceGraph, sid: str) -> str:
    return f"{wg.index.workers[wg.index.pos[sid]].name} ({sid})"


def _why_over(state: _State, sid: str) -> str:
    load, limit = state.loads[sid], state.policy.max_supervisees
    if load.owed > load.allowed + SLACK:
        return f"owes {load.owed - load.allowed:.1f} h a month more than their FTE allows"
    return f"has {load.count} supervisees, more than the limit of {limit}"


def _relieve(state: _State, sid: str) -> list[Suggestion]:
    wg = state.wg
    ix = wg.index
    team = ix.workers[ix.pos[sid]].team
    peers = [w.staff_id for w in state.able if w.team == team and w.staff_id != sid]
    kids = [k for k in state.kids[sid] if not ix.student[ix.pos[k]]]
    out = []
    for kid in sorted(kids, key=lambda k: -state.hours[k]):
        if not state.is_over(sid):
            break
        targets = [t for t in peers if t != kid and state.fits(kid, t)]
        if not targets:
            continue
        target = max(targets, key=lambda t: state.loads[t].spare())
        spare = state.loads[target].spare()
        reason = f"{_name(wg, sid)} {_why_over(state, sid)}; {_name(wg, target)} in {team} " + (
            f"may supervise and has {spare:.1f} h a month spare."
        )
        state.apply(kid, sid, target)
        out.append(Suggestion(Move(kid, target), sid, state.hours[kid], reason))
    return out


def _asye_first(state: _State) -> list[Suggestion]:
    wg, ix = state.wg, state.wg.index
    out = []
    for kid in state.asye_below_level():
        source = state.parents[kid]
        assert source is not None  # asye_below_level keeps supervised workers only
        team = ix.workers[ix.pos[kid]].team
        able = [w.staff_id for w in state.able if w.staff_id not in (kid, source)]
        targets = [t for t in able if state.fits(kid, t)]
        near = [t for t in targets if ix.workers[ix.pos[t]].team == team] or targets
        if not near:
            continue
        target = max(near, key=lambda t: state.loads[t].spare())
        reason = (
            f"{_name(wg, kid)} is in their ASYE and supervised by {_name(wg, source)}, below the "
            f"supervisor level; {_name(wg, target)} is at the level and has "
            f"{state.loads[target].spare():.1f} h a month spare."
        )
        state.apply(kid, source, target)
        out.append(Suggestion(Move(kid, target), source, state.hours[kid], reason))
    return out


def suggest_moves(
    service: Service, policy: Policy | None = None, as_of: date | None = None
) -> Suggestions:
    """Moves that bring over-capacity supervisors within capacity, where their team allows."""
    policy = policy or default_policy()
    wg = build(service, as_of)
    state = _State(wg, policy)
    moves = _asye_first(state)
    unresolved = []
    for sid in sorted(state.over, key=lambda s: state.loads[s].spare()):
        if not state.is_over(sid):  # relieved by an ASYE move already
            continue
        moves += _relieve(state, sid)
        if state.is_over(sid):
            unresolved.append(
                f"{_name(wg, sid)} stays over capacity: nobody else in their team who may "
                "supervise has the hours and places spare."
            )
    return Suggestions(moves, unresolved)
