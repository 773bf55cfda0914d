"""Keep the work: services saved as dated snapshots, an audit log, and a preview before saving.

Every import or edit adds a snapshot recording who, when (UTC) and why; nothing is overwritten
or deleted. Each save is one transaction that writes the snapshot, its per-worker index rows and
its audit entry together, so a failed or killed save leaves the store exactly as it was. The app
calls `preview` (the diff against the latest snapshot, nothing written), shows it, and calls
`confirm` only when the user agrees; `confirm` refuses if someone saved in between.

Design notes are in `planner.store.schema`; opening and migrations in `planner.store.connection`; the
values it returns in `planner.store.records`; rows and the stored document in `planner.store.rows`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from planner.reference.policy import Policy, default_policy
from planner.store.connection import (
    WRITE,
    StoreError,
    StoreUnavailable,
    database_url,
    make_engine,
    parse_url,
    reason,
    shown,
    upgrade_to_head,
)
from planner.store.records import (
    AuditAction,
    AuditEntry,
    ConcurrentSave,
    Preview,
    RemovalNotConfirmed,
    ServiceNotFound,
    ServiceRecord,
    Snapshot,
    SnapshotInfo,
    SnapshotKind,
    SnapshotNotFound,
    WorkerSighting,
)
from planner.store.removals import refusal, removal_check
from planner.store.rows import (
    INFO_COLUMNS,
    MAX_ACTOR,
    MAX_NOTE,
    MAX_SOURCE,
    clean,
    decode,
    encode,
    entry_from,
    index_rows,
    info_from,
    required,
    snapshot_row,
    utc,
)
from planner.store.schema import audit_log, services, snapshot_workers, snapshots
from planner.whatif.diff import diff_services
from planner.workforce.models import Service

__all__ = [
    "AuditAction",
    "AuditEntry",
    "ConcurrentSave",
    "Preview",
    "ServiceNotFound",
    "ServiceRecord",
    "Snapshot",
    "SnapshotInfo",
    "SnapshotKind",
    "SnapshotNotFound",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "WorkerSighting",
]


_ANY = object()  # save without checking which snapshot is latest


class Store:
    """The planner's database. Open with `Store.open()`; safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = engine.execution_options(**{WRITE: True})

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating or upgrading) the database at `url`, default `database_url()`."""
        parsed = parse_url(url or database_url())
        engine = make_engine(parsed)
        try:
            upgrade_to_head(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreUnavailable(
                f"Cannot open the database {shown(parsed)}: {reason(exc)}"
            ) from None
        except StoreError:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return shown(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading

    def services(self) -> list[ServiceRecord]:
        counts = (
            select(
                snapshots.c.service_id,
                func.count().label("n"),
                func.max(snapshots.c.id).label("latest_id"),
                func.max(snapshots.c.created_at).label("latest_at"),
            )
            .group_by(snapshots.c.service_id)
            .subquery()
        )
        query = (
            select(services, counts.c.n, counts.c.latest_id, counts.c.latest_at)
            .outerjoin(counts, counts.c.service_id == services.c.id)
            .order_by(services.c.id)
        )
        with self._reading() as conn:
            return [
                ServiceRecord(
                    id=r.id,
                    name=r.name,
                    created_at=utc(r.created_at),
                    snapshots=r.n or 0,
                    latest_snapshot_id=r.latest_id,
                    latest_at=utc(r.latest_at) if r.latest_at else None,
                )
                for r in conn.execute(query)
            ]

    def snapshots(self, service_id: int | None = None) -> list[SnapshotInfo]:
        """Snapshots oldest first, of one service or of all."""
        query = select(*INFO_COLUMNS).order_by(snapshots.c.service_id, snapshots.c.number)
        if service_id is not None:
            query = query.where(snapshots.c.service_id == service_id)
        with self._reading() as conn:
            return [info_from(r) for r in conn.execute(query).mappings()]

    def info(self, snapshot_id: int) -> SnapshotInfo:
        with self._reading() as conn:
            row = conn.execute(select(*INFO_COLUMNS).where(snapshots.c.id == snapshot_id)).first()
        if row is None:
            raise _not_found(snapshot_id)
        return info_from(row._mapping)

    def load(self, snapshot_id: int) -> Snapshot:
        """The snapshot's service exactly as it was saved."""
        query = select(*INFO_COLUMNS, snapshots.c.content, snapshots.c.content_sha256).where(
            snapshots.c.id == snapshot_id
        )
        with self._reading() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise _not_found(snapshot_id)
        return Snapshot(
            info=info_from(row._mapping),
            service=decode(snapshot_id, row.content, row.content_sha256),
        )

    def latest(self, service_id: int) -> Snapshot | None:
        info = self._latest_info(service_id)
        return self.load(info.id) if info else None

    def find_service(self, name: str) -> int | None:
        with self._reading() as conn:
            query = select(services.c.id).where(services.c.name == clean(name))
            return conn.execute(query).scalar()

    def worker_history(self, staff_id: str, service_id: int | None = None) -> list[WorkerSighting]:
        """Every snapshot that records this staff id, oldest first."""
        query = (
            select(
                snapshots.c.id.label("snapshot_id"),
                snapshots.c.service_id,
                snapshots.c.number,
                snapshots.c.created_at,
                snapshots.c.as_of,
                snapshot_workers.c.team,
                snapshot_workers.c.pcf_level,
                snapshot_workers.c.fte,
                snapshot_workers.c.amhp,
            )
            .join(snapshots, snapshots.c.id == snapshot_workers.c.snapshot_id)
            .where(snapshot_workers.c.staff_id == clean(staff_id))
            .order_by(snapshots.c.service_id, snapshots.c.number, snapshot_workers.c.position)
        )
        if service_id is not None:
            query = query.where(snapshots.c.service_id == service_id)
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [WorkerSighting(**{**r._asdict(), "created_at": utc(r.created_at)}) for r in rows]

    def audit_log(self, service_id: int | None = None, limit: int = 200) -> list[AuditEntry]:
        """The most recent entries first."""
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if service_id is not None:
            query = query.where(audit_log.c.service_id == service_id)
        with self._reading() as conn:
            return [entry_from(r) for r in conn.execute(query).mappings()]

    # Writing

    def preview(self, incoming: Service, service_id: int | None = None) -> Preview:
        """The diff from the latest snapshot to `incoming`; writes nothing."""
        sid = service_id if service_id is not None else self.find_service(incoming.name)
        if sid is not None:
            self._require_service(sid)
        base = self.latest(sid) if sid is not None else None
        before = base.service if base else _empty_like(incoming)
        return Preview(
            service_id=sid,
            base=base.info if base else None,
            incoming=incoming,
            diff=diff_services(before, incoming),
        )

    def confirm(
        self,
        preview: Preview,
        *,
        by: str,
        note: str,
        kind: SnapshotKind = "import",
        source: str | None = None,
        leavers_confirmed: int = 0,
        policy: Policy | None = None,
    ) -> SnapshotInfo:
        """Save what was previewed, unless the latest snapshot changed since, or the save would
        remove people the person saving has not confirmed (`removals`: say how many leave)."""
        refused = refusal(removal_check(preview, policy or default_policy()), leavers_confirmed)
        if refused:
            raise RemovalNotConfirmed(refused)
        expect = preview.base.id if preview.base else None
        return self._save(preview.incoming, by, note, kind, source, preview.service_id, expect)

    def restore_preview(self, snapshot_id: int) -> Preview:
        """What saving an earlier snapshot again as the newest would change; writes nothing."""
        old = self.load(snapshot_id)
        latest = self._latest_info(old.info.service_id)
        if latest is not None and latest.id == snapshot_id:
            raise StoreError(
                f"Snapshot {old.info.number} is already the newest: nothing to restore."
            )
        return self.preview(old.service, old.info.service_id)

    def restore(
        self,
        snapshot_id: int,
        *,
        by: str,
        note: str,
        leavers_confirmed: int = 0,
        policy: Policy | None = None,
    ) -> SnapshotInfo:
        """Save an earlier snapshot again as a new snapshot (audited as a restore): nothing is
        deleted, so the restore itself can be undone the same way. The removal guard applies."""
        preview = self.restore_preview(snapshot_id)
        info = self.info(snapshot_id)
        source = f"snapshot {info.number} of {info.created_at:%d/%m/%Y %H:%M}"
        return self.confirm(
            preview,
            by=by,
            note=note,
            kind="restore",
            source=source,
            leavers_confirmed=leavers_confirmed,
            policy=policy,
        )

    def save(
        self,
        service: Service,
        *,
        by: str,
        note: str,
        kind: SnapshotKind = "import",
        source: str | None = None,
        service_id: int | None = None,
    ) -> SnapshotInfo:
        """Add a snapshot to `service_id`, or to the service of the same name (created if new)."""
        return self._save(service, by, note, kind, source, service_id, _ANY)

    def record(
        self,
        action: AuditAction,
        *,
        by: str,
        detail: str,
        service_id: int | None = None,
        snapshot_id: int | None = None,
    ) -> AuditEntry:
        """Append an audit entry (an export, say) in its own transaction."""
        actor = required("who", by, MAX_ACTOR)
        with self._writing() as conn:
            return self._append_audit(
                conn, AuditAction(action), actor, detail, service_id, snapshot_id
            )

    def _save(
        self,
        service: Service,
        by: str,
        note: str,
        kind: SnapshotKind,
        source: str | None,
        service_id: int | None,
        expect: object,
    ) -> SnapshotInfo:
        provenance = {
            "created_by": required("who", by, MAX_ACTOR),
            "note": required("a note saying why", note, MAX_NOTE),
            "source": required("the source", source, MAX_SOURCE) if source is not None else None,
            "kind": AuditAction(kind).value,
        }
        # Encode before taking the write lock, so the lock is held only for the inserts.
        packed, digest = encode(service)
        now = datetime.now(UTC)
        with self._writing() as conn:
            sid = self._service_for_save(conn, service, service_id, now)
            latest = conn.execute(_latest_query(sid)).first()
            _check_base(service, latest.id if latest else None, expect)
            row = snapshot_row(service, sid, (latest.number if latest else 0) + 1, now)
            row.update(provenance, content=packed, content_sha256=digest)
            snapshot_id = conn.execute(_returning_id(snapshots, row)).scalar_one()
            if service.workers:
                conn.execute(insert(snapshot_workers), index_rows(service, snapshot_id))
            self._append_audit(
                conn, AuditAction(kind), row["created_by"], _save_detail(row), sid, snapshot_id
            )
        return self.info(snapshot_id)

    def _service_for_save(
        self, conn: Connection, service: Service, service_id: int | None, now: datetime
    ) -> int:
        """The service's id, its row locked so that saves to one service queue up.

        (PostgreSQL needs the row lock; in SQLite BEGIN IMMEDIATE already queues writers.)
        """
        if service_id is not None:
            where = services.c.id == service_id
        else:
            where = services.c.name == clean(service.name)
        found = conn.execute(select(services.c.id).where(where).with_for_update()).scalar()
        if found is not None:
            return int(found)
        if service_id is not None:
            raise ServiceNotFound(f"There is no service {service_id} in this database")
        created = {"name": clean(service.name), "created_at": now}
        return int(conn.execute(_returning_id(services, created)).scalar_one())

    def _append_audit(
        self,
        conn: Connection,
        action: AuditAction,
        actor: str,
        detail: str,
        service_id: int | None,
        snapshot_id: int | None,
    ) -> AuditEntry:
        values = {
            "at": datetime.now(UTC),
            "actor": actor,
            "action": action.value,
            "detail": clean(detail),
            "service_id": service_id,
            "snapshot_id": snapshot_id,
        }
        try:
            entry_id = conn.execute(_returning_id(audit_log, values)).scalar_one()
        except IntegrityError:
            raise StoreError(
                "The audit entry names a service or snapshot that does not exist"
            ) from None
        return AuditEntry(id=entry_id, **values)

    def _latest_info(self, service_id: int) -> SnapshotInfo | None:
        self._require_service(service_id)
        with self._reading() as conn:
            row = conn.execute(_latest_query(service_id)).first()
        return self.info(row.id) if row else None

    def _require_service(self, service_id: int) -> None:
        with self._reading() as conn:
            if (
                conn.execute(select(services.c.id).where(services.c.id == service_id)).first()
                is None
            ):
                raise ServiceNotFound(f"There is no service {service_id} in this database")

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with _plain_errors(self.url), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with _plain_errors(self.url), self._writer.begin() as conn:
            yield conn


@contextmanager
def _plain_errors(url: str) -> Iterator[None]:
    """Database failures as a sentence; the transaction has already been rolled back."""
    try:
        yield
    except IntegrityError:
        raise ConcurrentSave(
            "Another save to the same service finished first; nothing was saved — try again"
        ) from None
    except OperationalError as exc:
        raise StoreUnavailable(
            f"The database {url} could not complete the request: {reason(exc)}"
        ) from None
    except SQLAlchemyError as exc:
        raise StoreError(f"The database {url} refused the request ({reason(exc)})") from None


def _check_base(service: Service, latest_id: int | None, expect: object) -> None:
    if expect is not _ANY and latest_id != expect:
        raise ConcurrentSave(
            f"{service.name} was saved by someone else since this preview "
            f"(now snapshot {latest_id or 'none'}); nothing was saved — preview again and confirm"
        )


def _save_detail(row: dict[str, Any]) -> str:
    source = f"{row['source']}: " if row["source"] else ""
    return (
        f"snapshot {row['number']} of {row['service_name']}: {row['headcount']} workers; "
        f"{source}{row['note']}"
    )


def _returning_id(table: Table, values: dict[str, Any]) -> Any:
    return insert(table).values(values).returning(table.c.id)


def _latest_query(service_id: int) -> Any:
    return (
        select(snapshots.c.id, snapshots.c.number)
        .where(snapshots.c.service_id == service_id)
        .order_by(snapshots.c.number.desc())
        .limit(1)
    )


def _empty_like(service: Service) -> Service:
    return Service(
        name=service.name,
        local_authority=service.local_authority,
        la_code=service.la_code,
        adult_population=service.adult_population,
        as_of=service.as_of,
        extra_columns=service.extra_columns,
    )


def _not_found(snapshot_id: int) -> SnapshotNotFound:
    return SnapshotNotFound(
        f"There is no snapshot {snapshot_id} in this database (`planner snapshots` lists them)"
    )
