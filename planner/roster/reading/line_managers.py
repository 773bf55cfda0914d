"""Supervisors read from line managers, where the roster gives no professional supervisor.

Many HR systems record only the line manager. When policy `supervisor_from_line_manager` is on
and the file has no professional-supervisor column at all, a row with no external supervisor
whose line manager is a registered social worker in the same file is taken as supervised by
them, and the row is told so in a warning: the person sees what was assumed before anything is
saved. A file that has the column and leaves a row blank says that row has no supervisor, and
is read as it says (so the planner's own export reads back unchanged).
"""

from __future__ import annotations

from planner.reference.framework import load_framework
from planner.reference.policy import Policy
from planner.workforce.models import Profession, Service, Worker
from planner.workforce.problems import Problem


def supervisors_from_line_managers(
    service: Service, policy: Policy
) -> tuple[Service, list[Problem]]:
    """The service with those supervisors filled in, and a warning for each (by position)."""
    if not policy.supervisor_from_line_manager:
        return service, []
    workers = list(service.workers)
    problems = []
    for i, w in enumerate(workers):
        manager = _registered_manager(service, w)
        if manager is None:
            continue
        workers[i] = w.model_copy(update={"supervisor_id": manager.staff_id})
        problems.append(
            Problem(
                severity="warning",
                code="supervisor_from_line_manager",
                staff_id=w.staff_id,
                column="supervisor_id",
                value=manager.staff_id,
                message=f"No professional supervisor given: line manager {manager.name} "
                f"({manager.staff_id}), a registered social worker, is taken as the supervisor.",
                position=i,
            )
        )
    if not problems:
        return service, []
    own = {name: getattr(service, name) for name in Service.model_fields if name != "workers"}
    return Service.model_construct(**own, workers=tuple(workers)), problems


def _registered_manager(service: Service, w: Worker) -> Worker | None:
    if w.supervisor_id or w.external_supervisor or not w.line_manager_id:
        return None
    if w.line_manager_id == w.staff_id:
        return None
    manager = service.worker(w.line_manager_id)
    if manager is None or manager.profession is not Profession.SOCIAL_WORKER:
        return None
    registered = manager.swe_registration is not None or (
        manager.pcf_level is not None and load_framework().level(manager.pcf_level).qualified
    )
    return manager if registered else None
