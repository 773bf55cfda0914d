"""Small-number suppression for what commissioners see, audited by linear programming.

A count of people below the policy `disclosure_threshold` could single someone out ("the one
AMHP aged 60 or over in North CMHT"), so it is hidden (primary suppression). A hidden count can
still be worked out, or narrowed, from the figures around it: the rows of a table add up to its
total, a team has no more AMHPs than workers, the team and age-band tables count the same
people, the headcount at the end of the horizon is today's less leavers and lapses plus joiners.
So every figure a commissioner sees is one cell of a single system (`Cells`) that knows these
constraints, and the audit asks a solver what any reader could infer: for each hidden cell, its
least and greatest value given every shown figure and every constraint
(`scipy.optimize.linprog`). Further cells are hidden (secondary suppression) until every hidden
cell's range is at least the threshold wide. This is the audit official statistics use for
tables with linked totals (ONS, "Disclosure control guidance for tables"; the same LP check as
tau-Argus's audit), applied to all the tables together.

A release is also read beside the one before it (`planner.disclosure.differencing`): the previous
release's figures join the system as *frozen* cells (shown ones are constants, hidden ones stay
hidden and are audited too), with the people who left, joined or changed between them as
unpublished cells, and *guards*: sums of those changes (the people who left one team) that a
reader must not be able to prove above zero when they are a small group. A hidden cell whose
previous value the reader knows exactly is audited through the guards instead of its range: one
person leaving in a quiet quarter narrows it to within one whatever else is hidden.

Every hidden cell is shown the same way, "suppressed": a label such as "fewer than 5" would
itself narrow the cell to 1-4, and telling primary from secondary cells apart would say which
ones are small. Zeros are shown (they name nobody) unless hidden to protect another cell.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, model_serializer, model_validator
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

Reason = Literal["small", "withheld"]
LABEL = "suppressed"
Bound = tuple[float, float | None]


class Suppressed(BaseModel):
    """A figure not shown. The gate knows why (`small`: a count below the threshold;
    `withheld`: hidden to protect a small one, or worked out from a hidden count); the reader
    does not: both read "suppressed" (see the module docstring), and read back without a
    reason."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    reason: Reason | None = None

    def __str__(self) -> str:
        return LABEL

    @model_serializer
    def _text(self) -> str:
        return str(self)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {} if data == LABEL else data


Count = int | Suppressed


def shown(value: Count) -> int | str:
    """A count as a table or JSON reader sees it."""
    return value if isinstance(value, int) else str(value)


def is_small(value: int, threshold: int) -> bool:
    """A count that could single someone out: between 1 and threshold - 1 (zero names nobody)."""
    return 0 < value < threshold


class DisclosureError(RuntimeError):
    """The gate could not make a table safe to publish (never expected; nothing is published)."""


@dataclass
class _Constraint:
    terms: dict[str, float]
    equal: bool  # sum of terms == 0, else <= 0


@dataclass
class Cells:
    """Counts of people a commissioner may see, with the constraints a reader knows.

    A cell is *published* (shown unless suppressed) or not (a count the reader knows exists
    but never sees, such as the team x age-band table behind two published tables, or the
    AMHPs who stay to the end of the horizon): unpublished cells are hidden, and make the
    reader's inference stronger, never weaker."""

    threshold: int
    values: dict[str, int] = field(default_factory=dict)
    published: dict[str, bool] = field(default_factory=dict)
    headline: set[str] = field(default_factory=set)
    constraints: list[_Constraint] = field(default_factory=list)
    frozen: dict[str, bool] = field(default_factory=dict)  # published before: shown or not
    follows: dict[str, str] = field(default_factory=dict)  # a cell and its previous release's
    guards: dict[str, list[str]] = field(default_factory=dict)
    remedies: dict[str, list[list[str]]] = field(default_factory=dict)  # per guard

    def add(
        self,
        key: str,
        value: int,
        *,
        published: bool = True,
        headline: bool = False,
        frozen: bool | None = None,
    ) -> str:
        """A count; a `headline` one (the AMHP headcount) is hidden to protect others only
        when no other cell will do; a `frozen` one was published in an earlier release, shown
        (True) or hidden (False), and this release cannot change that."""
        if key in self.values:
            raise ValueError(f"cell {key!r} is added twice")
        if value < 0:
            raise ValueError(f"cell {key!r} is a negative count")
        self.values[key] = value
        self.published[key] = published or frozen is not None
        if headline:
            self.headline.add(key)
        if frozen is not None:
            self.frozen[key] = frozen
        return key

    def guard(self, name: str, parts: Iterable[str], remedies: Iterable[list[str]]) -> None:
        """A sum of unpublished cells (people who left a team) that a reader must not prove to
        be at least one when it is a small group; `remedies` are groups of published cells,
        best first, hiding any one of which may leave the reader another place for them (the
        team's own row, then another team's)."""
        self.guards[name] = list(parts)
        self.remedies[name] = [list(r) for r in remedies]

    def may_hide(self, key: str) -> bool:
        """A cell of this release a reader sees unless it is hidden."""
        return self.published[key] and key not in self.frozen

    def audited(self, key: str) -> bool:
        """A hidden cell whose range must stay at least the threshold wide (see the module
        docstring for those audited through the guards instead)."""
        if not self.published[key]:
            return False
        before = self.follows.get(key)
        return before is None or not self.frozen.get(before, False)

    def _check(self, terms: Mapping[str, float], equal: bool) -> None:
        total = sum(c * self.values[k] for k, c in terms.items())
        if (equal and total != 0) or (not equal and total > 0):
            raise ValueError(f"the cells do not satisfy their own constraint: {dict(terms)}")
        self.constraints.append(_Constraint(dict(terms), equal))

    def total(self, parts: Iterable[str], whole: str) -> None:
        """The parts add up to the whole."""
        terms: dict[str, float] = {}
        for p in parts:
            terms[p] = terms.get(p, 0.0) + 1.0
        terms[whole] = terms.get(whole, 0.0) - 1.0
        self._check(terms, equal=True)

    def at_most(self, part: str, whole: str) -> None:
        """One count is never more than another (AMHPs in a team and its workers)."""
        self._check({part: 1.0, whole: -1.0}, equal=False)

    def at_most_sum(self, parts: Iterable[str], whole: str) -> None:
        """Some counts together are never more than another."""
        terms = dict.fromkeys(parts, 1.0)
        terms[whole] = terms.get(whole, 0.0) - 1.0
        self._check(terms, equal=False)

    def balance(self, terms: Mapping[str, float]) -> None:
        """A weighted sum of counts is zero (a cell now is the one before, less those who
        left, plus those who joined)."""
        self._check(terms, equal=True)

    def neighbours(self, key: str) -> list[_Constraint]:
        return [c for c in self.constraints if key in c.terms]


class _Solver:
    """The reader's linear program over all cells; bounds change with what is hidden."""

    def __init__(self, cells: Cells) -> None:
        self.cells = cells
        self.keys = list(cells.values)
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.eq = self._matrix([c for c in cells.constraints if c.equal])
        self.ub = self._matrix([c for c in cells.constraints if not c.equal])

    def _matrix(self, rows: list[_Constraint]) -> tuple[csr_matrix | None, np.ndarray | None]:
        if not rows:
            return None, None
        data, ri, ci = [], [], []
        for r, con in enumerate(rows):
            for k, coef in con.terms.items():
                data.append(coef)
                ri.append(r)
                ci.append(self.index[k])
        shape = (len(rows), len(self.keys))
        return csr_matrix((data, (ri, ci)), shape=shape), np.zeros(len(rows))

    def bounds(self, hidden: set[str]) -> list[Bound]:
        out: list[Bound] = []
        for k in self.keys:
            if self.cells.frozen.get(k, k not in hidden) and self.cells.published[k]:
                v = float(self.cells.values[k])
                out.append((v, v))
            else:
                out.append((0.0, None))
        return out

    def _solve(self, c: np.ndarray, bounds: list[Bound]) -> Any:
        res = linprog(
            c,
            A_ub=self.ub[0],
            b_ub=self.ub[1],
            A_eq=self.eq[0],
            b_eq=self.eq[1],
            bounds=bounds,
            method="highs",
        )
        if res.status not in (0, 3):  # the true values always satisfy the model
            raise DisclosureError(f"the disclosure audit could not be solved: {res.message}")
        return res

    def extreme(self, key: str | list[str], bounds: list[Bound], sense: int) -> float:
        """The least (sense 1) or greatest (sense -1) value the reader can give the cell, or
        the sum of the cells."""
        c = np.zeros(len(self.keys))
        for k in [key] if isinstance(key, str) else key:
            c[self.index[k]] += sense
        res = self._solve(c, bounds)
        if res.status == 3:
            return math.inf if sense < 0 else -math.inf
        return float(sense * res.fun)

    def solution(self, c: np.ndarray, bounds: list[Bound]) -> np.ndarray:
        """A solution of the reader's model minimising c (every variable bounded above)."""
        res = self._solve(c, bounds)
        if res.status != 0:
            raise DisclosureError(f"the disclosure audit could not be solved: {res.message}")
        return np.asarray(res.x)


def _rounded(lo: float, hi: float) -> tuple[float, float]:
    # counts are whole numbers, so a reader rounds the LP's range inwards
    return math.ceil(lo - 1e-6), (math.floor(hi + 1e-6) if math.isfinite(hi) else math.inf)


def audit(cells: Cells, hidden: Iterable[str]) -> dict[str, tuple[float, float]]:
    """For each hidden published cell, the least and greatest value a reader can infer from the
    shown cells and the constraints (the full range: used to report and test the gate)."""
    hide = set(hidden)
    solver = _Solver(cells)
    bounds = solver.bounds(hide)
    return {
        k: _rounded(solver.extreme(k, bounds, 1), solver.extreme(k, bounds, -1))
        for k in solver.keys
        if (k in hide or cells.frozen.get(k) is False) and cells.published[k]
    }


def _wide_enough(solver: _Solver, targets: set[str], bounds: list[Bound]) -> set[str]:
    """Cells shown wide enough together: the true value lies in a cell's range, so any
    solution of the reader's model with the cell at least the threshold above (or below) its
    true value settles it. One solve settles many: half the targets pushed up, each capped
    there, the other half down, each floored there (cells that add up to a shown total can
    only rise together if others fall); then the halves swap, until a round settles none."""
    t = solver.cells.threshold
    values = solver.cells.values
    settled: set[str] = set()
    todo = set(targets)
    idle = 0
    turn = 0
    while todo and idle < 2:
        order = sorted(todo)
        down = {k for n, k in enumerate(order) if (n + turn) % 2 and values[k] >= t}
        turn += 1
        moved = list(bounds)
        c = np.zeros(len(solver.keys))
        for k in todo:
            i = solver.index[k]
            if k in down:
                moved[i] = (max(moved[i][0], float(values[k] - t)), moved[i][1])
                c[i] = 1.0
            else:
                moved[i] = (moved[i][0], float(values[k] + t))
                c[i] = -1.0
        x = solver.solution(c, moved)
        done = {
            k
            for k in todo
            if (
                x[solver.index[k]] <= values[k] - t + 1e-6
                if k in down
                else x[solver.index[k]] >= values[k] + t - 1e-6
            )
        }
        idle = 0 if done else idle + 1
        settled |= done
        todo -= done
    return settled


def _narrow(solver: _Solver, hidden: set[str]) -> dict[str, float]:
    """Hidden published cells whose range is narrower than the threshold, with their width,
    and guards a reader can prove to be at least one (width 0)."""
    t = solver.cells.threshold
    bounds = solver.bounds(hidden)
    targets = {k for k in hidden if solver.cells.audited(k) and not solver.cells.frozen.get(k)}
    narrow = {}
    for k in sorted(targets - _wide_enough(solver, targets, bounds)):
        value = solver.cells.values[k]
        hi = _rounded(0, solver.extreme(k, bounds, -1))[1]
        if hi - value >= t:
            continue
        lo = _rounded(solver.extreme(k, bounds, 1), 0)[0]
        if hi - lo < t:
            narrow[k] = hi - lo
    values = solver.cells.values
    for name, parts in solver.cells.guards.items():
        if is_small(sum(values[p] for p in parts), t):
            if _rounded(solver.extreme(parts, bounds, 1), 0)[0] >= 1:
                narrow[name] = 0.0
    return narrow


def _candidates(cells: Cells, key: str, hidden: set[str]) -> list[str]:
    """Shown cells nearest the narrow one (or a guard's parts) through the constraints (the
    same table row or total first, then their neighbours); headline cells only when nothing
    else is left; never a cell of an earlier release."""
    start = cells.guards.get(key, [key])
    seen, frontier = set(start), list(start)
    headline: list[str] = []
    while frontier:
        found: list[str] = []
        nxt: list[str] = []
        for k in frontier:
            for con in cells.neighbours(k):
                for other in con.terms:
                    if other in seen:
                        continue
                    seen.add(other)
                    nxt.append(other)
                    if cells.may_hide(other) and other not in hidden:
                        (headline if other in cells.headline else found).append(other)
        if found:
            return found
        frontier = nxt
    return headline[:1]


def _choose(cells: Cells, key: str, width: float, options: list[str]) -> str:
    """The smallest shown cell that could widen the range enough on its own (it moves the
    hidden one by up to its own value), else the largest: hiding the least information."""
    need = cells.threshold - width
    enough = [o for o in options if cells.values[o] >= need]
    if enough:
        return min(enough, key=lambda o: (cells.values[o], o))
    return max(options, key=lambda o: (cells.values[o], o))


def _remedy(cells: Cells, guard: str, hidden: set[str]) -> set[str]:
    """The guard's own row if any of it is shown, else the other remedy with the least shown:
    its shown cells, to hide together."""
    groups = [
        [k for k in g if cells.may_hide(k) and k not in hidden] for g in cells.remedies[guard]
    ]
    own, others = groups[0] if groups else [], [g for g in groups[1:] if g]
    if own:
        return set(own)
    if not others:
        return set()
    return set(min(others, key=lambda g: (sum(cells.values[k] for k in g), g)))


def protect(cells: Cells, also: Iterable[str] = ()) -> dict[str, Count]:
    """Each published cell, shown or suppressed: every small count hidden, and the cells in
    `also` (hidden for a reason outside this table, such as a change since the last release),
    then further cells until the reader's range of each hidden cell is at least the threshold
    wide."""
    t = cells.threshold
    hidden = {k for k, v in cells.values.items() if cells.may_hide(k) and is_small(v, t)}
    hidden |= {k for k in also if cells.published.get(k) and cells.may_hide(k)}
    hidden |= {k for k, shown in cells.frozen.items() if not shown}
    solver = _Solver(cells)
    # What the earlier release and the changes give away whatever this one hides is not this
    # release's to protect (a reader who knows that an AMHP left, and that one team had all
    # the AMHPs, knows the team): such cells and guards are set aside, not hidden for.
    everything = {k for k in cells.values if cells.may_hide(k)} | hidden
    hopeless = set(_narrow(solver, everything)) if cells.frozen else set()
    while True:
        narrow = {k: w for k, w in _narrow(solver, hidden).items() if k not in hopeless}
        if not narrow:
            break
        added: set[str] = set()
        for key in sorted(narrow, key=lambda k: (narrow[k], k)):
            if key in cells.guards:
                added |= _remedy(cells, key, hidden | added)
                continue
            options = [o for o in _candidates(cells, key, hidden | added) if o not in added]
            if options:
                added.add(_choose(cells, key, narrow[key], options))
        if not added:
            raise DisclosureError(
                "Some hidden counts could still be worked out and nothing is left to hide: "
                + ", ".join(sorted(narrow))
            )
        hidden |= added
    return {
        k: (Suppressed(reason="small" if is_small(v, t) else "withheld") if k in hidden else v)
        for k, v in cells.values.items()
        if cells.may_hide(k)
    }
