"""Commissioners' releases on the AMHP page: the commissioner reads the newest release (tables
and downloads from the same view), the principal social worker publishes one a quarter."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any, Literal

import streamlit as st

from planner.disclosure.aggregates import CommissionerView
from planner.disclosure.roles import Role, allowed
from planner.disclosure.suppression import DisclosureError
from planner.present.amhp import (
    XLSX,
    commissioner_file,
    commissioner_file_name,
    percent_columns,
    release_chart,
    table_rows,
)
from planner.present.releases import publish_latest, release_caption, release_view
from planner.store.releases import ReleaseInfo, period_of
from planner.store.snapshots import Store, StoreError
from planner.workbooks.commissioner import commissioner_tables
from screens.common.audit import recorded
from screens.common.choice import current_policy, current_service_id
from screens.common.signin import current_user
from screens.common.store import store


def _latest(db: Store, service_id: int) -> tuple[ReleaseInfo, CommissionerView] | None:
    try:
        return release_view(db, service_id)
    except StoreError as exc:
        st.error(str(exc))
        return None


def show_release(role: Role) -> None:
    """The commissioner's page: the newest release of the chosen service, nothing else."""
    db = store()
    service_id = current_service_id(db, released_only=True) if db is not None else None
    found = _latest(db, service_id) if db is not None and service_id is not None else None
    if found is None:
        st.info(
            "Nothing has been published for commissioners yet. The principal social worker "
            "publishes a release at most once a quarter."
        )
        return
    info, view = found
    st.caption(release_caption(info, view))
    tables = commissioner_tables(view)
    for table in tables:
        if table.sheet == "Notes":
            continue
        st.subheader(table.title)
        if table.sheet == "Benchmarks":
            st.altair_chart(release_chart(view), width="stretch")
        st.dataframe(
            table_rows(table),
            hide_index=True,
            column_config={
                c: st.column_config.NumberColumn(c, format="percent")
                for c in percent_columns(table)
            },
        )
    for note in view.notes:
        st.caption(note)
    _downloads(role, view, service_id)


def _downloads(role: Role, view: CommissionerView, service_id: int | None) -> None:
    if not allowed(role, "export_aggregates"):
        return
    cols = list(st.columns(2))
    downloads: tuple[tuple[Any, Literal["xlsx", "json"], str, str], ...] = (
        (cols[0], "xlsx", "Excel workbook", XLSX),
        (cols[1], "json", "JSON", "application/json"),
    )
    for col, kind, label, mime in downloads:
        col.download_button(
            label,
            data=recorded(
                f"commissioner aggregates ({kind})",
                partial(commissioner_file, view, kind),
                service_id=service_id,
            ),
            file_name=commissioner_file_name(view, kind),
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=f"amhp_download_{kind}",
        )


def _publish(db: Store, service_id: int) -> None:
    try:
        info = publish_latest(db, service_id, by=current_user(), policy=current_policy())
    except (StoreError, DisclosureError) as exc:
        st.session_state["release_message"] = ("error", str(exc))
    else:
        st.session_state["release_message"] = (
            "success",
            f"Published the {info.period} release from snapshot {info.snapshot_id}.",
        )


def release_section(role: Role) -> None:
    """For the principal social worker: what commissioners see now, and publishing the next."""
    db = store()
    if db is None or not (allowed(role, "publish_release") or allowed(role, "export_aggregates")):
        return
    service_id = current_service_id(db)
    if service_id is None:
        return
    st.subheader("For commissioners")
    st.caption(
        "Commissioners see only the newest release, never a snapshot: the aggregates of the "
        "latest snapshot when it was published, with small counts suppressed. At most one "
        "release a quarter, so two releases cannot be compared to single out one person."
    )
    found = _latest(db, service_id)
    if found is not None:
        info, view = found
        st.write(
            f"Newest release: {info.period}, published {info.published_at:%d/%m/%Y} by "
            f"{info.published_by} from snapshot {info.snapshot_id}."
        )
        _downloads(role, view, service_id)
    message = st.session_state.pop("release_message", None)
    if message is not None:
        (st.error if message[0] == "error" else st.success)(message[1])
    if allowed(role, "publish_release"):
        this_quarter = period_of(datetime.now(UTC))
        done = found is not None and found[0].period == this_quarter
        st.button(
            f"Publish the {this_quarter} release from the latest snapshot",
            on_click=_publish,
            args=(db, service_id),
            disabled=done,
            help="Already published this quarter." if done else None,
            icon=":material/publish:",
            key="publish_release",
        )
