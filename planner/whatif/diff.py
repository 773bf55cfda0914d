"""What changed between two services: joiners, leavers and changed fields per worker.

Modelled on ASC-WDS's difference report: each changed field shows old → new, and every field
belongs to a named category (PCF level, AMHP approval, BIA, practice educator, AMHP training,
team...) so a reviewer can ask "whose credentials changed?" directly. Workers are matched by
staff id; the order of rows is not a change. Pure functions over `Service` values: nothing here
reads or writes the database, so the app can show a diff before anything is saved. Team names
identify teams. A staff id the incoming roster says was changed (ASC-WDS's CHGUNIQUEWRKID) is
matched under its old id, so the person shows as one change of staff id, never as a leaver
and a joiner.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, JsonValue

from planner.reference.framework import load_framework
from planner.workforce.models import Service, Team, Worker


class Category(StrEnum):
    LEVEL = "level"
    AMHP_APPROVAL = "amhp_approval"
    AMHP_TRAINING = "amhp_training"
    BIA = "bia"
    PRACTICE_EDUCATOR = "practice_educator"
    TEAM = "team"
    SUPERVISION = "supervision"
    POSTS = "posts"
    ROLE_FUNCTIONS = "role_functions"
    EMPLOYMENT = "employment"
    PERSONAL = "personal"
    OTHER = "other"


CREDENTIALS = (
    Category.AMHP_APPROVAL,
    Category.AMHP_TRAINING,
    Category.BIA,
    Category.PRACTICE_EDUCATOR,
)

# Which category each Worker field belongs to; a field not listed here is OTHER.
FIELD_CATEGORY: dict[str, Category] = {
    "pcf_level": Category.LEVEL,
    "domain_levels": Category.LEVEL,
    "amhp": Category.AMHP_APPROVAL,
    "amhp_approving_authority": Category.AMHP_APPROVAL,
    "amhp_approved_on": Category.AMHP_APPROVAL,
    "amhp_approval_expires": Category.AMHP_APPROVAL,
    "amhp_cpd_hours": Category.AMHP_APPROVAL,
    "amhp_rota_share": Category.AMHP_APPROVAL,
    "amhp_training_started": Category.AMHP_TRAINING,
    "amhp_training_completes": Category.AMHP_TRAINING,
    "amhp_qualified_year": Category.AMHP_TRAINING,
    "bia": Category.BIA,
    "practice_educator_stage": Category.PRACTICE_EDUCATOR,
    "team": Category.TEAM,
    "supervisor_id": Category.SUPERVISION,
    "line_manager_id": Category.SUPERVISION,
    "amhp_supervisor_id": Category.SUPERVISION,
    "external_supervisor": Category.SUPERVISION,
    "posts": Category.POSTS,
    "role_functions": Category.ROLE_FUNCTIONS,
    "job_title": Category.EMPLOYMENT,
    "profession": Category.EMPLOYMENT,
    "fte": Category.EMPLOYMENT,
    "contract": Category.EMPLOYMENT,
    "start_date": Category.EMPLOYMENT,
    "planned_leaving_date": Category.EMPLOYMENT,
    "staff_id": Category.PERSONAL,
    "name": Category.PERSONAL,
    "birth_year": Category.PERSONAL,
    "swe_registration": Category.PERSONAL,
}

# The field whose presence means the credential is held; the others only qualify it.
_HELD_BY: dict[Category, str] = {
    Category.AMHP_APPROVAL: "amhp_approved_on",
    Category.AMHP_TRAINING: "amhp_training_started",
    Category.BIA: "bia",
    Category.PRACTICE_EDUCATOR: "practice_educator_stage",
}

SERVICE_FIELDS = (
    "name",
    "local_authority",
    "la_code",
    "adult_population",
    "all_ages_population",
    "as_of",
    "extra_columns",
)

Event = Literal["gained", "lost", "changed"]
Direction = Literal["up", "down", "set", "removed"]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldChange(_Value):
    """One field's old and new value, as they appear in a service's JSON."""

    field: str
    category: Category
    old: JsonValue
    new: JsonValue


class WorkerChange(_Value):
    staff_id: str
    name: str  # as the newer record has it
    changes: tuple[FieldChange, ...]
    occurrence: int = 0  # above 0 only for a staff id the roster repeats

    @property
    def categories(self) -> frozenset[Category]:
        return frozenset(c.category for c in self.changes)

    def field(self, name: str) -> FieldChange | None:
        return next((c for c in self.changes if c.field == name), None)


class TeamChange(_Value):
    name: str
    old_kind: str
    new_kind: str


class LevelChange(_Value):
    staff_id: str
    name: str
    old: str | None
    new: str | None
    direction: Direction


class CredentialChange(_Value):
    staff_id: str
    name: str
    credential: Category
    event: Event


class TeamMove(_Value):
    staff_id: str
    name: str
    old_team: str
    new_team: str


class ServiceDiff(_Value):
    """Everything that differs from `before` to `after`; empty when they hold the same records."""

    joiners: tuple[Worker, ...] = ()
    leavers: tuple[Worker, ...] = ()
    changed: tuple[WorkerChange, ...] = ()
    service_changes: tuple[FieldChange, ...] = ()
    teams_added: tuple[Team, ...] = ()
    teams_removed: tuple[Team, ...] = ()
    teams_changed: tuple[TeamChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.joiners,
                self.leavers,
                self.changed,
                self.service_changes,
                self.teams_added,
                self.teams_removed,
                self.teams_changed,
            )
        )

    def in_category(self, category: Category) -> tuple[WorkerChange, ...]:
        """Workers with at least one change in the category."""
        return tuple(c for c in self.changed if category in c.categories)

    def level_changes(self) -> tuple[LevelChange, ...]:
        ranks = {lv: i for i, lv in enumerate(load_framework().level_ids())}
        out = []
        for wc in self.changed:
            fc = wc.field("pcf_level")
            if fc is not None:
                old, new = _opt_str(fc.old), _opt_str(fc.new)
                out.append(
                    LevelChange(**_who(wc), old=old, new=new, direction=_dir(old, new, ranks))
                )
        return tuple(out)

    def credential_changes(self) -> tuple[CredentialChange, ...]:
        out = []
        for wc in self.changed:
            for cred in CREDENTIALS:
                if cred in wc.categories:
                    out.append(
                        CredentialChange(**_who(wc), credential=cred, event=_event(wc, cred))
                    )
        return tuple(out)

    def team_moves(self) -> tuple[TeamMove, ...]:
        return tuple(
            TeamMove(**_who(wc), old_team=str(fc.old), new_team=str(fc.new))
            for wc in self.changed
            if (fc := wc.field("team")) is not None
        )

    def counts(self) -> dict[str, int]:
        """How many workers joined, left and changed, and how many changed in each category."""
        by_cat = Counter(cat.value for wc in self.changed for cat in wc.categories)
        return {
            "joiners": len(self.joiners),
            "leavers": len(self.leavers),
            "changed": len(self.changed),
            **{cat.value: by_cat.get(cat.value, 0) for cat in Category},
        }

    def inverted(self) -> ServiceDiff:
        """The diff from `after` back to `before`."""
        return ServiceDiff(
            joiners=self.leavers,
            leavers=self.joiners,
            changed=tuple(_invert(wc) for wc in self.changed),
            service_changes=tuple(_swap(c) for c in self.service_changes),
            teams_added=self.teams_removed,
            teams_removed=self.teams_added,
            teams_changed=tuple(
                TeamChange(name=t.name, old_kind=t.new_kind, new_kind=t.old_kind)
                for t in self.teams_changed
            ),
        )


def diff_services(
    before: Service, after: Service, renamed: Mapping[str, str] | None = None
) -> ServiceDiff:
    """What changed from `before` to `after`, each list in staff id (or team name) order.
    `renamed` maps a staff id in `after` to the one the same person had in `before`."""
    old, new = _keyed(before.workers), _keyed(after.workers)
    if renamed:
        old = _renamed(old, new, renamed)
    changed = [_worker_change(old[k], new[k], k[1]) for k in new if k in old and old[k] != new[k]]
    old_teams = {t.name: t for t in sorted(before.teams, key=lambda t: t.name)}
    new_teams = {t.name: t for t in sorted(after.teams, key=lambda t: t.name)}
    return ServiceDiff(
        joiners=tuple(w for k, w in new.items() if k not in old),
        leavers=tuple(w for k, w in old.items() if k not in new),
        changed=tuple(c for c in changed if c.changes),
        service_changes=_service_changes(before, after),
        teams_added=tuple(t for n, t in new_teams.items() if n not in old_teams),
        teams_removed=tuple(t for n, t in old_teams.items() if n not in new_teams),
        teams_changed=tuple(
            TeamChange(name=n, old_kind=old_teams[n].kind, new_kind=t.kind)
            for n, t in new_teams.items()
            if n in old_teams and old_teams[n].kind != t.kind
        ),
    )


def apply_diff(service: Service, diff: ServiceDiff) -> Service:
    """The service with the diff applied: `apply_diff(a, diff_services(a, b))` holds b's records."""
    drop = Counter(w.staff_id for w in diff.leavers)
    updates = {(_was(wc), wc.occurrence): wc for wc in diff.changed}
    workers: list[Worker] = []
    # A duplicated staff id is matched by occurrence, so leavers are its last occurrences.
    remaining = Counter(w.staff_id for w in service.workers)
    seen: Counter[str] = Counter()
    for w in service.workers:
        seen[w.staff_id] += 1
        if seen[w.staff_id] > remaining[w.staff_id] - drop[w.staff_id]:
            continue
        wc = updates.get((w.staff_id, seen[w.staff_id] - 1))
        workers.append(_updated(w, wc) if wc else w)
    teams = [t for t in service.teams if t.name not in {r.name for r in diff.teams_removed}]
    kinds = {t.name: t.new_kind for t in diff.teams_changed}
    fields: dict[str, Any] = dict(service)
    fields.update({c.field: c.new for c in diff.service_changes})
    fields["teams"] = [
        *(t.model_copy(update={"kind": kinds[t.name]}) if t.name in kinds else t for t in teams),
        *diff.teams_added,
    ]
    fields["workers"] = [*workers, *diff.joiners]
    return Service.model_validate(fields)


def _keyed(workers: tuple[Worker, ...]) -> dict[tuple[str, int], Worker]:
    """Workers by (staff id, occurrence), so a duplicated id is compared, not lost."""
    seen: defaultdict[str, int] = defaultdict(int)
    out = {}
    for w in workers:
        out[(w.staff_id, seen[w.staff_id])] = w
        seen[w.staff_id] += 1
    return dict(sorted(out.items(), key=lambda item: item[0]))


def _renamed(
    old: dict[tuple[str, int], Worker],
    new: dict[tuple[str, int], Worker],
    renamed: Mapping[str, str],
) -> dict[tuple[str, int], Worker]:
    """`old` keyed by the incoming ids where a change fits: the old id once before and no longer
    used, the new id once after and not used before. Any other is left as it is."""
    out = dict(old)
    for now, was in renamed.items():
        if (
            now != was
            and (now, 0) in new
            and (now, 1) not in new
            and (was, 0) in out
            and (was, 1) not in out
            and (was, 0) not in new
            and (now, 0) not in out
        ):
            out[(now, 0)] = out.pop((was, 0))
    return dict(sorted(out.items(), key=lambda item: item[0]))


def _was(wc: WorkerChange) -> str:
    """The staff id the change's worker has before it."""
    changed = wc.field("staff_id")
    return str(changed.old) if changed else wc.staff_id


def _worker_change(old: Worker, new: Worker, occurrence: int) -> WorkerChange:
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    changes = tuple(
        FieldChange(field=f, category=FIELD_CATEGORY.get(f, Category.OTHER), old=a[f], new=b[f])
        for f in a
        if a[f] != b[f]
    )
    return WorkerChange(
        staff_id=new.staff_id, name=new.name, changes=changes, occurrence=occurrence
    )


def _service_changes(before: Service, after: Service) -> tuple[FieldChange, ...]:
    a = before.model_dump(mode="json", include=set(SERVICE_FIELDS))
    b = after.model_dump(mode="json", include=set(SERVICE_FIELDS))
    return tuple(
        FieldChange(field=f, category=Category.OTHER, old=a[f], new=b[f])
        for f in SERVICE_FIELDS
        if a[f] != b[f]
    )


def _updated(worker: Worker, wc: WorkerChange) -> Worker:
    data = worker.model_dump(mode="json")
    data.update({c.field: c.new for c in wc.changes})
    return Worker.model_validate(data)


def _invert(wc: WorkerChange) -> WorkerChange:
    renamed = wc.field("name")
    return wc.model_copy(
        update={
            "changes": tuple(_swap(c) for c in wc.changes),
            "name": str(renamed.old) if renamed else wc.name,
            "staff_id": _was(wc),
        }
    )


def _swap(c: FieldChange) -> FieldChange:
    return c.model_copy(update={"old": c.new, "new": c.old})


def _who(wc: WorkerChange) -> dict[str, str]:
    return {"staff_id": wc.staff_id, "name": wc.name}


def _opt_str(value: JsonValue) -> str | None:
    return None if value is None else str(value)


def _dir(old: str | None, new: str | None, ranks: dict[str, int]) -> Direction:
    if old is None:
        return "set"
    if new is None:
        return "removed"
    return "up" if ranks[new] > ranks[old] else "down"


def _event(wc: WorkerChange, credential: Category) -> Event:
    held = wc.field(_HELD_BY[credential])
    if held is None:
        return "changed"  # still held; its dates or details changed
    if held.old in (None, False):
        return "gained"
    return "lost" if held.new in (None, False) else "changed"
