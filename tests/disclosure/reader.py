"""A reader trying to recover hidden counts from a commissioner's file, by linear programming.

Built only from the published JSON (what a commissioner holds) and written independently of
`planner.disclosure`: it is the check on the gate, not a copy of it. The reader knows every
published figure, what each label means ("fewer than 5" is 1 to 4; any other hidden figure is
some count of people), and the structure of the tables: rows add up to their totals, a team
has no more AMHPs than workers, the team and age-band tables count the same people (so an
unpublished team x age-band table lies behind them), and the AMHP headcount moves over the
horizon only by lapses, leavers and people joining. For each hidden figure the reader's range
is the minimum and maximum the published figures allow (scipy.optimize.linprog).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

FEWER = re.compile(r"fewer than (\d+)")


@dataclass
class Reader:
    lower: list[float] = field(default_factory=list)
    upper: list[float | None] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    equalities: list[tuple[dict[int, float], float]] = field(default_factory=list)
    at_most: list[tuple[dict[int, float], float]] = field(default_factory=list)
    hidden: dict[str, int] = field(default_factory=dict)  # published but not shown
    prefix: str = ""  # put before each name: which of several files read into one model

    def figure(self, name: str, shown: object) -> int:
        """A variable for one published count: fixed when shown, bounded by its label if not."""
        i = len(self.names)
        name = self.prefix + name
        self.names.append(name)
        if isinstance(shown, bool) or shown is None:
            raise ValueError(f"{name}: {shown!r} is not a count")
        if isinstance(shown, int | float):
            self.lower.append(float(shown))
            self.upper.append(float(shown))
            return i
        found = FEWER.fullmatch(str(shown))
        if found:
            self.lower.append(1.0)
            self.upper.append(float(int(found.group(1)) - 1))
        else:
            self.lower.append(0.0)
            self.upper.append(None)
        self.hidden[name] = i
        return i

    def unknown(self, name: str) -> int:
        """A count the file does not publish at all (it still exists, and is at least 0)."""
        i = len(self.names)
        self.names.append(self.prefix + name)
        self.lower.append(0.0)
        self.upper.append(None)
        return i

    def equal(self, terms: Mapping[int, float], rhs: float = 0.0) -> None:
        self.equalities.append((dict(terms), rhs))

    def most(self, terms: Mapping[int, float], rhs: float = 0.0) -> None:
        self.at_most.append((dict(terms), rhs))

    def _matrix(self, rows: Sequence[tuple[dict[int, float], float]]) -> tuple[Any, Any]:
        if not rows:
            return None, None
        data, ri, ci = [], [], []
        for r, (terms, _) in enumerate(rows):
            for i, c in terms.items():
                data.append(c)
                ri.append(r)
                ci.append(i)
        # sparse: two releases read together have thousands of variables (duplicates add up)
        a = csr_matrix((data, (ri, ci)), shape=(len(rows), len(self.names)))
        return a, np.array([rhs for _, rhs in rows])

    def extreme(self, objective: Mapping[int, float], sense: int) -> float:
        """The least (sense 1) or greatest (sense -1) value of a sum of variables."""
        c = np.zeros(len(self.names))
        for i, w in objective.items():
            c[i] = sense * w
        a_eq, b_eq = self._matrix(self.equalities)
        a_ub, b_ub = self._matrix(self.at_most)
        bounds = list(zip(self.lower, self.upper, strict=True))
        res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if res.status == 3:  # unbounded
            return -math.inf * sense
        if res.status != 0:
            raise AssertionError(f"the reader's model has no solution: {res.message}")
        return float(sense * res.fun)

    def range_of(self, objective: Mapping[int, float]) -> tuple[float, float]:
        lo = self.extreme(objective, 1)
        hi = self.extreme(objective, -1)
        # counts are whole numbers: a reader rounds inwards
        return math.ceil(lo - 1e-6), (math.floor(hi + 1e-6) if math.isfinite(hi) else math.inf)


@dataclass
class Period:
    start: date
    end: date
    departures: int  # variable: people counted at start who are not counted at end
    lapses: int  # variable: of them, approvals that lapsed


@dataclass
class Reading:
    reader: Reader
    periods: list[Period]


def _breakdowns(view: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [view[k] for k in ("by_team", "by_age_band") if isinstance(view.get(k), Mapping)]


def _count(counts: Mapping[str, Any], *words: str) -> tuple[str, Any] | None:
    for name, value in counts.items():
        if any(w in name.lower() for w in words):
            return name, value
    return None


def read(
    view: Mapping[str, Any],
    known_expiries: Sequence[str] | None = None,
    into: Reader | None = None,
    prefix: str = "",
) -> Reading:
    """Everything the published file tells a reader, as one linear model; `known_expiries`
    are approval expiry months (YYYY-MM) of today's AMHPs the reader knows from elsewhere (an
    older file listed them). Read `into` a model that holds another file already, with a
    `prefix` on every name, to link the two."""
    r = into or Reader()
    r.prefix = prefix
    amhps = r.figure("AMHPs (headline)", view["amhp_headcount"])
    _headline_hints(r, amhps, view)
    workers: int | None = None
    tables: list[tuple[list[int], list[int]]] = []
    for b in _breakdowns(view):
        total_w = r.figure(f"{b['by']}: workers total", b["workers"])
        total_a = r.figure(f"{b['by']}: AMHPs total", b["amhps"])
        r.equal({total_a: 1, amhps: -1})
        if workers is None:
            workers = total_w
        else:
            r.equal({total_w: 1, workers: -1})
        ws, as_ = [], []
        for row in b["rows"]:
            w = r.figure(f"{b['by']} {row['label']}: workers", row["workers"])
            a = r.figure(f"{b['by']} {row['label']}: AMHPs", row["amhps"])
            r.most({a: 1, w: -1})
            ws.append(w)
            as_.append(a)
        r.equal({**dict.fromkeys(ws, 1.0), total_w: -1})
        r.equal({**dict.fromkeys(as_, 1.0), total_a: -1})
        tables.append((ws, as_))
    if len(tables) == 2:
        _cross_table(r, tables[0], tables[1])
    sup = view.get("supervision")
    if isinstance(sup, Mapping) and workers is not None:
        for key in ("supervisors", "may_supervise"):
            if key in sup:
                r.most({r.figure(f"supervision: {key}", sup[key]): 1, workers: -1})
    periods = _horizon(r, amhps, view, known_expiries)
    return Reading(r, periods)


def _headline_hints(r: Reader, amhps: int, view: Mapping[str, Any]) -> None:
    """Figures derived from the headcount narrow it: FTE (nobody works more than full time)
    and the rate per 100,000 with the population beside it."""
    fte = view.get("amhp_fte")
    if isinstance(fte, int | float) and not isinstance(fte, bool):
        r.most({amhps: -1}, -math.floor(fte - 0.05))
    rate, population = view.get("per_100k_adults"), view.get("adult_population")
    if isinstance(rate, int | float) and isinstance(population, int) and population > 0:
        r.most({amhps: 1}, math.floor((rate + 0.005) * population / 100_000 + 1e-9))
        r.most({amhps: -1}, -math.ceil((rate - 0.005) * population / 100_000 - 1e-9))


def _cross_table(
    r: Reader, teams: tuple[list[int], list[int]], bands: tuple[list[int], list[int]]
) -> None:
    """The unpublished team x age-band counts behind both tables (workers, and AMHPs among them)."""
    (tw, ta), (bw, ba) = teams, bands
    x = [[r.unknown(f"x{i},{j}") for j in range(len(bw))] for i in range(len(tw))]
    y = [[r.unknown(f"y{i},{j}") for j in range(len(bw))] for i in range(len(tw))]
    for i in range(len(tw)):
        r.equal({**{x[i][j]: 1.0 for j in range(len(bw))}, tw[i]: -1})
        r.equal({**{y[i][j]: 1.0 for j in range(len(bw))}, ta[i]: -1})
        for j in range(len(bw)):
            r.most({y[i][j]: 1, x[i][j]: -1})
    for j in range(len(bw)):
        r.equal({**{x[i][j]: 1.0 for i in range(len(tw))}, bw[j]: -1})
        r.equal({**{y[i][j]: 1.0 for i in range(len(tw))}, ba[j]: -1})


def _series(view: Mapping[str, Any]) -> list[tuple[date, Any]]:
    if "months" in view:  # files written before the gate: a point every month
        return [(date.fromisoformat(m["month"]), m["amhps"]) for m in view["months"]]
    horizon = view.get("horizon") or {}
    return [(date.fromisoformat(p["on"]), p["amhps"]) for p in horizon.get("series", [])]


def _flows(view: Mapping[str, Any]) -> dict[str, Any]:
    """The horizon's counts by what they count: leaving, lapsing, joining, cpd."""
    if isinstance(view.get("horizon"), Mapping):
        h = view["horizon"]
        return {"leaving": h["leaving"], "lapsing": h["lapsing"], "joining": h["joining"]} | {
            "cpd": h["cpd_short"]
        }
    counts = view.get("horizon_counts") or {}
    found = {}
    for key, words in (
        ("leaving", ("leaving",)),
        ("lapsing", ("expiring", "lapsing", "lapse")),
        ("cpd", ("cpd",)),
        ("joining", ("qualifying", "joining")),
    ):
        hit = _count(counts, *words)
        if hit is not None:
            found[key] = hit[1]
    return found


def _horizon(
    r: Reader, amhps: int, view: Mapping[str, Any], known: Sequence[str] | None
) -> list[Period]:
    """The headcount over the horizon: each step is departures (lapses and leavers) against
    joiners. Published lists of expiry months bound the lapses in each period."""
    named = {}
    for key, value in _flows(view).items():
        named[key] = r.figure(f"horizon: {key}", value)
        if key != "joining":  # of today's AMHPs
            r.most({named[key]: 1, amhps: -1})
    points = _series(view)
    if not points:
        return []
    stock = [r.figure(f"series {d}", v) for d, v in points]
    r.equal({stock[0]: 1, amhps: -1})
    if isinstance(view.get("horizon"), Mapping) and {"leaving", "lapsing", "joining"} <= set(named):
        # as the file defines them: at the end = now - leaving - lapsing + joining
        at_end = r.figure("horizon: at end", view["horizon"]["at_end"])
        r.equal({at_end: 1, stock[-1]: -1})
        r.equal(
            {at_end: 1, amhps: -1, named["leaving"]: 1, named["lapsing"]: 1, named["joining"]: -1}
        )
    listed = "approval_expiries" in view or known is not None
    expiry_months = [e["expires"] for e in view.get("approval_expiries", [])] or list(known or [])
    periods: list[Period] = []
    for k in range(1, len(points)):
        out = r.unknown(f"departures {points[k][0]}")
        joined = r.unknown(f"joiners {points[k][0]}")
        lapse = r.unknown(f"lapses {points[k][0]}")
        r.equal({stock[k]: 1, stock[k - 1]: -1, out: 1, joined: -1})
        r.most({lapse: 1, out: -1})
        if listed:
            # lapses in (start, end] are approvals expiring in the months the period touches
            start, end = points[k - 1][0], points[k][0]
            months = {f"{d:%Y-%m}" for d in _months_between(start, end)}
            r.most({lapse: 1}, float(sum(1 for e in expiry_months if e in months)))
        periods.append(Period(points[k - 1][0], points[k][0], out, lapse))
    outs = [named[k] for k in ("leaving", "lapsing") if k in named]
    if periods and outs:
        # every lapse within the horizon is an approval expiring (or, for someone who also
        # leaves, a leaver): the lapses of all periods are at most the two counts together
        r.most({**{p.lapses: 1.0 for p in periods}, **dict.fromkeys(outs, -1.0)})
    return periods


def _months_between(start: date, end: date) -> list[date]:
    months, d = [], start.replace(day=1)
    while d <= end:
        months.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return months


def narrow_cells(view: Mapping[str, Any], threshold: int) -> dict[str, tuple[float, float]]:
    """Each hidden figure whose range the reader can narrow below the threshold."""
    reading = read(view)
    r = reading.reader
    found = {}
    for name, i in r.hidden.items():
        lo, hi = r.range_of({i: 1})
        if hi - lo < threshold:
            found[name] = (lo, hi)
    return found


def departures_shown(
    view: Mapping[str, Any], known_expiries: Sequence[str] | None = None
) -> list[tuple[date, date, int]]:
    """The periods in which the reader can prove someone stopped counting for a reason other than
    a lapsed approval (a leaver), with the least number of such leavers."""
    reading = read(view, known_expiries)
    found = []
    for p in reading.periods:
        least = reading.reader.extreme({p.departures: 1, p.lapses: -1}, 1)
        if math.ceil(least - 1e-6) >= 1:
            found.append((p.start, p.end, math.ceil(least - 1e-6)))
    return found
