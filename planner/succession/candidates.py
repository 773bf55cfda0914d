"""Candidates for a critical position and their readiness, vectorised over the whole workforce.

A candidate's gaps are measured against the position's requirements: a post's minimum overall
PCF level and credentials, and the Appendix One mapping (domains and level) of its TCSW role
category (TCSW 2014, Appendix One): required for C and E, a readiness signal for A, B and D,
whose functions any registered social worker may take on, so for them the bands say how ready a
candidate is, not whether they may. Readiness bands follow issue 7: ready now when nothing is
missing; ready in 1-2 years when at most one level short on at most
`readiness_max_short_domains` domains and no credential is missing (bar AMHP approval for someone
already in AMHP training); otherwise ready in 3+ years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from planner.reference.policy import Policy
from planner.succession.models import Candidate, Credential, Gap, Readiness
from planner.workforce.graph import WorkforceGraph
from planner.workforce.graph_index import BoolArray

TOP = 25
BAND_POINTS = np.array([300.0, 200.0, 100.0])  # ready_now, ready_1_2_years, ready_3_plus_years
BANDS: tuple[Readiness, ...] = ("ready_now", "ready_1_2_years", "ready_3_plus_years")
IntMatrix = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Requirement:
    """What a position asks of whoever holds it."""

    category: str | None
    min_level: str | None
    requires: tuple[Credential, ...]
    registered_only: bool  # posts and functions need a registered social worker


def credentials_missing(wg: WorkforceGraph, requires: tuple[Credential, ...]) -> BoolArray:
    """(N, len(requires)) True where a worker lacks a credential."""
    ix = wg.index
    cols = []
    for need in requires:
        if need == "amhp_approval":
            cols.append(~ix.amhp)
        elif need == "bia":
            cols.append(~np.array([w.bia for w in ix.workers], dtype=np.bool_))
        else:
            cols.append(ix.pe_stage < int(need[-1]))
    out: BoolArray = np.stack(cols, axis=1) if cols else np.zeros((len(ix), 0), np.bool_)
    return out


def shortfalls(wg: WorkforceGraph, req: Requirement) -> IntMatrix:
    """(N, 10) levels short: the nine PCF domains of the category mapping, then overall level."""
    n = len(wg.index)
    short = np.zeros((n, 10), np.int64)
    if req.category is not None:
        short[:, :9] = wg.shortfall(req.category)
    if req.min_level is not None:
        need = wg.framework.rank(req.min_level)
        short[:, 9] = np.clip(need - wg.index.overall.astype(np.int64), 0, None)
    return short


def bands(
    short: IntMatrix, missing: BoolArray, req: Requirement, wg: WorkforceGraph, policy: Policy
) -> npt.NDArray[np.int64]:
    """Readiness band index per worker: 0 ready now, 1 in 1-2 years, 2 in 3+ years."""
    ix = wg.index
    domains_short = (short > 0).sum(axis=1)
    near = (short.max(axis=1) <= 1) & (domains_short <= policy.readiness_max_short_domains)
    creds = missing.copy()
    if "amhp_approval" in req.requires:
        creds[:, req.requires.index("amhp_approval")] &= ~ix.in_training
    now = (domains_short == 0) & ~missing.any(axis=1)
    soon = near & ~creds.any(axis=1)
    out: npt.NDArray[np.int64] = np.where(now, 0, np.where(soon, 1, 2)).astype(np.int64)
    return out


@dataclass(frozen=True)
class Scored:
    """Everyone's shortfall, missing credentials, band and points against one requirement."""

    short: IntMatrix
    missing: BoolArray
    band: npt.NDArray[np.int64]
    points: npt.NDArray[np.float64]


def score_requirement(wg: WorkforceGraph, req: Requirement, policy: Policy) -> Scored:
    """Score the whole workforce once per requirement; positions sharing one reuse it."""
    short = shortfalls(wg, req)
    missing = credentials_missing(wg, req.requires)
    band = bands(short, missing, req, wg, policy)
    points = BAND_POINTS[band] - 5.0 * short.sum(axis=1) - 10.0 * missing.sum(axis=1)
    return Scored(short, missing, band, points)


def rank_candidates(
    wg: WorkforceGraph,
    req: Requirement,
    incumbent: str,
    team: str | None,
    policy: Policy,
    horizon_end: date,
    cache: dict[Requirement, Scored] | None = None,
) -> list[Candidate]:
    """The best `TOP` candidates for a position, best first; never the incumbent, nor anyone
    planning to leave within the horizon. Same-team candidates win ties."""
    ix = wg.index
    cache = {} if cache is None else cache
    if req not in cache:
        cache[req] = score_requirement(wg, req, policy)
    sc = cache[req]
    points = sc.points
    if team is not None and team in ix.team_names:
        points = points + (ix.team == ix.team_names.index(team))
    points = np.maximum(points, 1.0)
    pool = ix.registered if req.registered_only else ix.social_worker
    staying = np.isnat(ix.leaving) | (ix.leaving > np.datetime64(horizon_end, "D"))
    pool = pool & ~ix.student & staying
    pool[ix.pos[incumbent]] = False
    idx = np.flatnonzero(pool)
    order = idx[np.lexsort((idx, -points[idx]))][:TOP]
    return [_candidate(wg, int(i), req, sc, points) for i in order]


def _candidate(
    wg: WorkforceGraph,
    i: int,
    req: Requirement,
    sc: Scored,
    points: npt.NDArray[np.float64],
) -> Candidate:
    short, missing, band = sc.short, sc.missing, sc.band
    level_ids = wg.framework.level_ids()
    gaps = []
    for col in np.flatnonzero(short[i]).tolist():
        have = int(wg.index.ranks[i, col]) if col < 9 else int(wg.index.overall[i])
        need = have + int(short[i, col])
        gaps.append(
            Gap(
                domain=col + 1 if col < 9 else None,
                from_level=level_ids[have] if have >= 0 else None,
                to_level=level_ids[need],
            )
        )
    return Candidate(
        staff_id=wg.index.ids[i],
        readiness=BANDS[int(band[i])],
        score=round(float(points[i]), 4),
        gaps=gaps,
        missing=[c for k, c in enumerate(req.requires) if missing[i, k]],
    )
