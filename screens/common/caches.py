"""The heavy results pages show, cached on what they depend on: the service and policy (as
JSON) and the as-of date, so a rerun after a click does no heavy work twice."""

from __future__ import annotations

from datetime import date

import streamlit as st

from planner.analysis.report import Report, analyse
from planner.analysis.results import SupervisionResult
from planner.analysis.supervision import supervision
from planner.reference.policy import Policy
from planner.succession.models import SuccessionPlan
from planner.succession.plan import plan_service
from planner.whatif.reassign_suggest import Suggestions, suggest_moves
from planner.workforce.graph import build
from planner.workforce.models import Service
from screens.common.choice import as_of, current_policy, current_service


@st.cache_data(show_spinner="Working out the figures…", max_entries=32)
def _report(service_json: str, policy_json: str, on: date) -> Report:
    return analyse(
        Service.model_validate_json(service_json), Policy.model_validate_json(policy_json), on
    )


def _key(
    service: Service | None = None, policy: Policy | None = None, on: date | None = None
) -> tuple[str, str, date]:
    """What each cached analysis is keyed on: the service and policy (those in use unless
    given) as JSON, and the as-of date."""
    return (
        (service or current_service()).model_dump_json(),
        (policy or current_policy()).model_dump_json(),
        on or as_of(),
    )


def report_as_saved(service: Service) -> Report:
    """The analysis of a saved snapshot on its own as-of date, with the policy in use."""
    return _report(*_key(service, on=service.as_of))


def report(service: Service | None = None, policy: Policy | None = None) -> Report:
    """The analysis for the service and policy in use (or the ones given), cached on both."""
    return _report(*_key(service, policy))


@st.cache_data(show_spinner="Working out supervision after the moves…", max_entries=16)
def _supervision(service_json: str, policy_json: str, on: date) -> SupervisionResult:
    service = Service.model_validate_json(service_json)
    return supervision(build(service, on), Policy.model_validate_json(policy_json))


def supervision_of(service: Service) -> SupervisionResult:
    """The supervision analysis alone, for a what-if service (cheaper than the whole report)."""
    return _supervision(*_key(service))


@st.cache_data(show_spinner="Looking for supervisors with spare capacity…", max_entries=8)
def _suggestions(service_json: str, policy_json: str, on: date) -> Suggestions:
    service = Service.model_validate_json(service_json)
    return suggest_moves(service, Policy.model_validate_json(policy_json), on)


def suggestions() -> Suggestions:
    """Suggested supervision moves for the service in use."""
    return _suggestions(*_key())


# cache_resource, not cache_data: unpickling a 1,000-worker plan on every rerun took 0.43 s.
# The plan is a frozen model, so handing every rerun the same object is safe.
@st.cache_resource(show_spinner="Working out the succession plan…", max_entries=8)
def _succession(service_json: str, policy_json: str, on: date) -> SuccessionPlan:
    service = Service.model_validate_json(service_json)
    return plan_service(service, Policy.model_validate_json(policy_json), on)


def succession() -> SuccessionPlan:
    """The succession plan for the service and policy in use, cached on both."""
    return _succession(*_key())
