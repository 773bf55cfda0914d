"""What every page shares: the service in use, the as-of date and the policy, kept in session
state. Heavy loading is cached on its inputs; a service is never shared between users."""

from __future__ import annotations

from datetime import date

import streamlit as st

from planner.analysis import Report, analyse
from planner.analysis.supervision import SupervisionResult, supervision
from planner.demo import load_demo
from planner.graph import build
from planner.models import Service
from planner.policy import Policy, default_policy
from planner.reassign_suggest import Suggestions, suggest_moves
from planner.succession import SuccessionPlan, plan_service


@st.cache_data(show_spinner="Loading the demo service…")
def _demo() -> Service:
    return load_demo()


def current_service() -> Service:
    if "service" not in st.session_state:
        st.session_state["service"] = _demo()
    service: Service = st.session_state["service"]
    return service


def current_policy() -> Policy:
    policy: Policy = st.session_state.get("policy") or default_policy()
    return policy


def as_of() -> date:
    chosen: date = st.session_state.get("as_of") or current_service().as_of
    return chosen


def sidebar() -> None:
    service = current_service()
    with st.sidebar:
        st.markdown(f"**{service.name}**  \n{service.local_authority}")
        st.date_input(
            "As of",
            value=service.as_of,
            key="as_of",
            format="DD/MM/YYYY",
            help="The date the figures are worked out for.",
        )


@st.cache_data(show_spinner="Working out the figures…", max_entries=32)
def _report(service_json: str, policy_json: str, on: date) -> Report:
    return analyse(
        Service.model_validate_json(service_json), Policy.model_validate_json(policy_json), on
    )


def report(service: Service | None = None, policy: Policy | None = None) -> Report:
    """The analysis for the service and policy in use (or the ones given), cached on both."""
    chosen = service or current_service()
    return _report(
        chosen.model_dump_json(), (policy or current_policy()).model_dump_json(), as_of()
    )


# --- What-if supervision and succession (issue 8). Cached like report(): on the JSON of the
# service and policy, so a rerun after a click does no heavy work twice.


@st.cache_data(show_spinner="Working out supervision after the moves…", max_entries=16)
def _supervision(service_json: str, policy_json: str, on: date) -> SupervisionResult:
    service = Service.model_validate_json(service_json)
    return supervision(build(service, on), Policy.model_validate_json(policy_json))


def supervision_of(service: Service) -> SupervisionResult:
    """The supervision analysis alone, for a what-if service (cheaper than the whole report)."""
    return _supervision(service.model_dump_json(), current_policy().model_dump_json(), as_of())


@st.cache_data(show_spinner="Looking for supervisors with spare capacity…", max_entries=8)
def _suggestions(service_json: str, policy_json: str, on: date) -> Suggestions:
    service = Service.model_validate_json(service_json)
    return suggest_moves(service, Policy.model_validate_json(policy_json), on)


def suggestions() -> Suggestions:
    """Suggested supervision moves for the service in use."""
    return _suggestions(
        current_service().model_dump_json(), current_policy().model_dump_json(), as_of()
    )


# cache_resource, not cache_data: unpickling a 1,000-worker plan on every rerun took 0.43 s.
# The plan is a frozen model, so handing every rerun the same object is safe.
@st.cache_resource(show_spinner="Working out the succession plan…", max_entries=8)
def _succession(service_json: str, policy_json: str, on: date) -> SuccessionPlan:
    service = Service.model_validate_json(service_json)
    return plan_service(service, Policy.model_validate_json(policy_json), on)


def succession() -> SuccessionPlan:
    """The succession plan for the service and policy in use, cached on both."""
    return _succession(
        current_service().model_dump_json(), current_policy().model_dump_json(), as_of()
    )
