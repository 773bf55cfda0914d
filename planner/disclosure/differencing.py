"""A release read beside the one before it: differencing, limited.

Releases are at most one a quarter (`planner.store.releases`), but a quiet quarter can differ by
one person, and a reader who hears that someone left holds both releases. If the team and
age-band tables of the two releases were audited apart, the one team whose count fell by one
would say which team the leaver was in, and the one age band which band; a figure hidden in
the old release and shown in the new would give the old one away to within the change.

So the gate audits the new release together with the old (`planner.disclosure.suppression`):
the old release's team and age-band figures are frozen cells (shown ones are constants; hidden
ones stay hidden, and their ranges are audited again), its unpublished team x age-band table is
rebuilt from the snapshot it was published from, and each cell of the two tables is tied by
the people who left it, joined it, lost or gained an AMHP approval in it, with the totals of
each kind given (the worst case: a reader who knows it was one leaver and nobody joining).
Guards say that no team and no age band may be proved to have lost, or gained, someone when
fewer than the threshold left or joined it. The gate then hides more of the new release until
all of that holds: the rule "a figure that changed by fewer than the threshold is hidden",
made exact. The tests read two releases with an independent reader
(`tests/disclosure/test_release_differencing.py`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.disclosure.suppression import Cells, Count, Suppressed

PREFIX = "prev:"
FLOWS = ("left", "joined")  # of workers; AMHPs also "lapsed" and "approved" in place
AMHP_FLOWS = ("left", "joined", "lapsed", "approved")


@dataclass(frozen=True)
class Person:
    """Someone in post on a release's as-of date, as the tables place them."""

    staff_id: str
    team: str
    band: str
    amhp: bool


@dataclass(frozen=True)
class Before:
    """The previous release: its published team and age-band figures (with the totals) by
    cell key, and the people it was built from."""

    shown: Mapping[str, Count]
    teams: Sequence[str]
    bands: Sequence[str]
    people: Sequence[Person]


def _cross(people: Sequence[Person]) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    x = Counter((p.team, p.band) for p in people)
    y = Counter((p.team, p.band) for p in people if p.amhp)
    return x, y


def _table(cells: Cells, before: Before) -> bool:
    """The previous release's tables as frozen cells over its own cross table; False (nothing
    added) when its published figures are not what its snapshot gives (a release written by
    an earlier version): then it cannot be read beside this one cell by cell."""
    if not all(p.team in before.teams and p.band in before.bands for p in before.people):
        return False
    x, y = _cross(before.people)
    values: dict[str, int] = {"workers": len(before.people), "amhps": sum(y.values())}
    for by, labels, index in (("team", before.teams, 0), ("age band", before.bands, 1)):
        for label in labels:
            values[f"{by}:{label}:workers"] = sum(n for k, n in x.items() if k[index] == label)
            values[f"{by}:{label}:amhps"] = sum(n for k, n in y.items() if k[index] == label)
    for key, figure in before.shown.items():
        if isinstance(figure, int) and values.get(key) != figure:
            return False
    for key, value in values.items():
        shown = before.shown.get(key)
        frozen = None if shown is None else not isinstance(shown, Suppressed)
        cells.add(PREFIX + key, value, published=False, frozen=frozen)
    for t in before.teams:
        for b in before.bands:
            cx = cells.add(f"{PREFIX}x:{t}:{b}", x[t, b], published=False)
            cy = cells.add(f"{PREFIX}y:{t}:{b}", y[t, b], published=False)
            cells.at_most(cy, cx)
    for what, cross in (("workers", "x"), ("amhps", "y")):
        for t in before.teams:
            parts = [f"{PREFIX}{cross}:{t}:{b}" for b in before.bands]
            cells.total(parts, f"{PREFIX}team:{t}:{what}")
        for b in before.bands:
            parts = [f"{PREFIX}{cross}:{t}:{b}" for t in before.teams]
            cells.total(parts, f"{PREFIX}age band:{b}:{what}")
        cells.total([f"{PREFIX}team:{t}:{what}" for t in before.teams], f"{PREFIX}{what}")
    return True


def _flows(
    before: Sequence[Person], after: Sequence[Person]
) -> dict[str, Counter[tuple[str, str]]]:
    """Per cell (team, age band): who left it, joined it, or stayed in it and lost or gained
    an AMHP approval. Moving team or age band is leaving one cell and joining another."""
    then = {p.staff_id: p for p in before}
    now = {p.staff_id: p for p in after}
    out: dict[str, Counter[tuple[str, str]]] = {
        f"{kind}:{c}": Counter() for kind in AMHP_FLOWS for c in ("x", "y")
    }
    for sid in then.keys() | now.keys():
        a, b = then.get(sid), now.get(sid)
        if a and b and (a.team, a.band) == (b.team, b.band):
            cell = (a.team, a.band)
            if a.amhp and not b.amhp:
                out["lapsed:y"][cell] += 1
            elif b.amhp and not a.amhp:
                out["approved:y"][cell] += 1
            continue
        if a:
            out["left:x"][a.team, a.band] += 1
            out["left:y"][a.team, a.band] += a.amhp
        if b:
            out["joined:x"][b.team, b.band] += 1
            out["joined:y"][b.team, b.band] += b.amhp
    return out


def link(
    cells: Cells,
    before: Before,
    people: Sequence[Person],
    teams: Sequence[str],
    bands: Sequence[str],
) -> bool:
    """Add the previous release and the changes since to the cells of this one (whose cross
    table is `x:team:band` and `y:team:band` over `teams` and `bands`); False when the previous
    release cannot be read beside this one (see `_table`)."""
    if not _table(cells, before):
        return False
    flows = _flows(before.people, people)
    now_cells = {(t, b) for t in teams for b in bands}
    then_cells = {(t, b) for t in before.teams for b in before.bands}
    for kind in AMHP_FLOWS:
        for c in ("x", "y"):
            if c == "x" and kind not in FLOWS:
                continue
            key = f"{kind}:{c}"
            total = cells.add(f"changes:{key}", sum(flows[key].values()), frozen=True)
            parts = []
            for t, b in sorted(now_cells | then_cells):
                parts.append(cells.add(f"{key}:{t}:{b}", flows[key][t, b], published=False))
            cells.total(parts, total)
    for t, b in sorted(now_cells | then_cells):
        _tie(cells, t, b, (t, b) in now_cells, (t, b) in then_cells)
    for by, labels, old in (("team", teams, before.teams), ("age band", bands, before.bands)):
        rows = {label: [f"{by}:{label}:workers", f"{by}:{label}:amhps"] for label in labels}
        emptied = {k for k in labels if before.shown.get(f"{by}:{k}:workers") == 0}
        for label in sorted(set(labels) | set(old)):
            if by == "team":
                parts = [f"x:{label}:{b}" for b in sorted(set(bands) | set(before.bands))]
            else:
                parts = [f"x:{t}:{label}" for t in sorted(set(teams) | set(before.teams))]
            for kind in FLOWS:
                # a row the last release showed empty can have lost nobody
                others = [
                    r
                    for k, r in rows.items()
                    if k != label and not (kind == "left" and k in emptied)
                ]
                remedies = [rows.get(label, []), *others]
                cells.guard(f"{kind} {by} {label}", [f"{kind}:{p}" for p in parts], remedies)
    keys = ["workers", "amhps"] + [
        f"{by}:{label}:{what}"
        for by, labels in (("team", teams), ("age band", bands))
        for label in labels
        for what in ("workers", "amhps")
    ]
    for key in keys:
        if PREFIX + key in cells.values:
            cells.follows[key] = PREFIX + key
    return True


def _tie(cells: Cells, t: str, b: str, now: bool, then: bool) -> None:
    """This release's cell is the previous one's less those who left plus those who joined;
    an AMHP who left or joined is a worker who did; nobody leaves a cell twice."""
    x_now, y_now = f"x:{t}:{b}", f"y:{t}:{b}"
    x_then, y_then = f"{PREFIX}x:{t}:{b}", f"{PREFIX}y:{t}:{b}"
    cell = f"{t}:{b}"
    x_terms = {f"left:x:{cell}": 1.0, f"joined:x:{cell}": -1.0}
    y_terms = {
        f"left:y:{cell}": 1.0,
        f"lapsed:y:{cell}": 1.0,
        f"joined:y:{cell}": -1.0,
        f"approved:y:{cell}": -1.0,
    }
    if now:
        x_terms[x_now] = 1.0
        y_terms[y_now] = 1.0
    if then:
        x_terms[x_then] = -1.0
        y_terms[y_then] = -1.0
        cells.at_most_sum([f"left:x:{cell}"], x_then)
        cells.at_most_sum([f"left:y:{cell}", f"lapsed:y:{cell}"], y_then)
    cells.balance(x_terms)
    cells.balance(y_terms)
    cells.at_most(f"left:y:{cell}", f"left:x:{cell}")
    cells.at_most(f"joined:y:{cell}", f"joined:x:{cell}")
    if now:
        cells.at_most_sum([f"joined:y:{cell}", f"approved:y:{cell}"], y_now)
