"""Commissioners' releases: publish the gate's view of a service's latest snapshot, read the
newest release back. The commissioner's page and downloads come from the release alone
(`planner.store.releases` says why releases, not snapshots)."""

from __future__ import annotations

from datetime import datetime

from planner.analysis.report import analyse
from planner.disclosure.aggregates import CommissionerView, PreviousRelease, commissioner_json
from planner.disclosure.roles import view_for
from planner.reference.policy import Policy, default_policy
from planner.store.releases import ReleaseInfo, latest_release, publish
from planner.store.settings import saved_settings
from planner.store.snapshots import Store, StoreError
from planner.workforce.models import Service


def commissioner_view_of(
    service: Service, policy: Policy | None = None, previous: PreviousRelease | None = None
) -> CommissionerView:
    """What a commissioner may see of a service, on its own as-of date, checked against the
    `previous` release where there is one."""
    chosen = policy or default_policy()
    view = view_for("commissioner", service, analyse(service, chosen), chosen, previous)
    assert isinstance(view, CommissionerView)
    return view


def publish_latest(
    store: Store,
    service_id: int,
    *,
    by: str,
    policy: Policy | None = None,
    now: datetime | None = None,
) -> ReleaseInfo:
    """Publish this quarter's release from the service's latest snapshot, with the policy given,
    else the service's saved settings, else the defaults."""
    latest = store.latest(service_id)
    if latest is None:
        raise StoreError(f"Service {service_id} has no snapshot to publish")
    saved = saved_settings(store, service_id) if policy is None else None
    view = commissioner_view_of(
        latest.service,
        policy or (saved.policy if saved else None),
        previous_release(store, service_id),
    )
    return publish(store, service_id, latest.info.id, commissioner_json(view), by=by, now=now)


def previous_release(store: Store, service_id: int) -> PreviousRelease | None:
    """The newest release and its snapshot, to audit the next beside; None before the first,
    or when it cannot be read (its message says the next release replaces it)."""
    try:
        found = release_view(store, service_id)
    except StoreError:
        return None
    if found is None:
        return None
    info, view = found
    return PreviousRelease(view, store.load(info.snapshot_id).service)


def release_view(store: Store, service_id: int) -> tuple[ReleaseInfo, CommissionerView] | None:
    """The newest release of the service and its view, or None before the first."""
    found = latest_release(store, service_id)
    if found is None:
        return None
    try:
        view = CommissionerView.model_validate_json(found.content)
    except ValueError:
        raise StoreError(
            f"The {found.info.period} release cannot be read by this version of the planner: "
            "publish the next release to replace it"
        ) from None
    return found.info, view


def release_caption(info: ReleaseInfo, view: CommissionerView) -> str:
    """What a commissioner is told about the release: when, never who."""
    return (
        f"Release {info.period}, published {info.published_at:%d/%m/%Y}: figures as of "
        f"{view.as_of:%d/%m/%Y}. Releases come at most once a quarter."
    )
