"""Commissioners' releases: what a commissioner sees, published at most once a quarter.

A commissioner never sees a snapshot, only a release: the aggregate view of one snapshot,
published by the principal social worker and kept unchanged. Two snapshots a day apart that
differ by one person would show that person's team, age band and post by subtraction; two
releases are at least a calendar quarter apart, so they differ by a quarter's joiners and
leavers together (the way official statistics limit differencing: fixed, infrequent releases).
A second release in the same quarter is refused, with the date the next may be published.

The content is stored as the view's JSON text, which holds no names or staff ids; this module
neither builds nor reads it (`planner.present.releases` does, above the disclosure gate).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select

from planner.store.records import AuditAction, ConcurrentSave
from planner.store.rows import MAX_ACTOR, required, utc
from planner.store.schema import releases, snapshots
from planner.store.snapshots import Store, StoreError

QUARTER_MONTHS = 3


class ReleaseRefused(StoreError):
    """This quarter's release is already published; the message says when the next may be."""


class ReleaseInfo(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    service_id: int
    snapshot_id: int
    period: str
    published_at: datetime
    published_by: str


class Release(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    info: ReleaseInfo
    content: str


def period_of(moment: datetime) -> str:
    """The calendar quarter a release belongs to, such as '2026 Q4'."""
    return f"{moment.year} Q{(moment.month - 1) // QUARTER_MONTHS + 1}"


def next_period_starts(moment: datetime) -> date:
    quarter = (moment.month - 1) // QUARTER_MONTHS
    if quarter == 3:
        return date(moment.year + 1, 1, 1)
    return date(moment.year, (quarter + 1) * QUARTER_MONTHS + 1, 1)


def publish(
    store: Store,
    service_id: int,
    snapshot_id: int,
    content: str,
    *,
    by: str,
    now: datetime | None = None,
) -> ReleaseInfo:
    """Keep `content` (a commissioner's view of the snapshot) as this quarter's release."""
    actor = required("who", by, MAX_ACTOR)
    moment = now or datetime.now(UTC)
    period = period_of(moment)
    with store._reading() as conn:
        owner = conn.execute(
            select(snapshots.c.service_id).where(snapshots.c.id == snapshot_id)
        ).scalar()
    if owner != service_id:
        raise StoreError(f"Snapshot {snapshot_id} is not a snapshot of service {service_id}")
    if any(r.period == period for r in list_releases(store, service_id)):
        raise _refused(period, moment)
    row = {
        "service_id": service_id,
        "snapshot_id": snapshot_id,
        "period": period,
        "published_at": moment,
        "published_by": actor,
        "content": content,
    }
    try:
        with store._writing() as conn:
            release_id = conn.execute(
                insert(releases).values(row).returning(releases.c.id)
            ).scalar_one()
            store._append_audit(
                conn,
                AuditAction.PUBLISH,
                actor,
                f"published the {period} release for commissioners from snapshot {snapshot_id}",
                service_id,
                snapshot_id,
            )
    except ConcurrentSave:  # another publish of the same quarter finished first
        raise _refused(period, moment) from None
    return ReleaseInfo(id=int(release_id), **{k: v for k, v in row.items() if k != "content"})


def _refused(period: str, moment: datetime) -> ReleaseRefused:
    return ReleaseRefused(
        f"The {period} release is already published; releases are at most one a quarter, so "
        f"the next can be published from {next_period_starts(moment):%d/%m/%Y}."
    )


def list_releases(store: Store, service_id: int) -> list[ReleaseInfo]:
    """The service's releases, oldest first."""
    query = (
        select(
            releases.c.id,
            releases.c.service_id,
            releases.c.snapshot_id,
            releases.c.period,
            releases.c.published_at,
            releases.c.published_by,
        )
        .where(releases.c.service_id == service_id)
        .order_by(releases.c.published_at, releases.c.id)
    )
    with store._reading() as conn:
        rows = conn.execute(query).mappings().all()
    return [ReleaseInfo(**{**r, "published_at": utc(r["published_at"])}) for r in rows]


def latest_release(store: Store, service_id: int) -> Release | None:
    """The newest release of the service, with its content, or None before the first."""
    found = list_releases(store, service_id)
    if not found:
        return None
    info = found[-1]
    with store._reading() as conn:
        content = conn.execute(select(releases.c.content).where(releases.c.id == info.id)).scalar()
    return Release(info=info, content=str(content))


def services_with_releases(store: Store) -> list[int]:
    with store._reading() as conn:
        return sorted({int(x) for x in conn.execute(select(releases.c.service_id)).scalars().all()})
