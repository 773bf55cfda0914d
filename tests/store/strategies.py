"""Hypothesis strategies: generated services with random edits of the kinds HR and PSWs make."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st
from pydantic import ValidationError

from planner.reference.framework import load_framework
from planner.workforce.demo import generate_service
from planner.workforce.models import Service, Team, Worker

LEVELS = load_framework().level_ids()
DAY = date(2026, 11, 1)
names = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != "")
dates = st.dates(min_value=DAY - timedelta(days=4000), max_value=DAY + timedelta(days=2000))

FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "pcf_level": st.sampled_from(LEVELS),
    "bia": st.booleans(),
    "practice_educator_stage": st.sampled_from([None, 1, 2]),
    "fte": st.floats(min_value=0.01, max_value=1.0),
    "name": names,
    "job_title": st.text(max_size=30),
    "birth_year": st.integers(min_value=1930, max_value=2015),
    "amhp_approved_on": dates,
    "amhp_approval_expires": dates,
    "amhp_training_started": st.none() | dates,
    "amhp_training_completes": st.none() | dates,
    "planned_leaving_date": st.none() | dates,
    "contract": st.sampled_from(["permanent", "fixed_term", "agency", "student"]),
    "extra": st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=3),
    "domain_levels": st.dictionaries(st.integers(1, 9), st.sampled_from(LEVELS), max_size=3),
    "supervisor_id": st.none() | st.sampled_from(["W000001", "W000002", "NOBODY"]),
    "amhp_qualified_year": st.none() | st.integers(min_value=1983, max_value=2026),
    "profession": st.sampled_from(["social_worker", "nurse", "other"]),
}


@st.composite
def services(draw: st.DrawFn, max_size: int = 40) -> Service:
    size = draw(st.integers(min_value=10, max_value=max_size))
    service = generate_service(size, seed=draw(st.integers(0, 2**16)))
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        service = draw(edited(service))
    return service


@st.composite
def edited(draw: st.DrawFn, service: Service) -> Service:
    """The service after one edit; an edit the models would refuse leaves it unchanged."""
    kind = draw(st.sampled_from(["field", "field", "field", "team", "leave", "join", "service"]))
    workers = list(service.workers)
    i = draw(st.integers(0, len(workers) - 1)) if workers else 0
    try:
        if kind == "field" and workers:
            field = draw(st.sampled_from(sorted(FIELD_VALUES)))
            workers[i] = _with(workers[i], **{field: draw(FIELD_VALUES[field])})
        elif kind == "team" and workers:
            teams = [t.name for t in service.teams] + [draw(names)]
            workers[i] = _with(workers[i], team=draw(st.sampled_from(teams)))
        elif kind == "leave" and workers:
            del workers[i]
        elif kind == "join" and workers:
            # A new id, or (sometimes) one already in the roster: duplicates happen in real files.
            new_id = draw(st.sampled_from([f"N{len(workers)}", workers[0].staff_id]))
            workers.append(_with(workers[i], staff_id=new_id, name=draw(names)))
        elif kind == "service":
            return _service_edit(draw, service)
    except ValidationError:
        return service
    return service.with_workers(tuple(workers))


def _service_edit(draw: st.DrawFn, service: Service) -> Service:
    what = draw(st.sampled_from(["population", "team_kind", "add_team", "drop_team", "as_of"]))
    teams = list(service.teams)
    if what == "population":
        return service.model_copy(update={"adult_population": draw(st.integers(0, 10_000_000))})
    if what == "as_of":
        return service.model_copy(update={"as_of": draw(dates)})
    if what == "add_team":
        teams.append(Team(name=draw(names), kind="crisis"))
    elif what == "drop_team" and teams:
        teams.pop(draw(st.integers(0, len(teams) - 1)))
    elif what == "team_kind" and teams:
        j = draw(st.integers(0, len(teams) - 1))
        teams[j] = teams[j].model_copy(
            update={"kind": draw(st.sampled_from(["inpatient", "other"]))}
        )
    # Team names must stay unique for a team's identity to mean anything.
    unique = list({t.name: t for t in teams}.values())
    return Service.model_validate({**dict(service), "teams": unique})


def _with(worker: Worker, **changes: Any) -> Worker:
    return Worker.model_validate({**worker.model_dump(), **changes})
