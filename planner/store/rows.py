"""Between `Service` values and table rows: the stored document, its index rows, and text rules.

The document is the service's own JSON (pydantic's round-trip dump), zlib-compressed (about a
tenth of the size, for a few milliseconds) with a SHA-256 of the JSON to catch damage on load.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import RowMapping

from planner.store.connection import StoreError
from planner.store.records import AuditEntry, SnapshotInfo
from planner.store.schema import snapshots
from planner.workforce.models import Service

FORMAT_VERSION = 1  # of the stored document; a migration that reshapes it bumps this
MAX_ACTOR = 200
MAX_SOURCE = 500
MAX_NOTE = 10_000

INFO_COLUMNS = (
    snapshots.c.id,
    snapshots.c.service_id,
    snapshots.c.number,
    snapshots.c.service_name,
    snapshots.c.created_at,
    snapshots.c.created_by,
    snapshots.c.kind,
    snapshots.c.source,
    snapshots.c.note,
    snapshots.c.as_of,
    snapshots.c.headcount,
    snapshots.c.fte,
    snapshots.c.amhps,
    snapshots.c.adult_population,
)


def encode(service: Service) -> tuple[bytes, str]:
    """The compressed document and the SHA-256 of its JSON."""
    content = service.model_dump_json(round_trip=True).encode()
    return zlib.compress(content, 1), hashlib.sha256(content).hexdigest()


def snapshot_row(service: Service, service_id: int, number: int, now: datetime) -> dict[str, Any]:
    return {
        "service_id": service_id,
        "number": number,
        "created_at": now,
        "service_name": clean(service.name),
        "as_of": service.as_of,
        "headcount": len(service.workers),
        "fte": round(sum(w.fte for w in service.workers), 3),
        "amhps": sum(1 for w in service.workers if w.is_amhp(service.as_of)),
        "adult_population": service.adult_population,
        "format_version": FORMAT_VERSION,
    }


def index_rows(service: Service, snapshot_id: int) -> list[dict[str, Any]]:
    return [
        {
            "snapshot_id": snapshot_id,
            "position": i,
            "staff_id": clean(w.staff_id),
            "team": clean(w.team),
            "pcf_level": w.pcf_level,
            "fte": w.fte,
            "amhp": w.is_amhp(service.as_of),
        }
        for i, w in enumerate(service.workers)
    ]


def decode(snapshot_id: int, packed: bytes, digest: str) -> Service:
    try:
        content = zlib.decompress(packed)
    except zlib.error:
        raise StoreError(f"Snapshot {snapshot_id} is damaged and cannot be read") from None
    if hashlib.sha256(content).hexdigest() != digest:
        raise StoreError(
            f"Snapshot {snapshot_id} is damaged: its content does not match its checksum"
        )
    try:
        return Service.model_validate_json(content)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StoreError(
            f"Snapshot {snapshot_id} no longer passes the planner's checks "
            f"({exc.error_count()} problem(s), first at {where}: {first['msg']})"
        ) from None


def info_from(data: RowMapping) -> SnapshotInfo:
    return SnapshotInfo(
        **{c.name: data[c.name] for c in INFO_COLUMNS if c.name != "created_at"},
        created_at=utc(data["created_at"]),
    )


def entry_from(data: RowMapping) -> AuditEntry:
    return AuditEntry(**{**data, "at": utc(data["at"])})


def utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def clean(text: str) -> str:
    """Text for a column: PostgreSQL cannot store NUL (the snapshot document keeps it)."""
    return text.replace("\x00", "")


def required(what: str, value: str | None, limit: int) -> str:
    text = clean(value or "").strip()
    if not text:
        raise StoreError(f"Say {what} before saving (it is recorded with the snapshot)")
    if len(text) > limit:
        raise StoreError(
            f"{what.capitalize()} is too long ({len(text)} characters, at most {limit})"
        )
    return text
