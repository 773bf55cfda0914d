"""The values the store hands back: snapshots, services, audit entries, and its errors.

Plain frozen pydantic models, so the app can show them and the CLI can print them as JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.store.connection import StoreError
from planner.whatif.diff import ServiceDiff
from planner.workforce.models import Service


class AuditAction(StrEnum):
    IMPORT = "import"
    EDIT = "edit"
    EXPORT = "export"
    SCENARIO = "scenario"  # a what-if scenario saved or deleted (planner.store.scenarios)
    RESTORE = "restore"  # an earlier snapshot saved again as the newest
    SETTINGS = "settings"  # the service's policy settings saved (planner.store.settings)
    PUBLISH = "publish"  # a commissioners' release (planner.store.releases)


SnapshotKind = Literal["import", "edit", "restore"]


class SnapshotNotFound(StoreError):
    pass


class ServiceNotFound(StoreError):
    pass


class RemovalNotConfirmed(StoreError):
    """The save would remove people (or leave nobody) without the count being confirmed."""


class ConcurrentSave(StoreError):
    """Someone saved the same service since the preview; nothing was written."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SnapshotInfo(_Record):
    id: int
    service_id: int
    number: int
    service_name: str
    created_at: datetime
    created_by: str
    kind: str
    source: str | None
    note: str
    as_of: date
    headcount: int
    fte: float
    amhps: int
    adult_population: int | None


class Snapshot(_Record):
    info: SnapshotInfo
    service: Service


class ServiceRecord(_Record):
    id: int
    name: str
    created_at: datetime
    snapshots: int
    latest_snapshot_id: int | None
    latest_at: datetime | None


class AuditEntry(_Record):
    id: int
    at: datetime
    actor: str
    action: str
    detail: str
    service_id: int | None
    snapshot_id: int | None


class WorkerSighting(_Record):
    """One worker as one snapshot recorded them (from the per-worker index)."""

    snapshot_id: int
    service_id: int
    number: int
    created_at: datetime
    as_of: date
    team: str
    pcf_level: str | None
    fte: float
    amhp: bool


class Preview(_Record):
    """What saving `incoming` would change; `base` is the latest snapshot it was compared with."""

    service_id: int | None
    base: SnapshotInfo | None
    incoming: Service
    diff: ServiceDiff

    @property
    def is_new_service(self) -> bool:
        return self.base is None
