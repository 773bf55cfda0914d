"""Rules across records, reported as `Problem` values rather than raised.

A roster with an unknown supervisor or a supervision loop is still a roster HR needs to see and
fix; refusing to load it would hide the problem. Each check names the worker, the column and a
sentence an HR officer understands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from difflib import get_close_matches
from functools import cached_property
from operator import attrgetter, eq
from typing import cast

from planner.reference.framework import load_framework
from planner.reference.policy import Policy
from planner.workforce.models import Profession, Service, Supervision, Worker
from planner.workforce.problems import Problem, Severity

_LINK_LABEL = {
    Supervision.PROFESSIONAL: "Supervisor",
    Supervision.LINE: "Line manager",
    Supervision.AMHP: "AMHP supervisor",
}


def check_service(service: Service, policy: Policy) -> list[Problem]:
    """Every cross-record problem in the service, errors first, in roster order."""
    links = Links(service)
    problems = [
        *_duplicates(service, links),
        *_links(service, links),
        *_cycles(service, links),
        *_teams(service),
        *_record_warnings(service, policy),
    ]
    return sorted(problems, key=lambda p: p.severity != "error")


class Links:
    """Staff ids and each kind of link as whole columns, read once and shared by the checks: on a
    100,000-row roster every pass over the workers counts."""

    def __init__(self, service: Service) -> None:
        self.workers = service.workers
        self.ids: list[str] = list(map(attrgetter("staff_id"), service.workers))
        self._targets: dict[Supervision, list[str | None]] = {}
        self._named: dict[Supervision, set[str]] = {}
        self._loops: dict[Supervision, dict[str, str]] = {}

    @cached_property
    def id_set(self) -> set[str]:
        return set(self.ids)

    def targets(self, kind: Supervision) -> list[str | None]:
        if kind not in self._targets:
            self._targets[kind] = list(map(attrgetter(kind.value), self.workers))
        return self._targets[kind]

    def named(self, kind: Supervision) -> set[str]:
        """The staff ids this kind of link names."""
        if kind not in self._named:
            found = set(self.targets(kind))
            found.discard(None)
            self._named[kind] = cast(set[str], found)
        return self._named[kind]

    def may_loop(self, kind: Supervision) -> dict[str, str]:
        """Each worker that may be on a loop of this kind, with the worker they link to."""
        if kind not in self._loops:
            self._loops[kind] = _may_loop(
                self.ids, self.id_set, self.targets(kind), self.named(kind)
            )
        return self._loops[kind]

    def self_linked(self, kind: Supervision) -> bool:
        if len(self.id_set) < len(self.ids):  # a repeated id hides links: look at every one
            return any(map(eq, self.targets(kind), self.ids))
        return any(t == n for n, t in self.may_loop(kind).items())  # a self-link is a loop


def _duplicates(service: Service, links: Links) -> Iterator[Problem]:
    ids = links.ids
    if len(links.id_set) == len(ids):  # the usual case, settled in C
        return
    counts = Counter(ids)
    first: dict[str, int] = {}
    for i, w in enumerate(service.workers):
        if counts[w.staff_id] > 1 and w.staff_id in first:
            yield Problem(
                severity="error",
                code="duplicate_staff_id",
                staff_id=w.staff_id,
                column="staff_id",
                value=w.staff_id,
                message=f"Staff ID {w.staff_id} is already used by {service.workers[first[w.staff_id]].name}; "
                "each person needs their own.",
                position=i,
            )
        first.setdefault(w.staff_id, i)


def _links(service: Service, links: Links) -> Iterator[Problem]:
    ids = links.id_set
    # Each kind of link is looked at as a whole column, in C; only a kind with an odd link is
    # walked again, and the odd links reported in roster order and then link order.
    odd: list[tuple[int, int, Worker, Supervision]] = []
    for k, kind in enumerate(Supervision):
        targets = links.targets(kind)
        if links.named(kind) <= ids and not links.self_linked(kind):
            continue
        for i, (w, target) in enumerate(zip(service.workers, targets, strict=True)):
            if target and (target not in ids or target == w.staff_id):
                odd.append((i, k, w, kind))
    for i, _, w, kind in sorted(odd, key=lambda t: (t[0], t[1])):
        target = w.__dict__[kind.value]
        label = _LINK_LABEL[kind]
        if target == w.staff_id:
            yield _link_problem(
                i, w, kind, "error", "self_supervision", f"{label} is the worker themself."
            )
        else:
            # Someone outside the file (or on a row left out) is a link to follow up, not a
            # reason to lose the person: they are kept, and this link counts as nobody here.
            yield _link_problem(
                i,
                w,
                kind,
                "warning",
                "unknown_supervisor",
                f"{label} {target} is not anyone in this service, so this person counts as "
                f"having no {label.lower()} here.",
            )


def left_out_link(problem: Problem, row: int) -> Problem:
    """An unknown-supervisor warning whose target is on a row left out of the import: say so,
    so HR fixes that row rather than this one."""
    label = _LINK_LABEL[Supervision(problem.column or "")]
    return problem.model_copy(
        update={
            "message": f"{label} {problem.value} is on row {row}, which was left out of this "
            f"import for an error there; until that row is fixed this person counts as having "
            f"no {label.lower()} here."
        }
    )


def _link_problem(
    i: int, w: Worker, kind: Supervision, severity: Severity, code: str, message: str
) -> Problem:
    return Problem(
        severity=severity,
        code=code,
        staff_id=w.staff_id,
        column=kind.value,
        value=getattr(w, kind.value),
        message=message,
        position=i,
    )


def _cycles(service: Service, links: Links) -> Iterator[Problem]:
    # A loop is a warning: each record on it is whole, and the analysis reports the loop as a
    # finding; leaving its members out would lose people over one wrong link.
    for kind in (Supervision.PROFESSIONAL, Supervision.LINE):
        for cycle in supervision_cycles(service, kind, links):
            chain = " → ".join([*cycle, cycle[0]])
            yield Problem(
                severity="warning",
                code="supervision_cycle",
                staff_id=cycle[0],
                column=kind.value,
                value=chain,
                message=f"{_LINK_LABEL[kind]} links go round in a loop: {chain}.",
                position=links.ids.index(cycle[0]),
            )


def supervision_cycles(
    service: Service, kind: Supervision, links: Links | None = None
) -> list[list[str]]:
    """Each loop in one kind of supervision link, once, starting from its first member in roster
    order; loops in the order of those first members. Every worker has at most one link of a
    kind, so following links from each worker that may be on a loop finds every loop."""
    links = links or Links(service)
    ids = links.ids
    # Links from a worker who may be on a loop only lead to others who may: follow those alone.
    nxt: dict[str, str] = links.may_loop(kind)
    if not nxt:
        return []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    cycles = []
    for start in ids:
        if start not in nxt or start in state:
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and node in nxt and node not in state:
            state[node] = 1
            path.append(node)
            node = nxt[node]
        if node is not None and state.get(node) == 1:
            cycles.append(path[path.index(node) :])
        for member in path:
            state[member] = 2
    order = {s: i for i, s in enumerate(ids)}
    turned = [_from_first(c, order) for c in cycles]
    return sorted(turned, key=lambda c: order[c[0]])


def _from_first(cycle: list[str], order: dict[str, int]) -> list[str]:
    first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
    return cycle[first:] + cycle[:first]


def _may_loop(
    ids: list[str], known: set[str], targets: list[str | None], named: set[str]
) -> dict[str, str]:
    """The workers that may be on a loop, each with its link: what is left after dropping,
    round by round, those nobody left links to (set operations, in C). A tree of depth d goes in
    d rounds; a long chain is left after the last round to the walk, which gives the same
    answer, only slower."""
    nodes = named & known  # the first round: anyone linked to
    if not nodes:
        return {}
    nxt = {i: t for i, t in zip(ids, targets, strict=True) if i in nodes and t is not None}
    nodes.intersection_update(nxt)
    for _ in range(_ROUNDS):
        kept = nodes.intersection(map(nxt.__getitem__, nodes))
        if len(kept) == len(nodes):
            break
        nodes = kept
    return {n: nxt[n] for n in nodes}


_ROUNDS = 64


def _teams(service: Service) -> Iterator[Problem]:
    known = {t.name for t in service.teams}
    for i, w in enumerate(service.workers):
        if w.team not in known:
            yield Problem(
                severity="error",
                code="unknown_team",
                staff_id=w.staff_id,
                column="team",
                value=w.team,
                message=f"Team {w.team!r} is not one of the service's teams{_did_you_mean(w.team, known)}.",
                position=i,
            )


def _did_you_mean(value: str, choices: set[str]) -> str:
    close = get_close_matches(value, sorted(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _record_warnings(service: Service, policy: Policy) -> Iterator[Problem]:
    today = service.as_of
    for i, w in enumerate(service.workers):
        yield from _one_record(i, w, today, policy)


def _one_record(i: int, w: Worker, today: date, policy: Policy) -> Iterator[Problem]:
    if w.profession is Profession.SOCIAL_WORKER and w.swe_registration is None:
        if w.pcf_level and _qualified(w.pcf_level):
            yield _warn(
                i,
                w,
                "no_registration",
                "swe_registration",
                None,
                "No Social Work England registration number for a qualified social worker.",
            )
    yield from _approval_warnings(i, w, policy)
    if w.planned_leaving_date and w.leaves_by(today):
        yield _warn(
            i,
            w,
            "already_left",
            "planned_leaving_date",
            w.planned_leaving_date.isoformat(),
            f"Planned leaving date is on or before the service's as-of date {today:%d/%m/%Y}, "
            "so this person is not counted.",
        )
    # Professional supervision is owed by the professions; an administrator owes none.
    if (
        w.supervisor_id is None
        and w.external_supervisor is None
        and w.profession is not Profession.OTHER
    ):
        yield _warn(
            i, w, "no_supervisor", "supervisor_id", None, "No professional supervisor recorded."
        )


def _approval_warnings(i: int, w: Worker, policy: Policy) -> Iterator[Problem]:
    """An AMHP approval the record gives only in part is kept, and what is unknown said."""
    starts, ends = w.amhp_approved_on, w.amhp_approval_expires
    most = policy.amhp_approval_years
    if starts and ends:
        years = (ends - starts).days / 365.25
        if years > most + 0.01:
            yield _warn(
                i,
                w,
                "approval_too_long",
                "amhp_approval_expires",
                ends.isoformat(),
                f"AMHP approval runs {years:.1f} years; approval may last at most {most}.",
            )
    elif ends:
        yield _warn(
            i,
            w,
            "approval_start_unknown",
            "amhp_approved_on",
            None,
            f"AMHP approval expiry {ends:%d/%m/%Y} is given without the date it was approved: "
            "counted as an AMHP until then, approved-on shown as unknown.",
        )
    elif starts:
        yield _warn(
            i,
            w,
            "approval_expiry_unknown",
            "amhp_approval_expires",
            None,
            f"AMHP approved on {starts:%d/%m/%Y} with no expiry date: counted as an AMHP with the "
            f"expiry unknown (an approval lasts at most {most} years). Add the expiry date.",
        )
    elif w.amhp:
        qualified = (
            f" Qualified as an AMHP in {w.amhp_qualified_year}; the approval is not dated from it."
            if w.amhp_qualified_year
            else ""
        )
        yield _warn(
            i,
            w,
            "approval_dates_unknown",
            "amhp_approval_expires",
            None,
            "Marked as an AMHP with no approval dates: counted as an AMHP with the expiry "
            f"unknown. Add the approval's expiry date.{qualified}",
        )


def _qualified(level: str) -> bool:
    return load_framework().level(level).qualified


def _warn(i: int, w: Worker, code: str, column: str, value: str | None, message: str) -> Problem:
    return Problem(
        severity="warning",
        code=code,
        staff_id=w.staff_id,
        column=column,
        value=value,
        message=message,
        position=i,
    )
