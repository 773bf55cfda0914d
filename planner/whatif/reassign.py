"""What-if supervision reassignments: move supervisees to new supervisors without saving.

A move is refused, with a plain sentence, when it would make someone their own supervisor, give
them a supervisor who may not supervise under the policy (LGA Standards for Employers, Standard
5: a registered social worker at the policy's minimum PCF level, or one holding a supervising
post), or make a loop of supervision. Moves apply in order, so a later move sees earlier ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.reference.framework import Framework, load_framework
from planner.reference.policy import Policy, default_policy
from planner.workforce.models import Profession, Service, Worker


@dataclass(frozen=True)
class Move:
    staff_id: str  # the supervisee
    new_supervisor_id: str


def may_supervise(w: Worker, policy: Policy, fw: Framework | None = None) -> bool:
    """The per-person form of the supervision analysis's rule: registered, and at the minimum
    level or holding a supervising post."""
    fw = fw or load_framework()
    qualified = {lv.id for lv in fw.levels if lv.qualified}
    registered = (
        w.profession is Profession.SOCIAL_WORKER
        and w.swe_registration is not None
        and w.pcf_level in qualified
    )
    if not registered or w.pcf_level is None:
        return False
    at_level = fw.rank(w.pcf_level) >= fw.rank(policy.supervisor_min_level)
    return at_level or bool(set(w.posts) & set(policy.supervisor_posts))


def supervises_through(parents: dict[str, str | None], top: str, below: str) -> bool:
    """Whether `top` is `below`'s supervisor, directly or through others."""
    seen: set[str] = set()
    node = parents.get(below)
    while node is not None and node not in seen:
        if node == top:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def _who(w: Worker) -> str:
    return f"{w.name} ({w.staff_id})"


def _refusal(
    move: Move, people: dict[str, Worker], parents: dict[str, str | None], policy: Policy
) -> str | None:
    mover, to = people.get(move.staff_id), people.get(move.new_supervisor_id)
    if mover is None:
        return f"{move.staff_id} is not in this service."
    if to is None:
        return f"{move.new_supervisor_id} is not in this service."
    if mover.staff_id == to.staff_id:
        return f"{_who(mover)} cannot be their own supervisor."
    if not may_supervise(to, policy):
        return (
            f"{_who(to)} may not supervise: the policy asks for a registered social worker at "
            f"{load_framework().level(policy.supervisor_min_level).name} level or above, "
            "or one holding a supervising post."
        )
    if supervises_through(parents, mover.staff_id, to.staff_id):
        return (
            f"{_who(to)} is supervised, directly or through others, by {_who(mover)}: "
            "the move would make a loop."
        )
    return None


def reassign(
    service: Service, moves: list[Move], policy: Policy | None = None
) -> Service | list[str]:
    """The service with each move made, or the sentences saying why moves were refused.

    The input is never changed (services are frozen; a new one is returned)."""
    policy = policy or default_policy()
    people = {w.staff_id: w for w in service.workers}
    parents = {w.staff_id: w.supervisor_id for w in service.workers}
    problems = []
    for n, move in enumerate(moves, start=1):
        refused = _refusal(move, people, parents, policy)
        if refused is not None:
            problems.append(f"Move {n}: {refused}")
            continue
        parents[move.staff_id] = move.new_supervisor_id
    if problems:
        return problems
    moved = {m.staff_id: m.new_supervisor_id for m in moves}
    workers = tuple(
        w.model_copy(update={"supervisor_id": moved[w.staff_id]}) if w.staff_id in moved else w
        for w in service.workers
    )
    return service.with_workers(workers)
