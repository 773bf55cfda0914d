"""Per-worker arrays for the workforce graph: one row per worker, built in one pass.

Counting over numpy arrays is what keeps hot queries (eligibility, supervision load, the
departure sweep) fast on a 100,000-person service; the analyses read these instead of walking
the graph for every question. Levels are ranks in `data/pcf/levels.yaml` (0 point of entry to
8 strategic); dates are numpy days, NaT where the roster has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from planner.reference.framework import Framework
from planner.workforce.models import Contract, Profession, Service, Supervision, Worker

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
DateArray = npt.NDArray[np.datetime64]

NO_LINK = -1  # the worker has no link of this kind
OUTSIDE = -2  # the link names someone who is not in the service
NO_LEVEL = -1  # not a social worker: no PCF level at all


def post_key(post_id: str, team: str | None) -> str:
    """One post as it is filled: per team for team-level posts, once for service-level ones."""
    return f"{post_id}@{team}" if team is not None else post_id


@dataclass
class WorkerIndex:
    """Per-worker arrays, position i for `ids[i]`; built with the graph, read by the analyses."""

    ids: list[str]
    workers: list[Worker]
    pos: dict[str, int]
    ranks: npt.NDArray[np.int8]  # (N, 9) level rank per PCF domain, NO_LEVEL if none
    overall: npt.NDArray[np.int8]
    fte: FloatArray
    amhp: BoolArray  # approval in force on the as-of date
    in_training: BoolArray
    social_worker: BoolArray
    registered: BoolArray  # a qualified social worker with a Social Work England number
    student: BoolArray
    pe_stage: npt.NDArray[np.int8]
    rota_share: FloatArray
    cpd_hours: FloatArray  # NaN where not recorded
    approved_on: DateArray
    approval_expires: DateArray
    training_completes: DateArray
    leaving: DateArray
    start: DateArray
    team: npt.NDArray[np.int32]
    team_names: list[str]
    links: dict[Supervision, IntArray]
    post_holders: dict[str, list[int]]
    posts_of: dict[int, list[str]]
    allocations: dict[str, tuple[IntArray, FloatArray]]
    eligible: dict[str, BoolArray] = field(default_factory=dict)  # by category code
    # Registered and at Appendix One's level in the category's mapped domains: the gate where
    # the category's rule requires that level, a readiness signal where it does not.
    at_level: dict[str, BoolArray] = field(default_factory=dict)
    group_eligible: dict[tuple[str, str], BoolArray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


def _ranks(
    workers: list[Worker], overall: npt.NDArray[np.int8], fw: Framework
) -> npt.NDArray[np.int8]:
    """Overall level in every domain, then the domains assessed on their own."""
    ranks = np.repeat(overall[:, None], 9, axis=1)
    for i, w in enumerate(workers):
        for d, level in w.domain_levels.items():
            ranks[i, d - 1] = fw.rank(level)
    return ranks


_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # the int64 that numpy reads as NaT


# An approval whose start or end the record does not give: from always, or until further notice
# (as `Worker.is_amhp` reads it), so that array comparisons need no case of their own.
UNKNOWN_START = date(1900, 1, 1)
UNKNOWN_END = date(9999, 12, 31)


def _approval(w: Worker) -> tuple[date | None, date | None]:
    if not w.has_amhp_record():
        return None, None
    return w.amhp_approved_on or UNKNOWN_START, w.amhp_approval_expires or UNKNOWN_END


def _dates(values: list[date | None]) -> DateArray:
    # Via day numbers: numpy converts date objects one by one, about ten times slower.
    days = [_NAT if d is None else d.toordinal() - _EPOCH for d in values]
    return np.array(days, dtype=np.int64).view("datetime64[D]")


def build_index(workers: list[Worker], service: Service, fw: Framework, on: date) -> WorkerIndex:
    ids = [w.staff_id for w in workers]
    pos = {sid: i for i, sid in enumerate(ids)}
    qualified = {lv.id for lv in fw.levels if lv.qualified}
    team_names = [t.name for t in service.teams]
    team_pos = {name: i for i, name in enumerate(team_names)}
    for w in workers:
        if w.team not in team_pos:
            team_pos[w.team] = len(team_names)
            team_names.append(w.team)
    holders: dict[str, list[int]] = {}
    posts_of: dict[int, list[str]] = {}
    alloc: dict[str, tuple[list[int], list[float]]] = {c: ([], []) for c in fw.function_codes()}
    for i, w in enumerate(workers):
        for p in w.posts:
            key = post_key(p, w.team if fw.post(p).scope == "team" else None)
            holders.setdefault(key, []).append(i)
            posts_of.setdefault(i, []).append(key)
        for code, share in w.role_functions.items():
            alloc[code][0].append(i)
            alloc[code][1].append(share)
    sw = [w.profession is Profession.SOCIAL_WORKER for w in workers]
    approvals = [_approval(w) for w in workers]
    overall = np.array(
        [fw.rank(w.pcf_level) if w.pcf_level else NO_LEVEL for w in workers], dtype=np.int8
    )
    return WorkerIndex(
        ids=ids,
        workers=workers,
        pos=pos,
        ranks=_ranks(workers, overall, fw),
        overall=overall,
        fte=np.array([w.fte for w in workers], dtype=np.float64),
        amhp=np.array([w.is_amhp(on) for w in workers], dtype=np.bool_),
        in_training=np.array([w.in_amhp_training(on) for w in workers], dtype=np.bool_),
        social_worker=np.array(sw, dtype=np.bool_),
        registered=np.array(
            [
                s and w.swe_registration is not None and w.pcf_level in qualified
                for s, w in zip(sw, workers, strict=True)
            ],
            dtype=np.bool_,
        ),
        student=np.array(
            [
                w.contract is Contract.STUDENT or (s and w.pcf_level not in qualified)
                for s, w in zip(sw, workers, strict=True)
            ],
            dtype=np.bool_,
        ),
        pe_stage=np.array([w.practice_educator_stage or 0 for w in workers], dtype=np.int8),
        rota_share=np.array([w.amhp_rota_share for w in workers], dtype=np.float64),
        cpd_hours=np.array(
            [np.nan if w.amhp_cpd_hours is None else w.amhp_cpd_hours for w in workers],
            dtype=np.float64,
        ),
        approved_on=_dates([a[0] for a in approvals]),
        approval_expires=_dates([a[1] for a in approvals]),
        training_completes=_dates([w.amhp_training_completes for w in workers]),
        leaving=_dates([w.planned_leaving_date for w in workers]),
        start=_dates([w.start_date for w in workers]),
        team=np.array([team_pos[w.team] for w in workers], dtype=np.int32),
        team_names=team_names,
        links={kind: _link_array(workers, pos, kind) for kind in Supervision},
        post_holders=holders,
        posts_of=posts_of,
        allocations={
            code: (np.array(ix, dtype=np.int64), np.array(sh, dtype=np.float64))
            for code, (ix, sh) in alloc.items()
        },
    )


def _link_array(workers: list[Worker], pos: dict[str, int], kind: Supervision) -> IntArray:
    attr = kind.value
    out = []
    for w in workers:
        target = getattr(w, attr)
        out.append(NO_LINK if target is None else pos.get(target, OUTSIDE))
    return np.array(out, dtype=np.int64)
