"""The Import / export and History pages' content: read an upload, lay out what it found, what
saving it would change, and the files HR downloads.

HR sees every problem against its row and column with its sentence, and every row read is
either imported or explained (a row with an error is left out and its error is listed). Nothing
here writes to the store: the page saves only when the user confirms `Store.confirm`.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date

from planner.reference.framework import load_framework
from planner.reference.policy import Policy
from planner.roster.reading.importer import Progress, RosterImport, import_roster
from planner.roster.writing.problem_workbook import write_problem_workbook
from planner.roster.writing.workbook import roster_csv, write_roster, write_template
from planner.store.records import AuditEntry, ServiceRecord, SnapshotInfo
from planner.whatif.diff import Category, ServiceDiff
from planner.workforce.models import Service, Worker

log = logging.getLogger(__name__)

ACCEPTED = ("xlsx", "csv")
Table = list[dict[str, object]]
# Problems about a column rather than a row: the column is kept as HR's own, or not read.
_COLUMN_CODES = ("unused_column", "duplicate_column", "ascwds_columns_not_kept")
CATEGORY_LABEL: dict[Category, str] = {
    Category.LEVEL: "PCF level",
    Category.AMHP_APPROVAL: "AMHP approval",
    Category.AMHP_TRAINING: "AMHP training",
    Category.BIA: "BIA",
    Category.PRACTICE_EDUCATOR: "Practice educator",
    Category.TEAM: "Team",
    Category.SUPERVISION: "Supervision",
    Category.POSTS: "Posts",
    Category.ROLE_FUNCTIONS: "Role functions",
    Category.EMPLOYMENT: "Employment",
    Category.PERSONAL: "Personal details",
    Category.OTHER: "Other",
}


def read_upload(
    data: bytes,
    filename: str,
    *,
    policy: Policy | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> RosterImport:
    """What importing the uploaded bytes finds; a file that cannot be used says why."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix not in ACCEPTED:
        return RosterImport(
            filename,
            None,
            unusable=f"{filename} is not a roster file: upload an Excel workbook (.xlsx) or a "
            ".csv file. The template shows the columns the planner reads.",
        )
    try:
        return import_roster(data, filename, policy=policy, today=today, progress=progress)
    except Exception as exc:  # a reader's own failure must reach HR as a sentence
        log.warning("upload could not be read: %s", type(exc).__name__)  # no cell values
        return RosterImport(
            filename, None, unusable=f"{filename} could not be read: it may be damaged."
        )


@dataclass(frozen=True)
class Outcome:
    """How the rows of an import came out, as HR counts them."""

    rows_read: int
    imported: int
    left_out: tuple[int, ...]  # sheet rows not imported, each with an error listed
    with_problems: int

    @property
    def headline(self) -> str:
        text = f"{self.imported} of {self.rows_read} rows imported"
        if self.left_out:
            rows = ", ".join(str(r) for r in self.left_out)
            text += f"; {len(self.left_out)} left out because of an error (row {rows})"
        return text + "."


def outcome(result: RosterImport) -> Outcome:
    imported = set(result.worker_rows)
    header = result.header_row or 0
    row_errors = {
        p.row
        for p in result.problems
        if p.severity == "error" and p.sheet == result.sheet and p.row and p.row > header
    }
    return Outcome(
        rows_read=result.counts.rows_read,
        imported=result.counts.imported,
        left_out=tuple(sorted(r for r in row_errors if r not in imported)),
        with_problems=result.counts.with_errors + result.counts.with_warnings,
    )


def problem_table(result: RosterImport) -> Table:
    """Every problem with where it is: rows in sheet order; problems about the file last."""
    return [
        {
            "Row": p.row,
            "Column": p.column or "",
            "Severity": p.severity.capitalize(),
            "Problem": p.message,
            "Value": p.value or "",
            "Staff ID": p.staff_id or "",
            "Sheet": p.sheet or "",
        }
        for p in result.problems
    ]


def unused_columns(result: RosterImport) -> Table:
    return [
        {"Column": p.column or "", "What happens": p.message}
        for p in result.problems
        if p.code in _COLUMN_CODES
    ]


# --- the difference against the latest snapshot ------------------------------------------------


def diff_headline(
    diff: ServiceDiff, same: str = "Nothing has changed since the latest snapshot."
) -> str:
    if diff.is_empty:
        return same
    counts = diff.counts()
    parts = [
        f"{counts['joiners']} joining",
        f"{counts['leavers']} leaving",
        f"{counts['changed']} with changed details",
    ]
    if diff.service_changes:
        parts.append("service details changed")
    return ", ".join(parts) + "."


def people_table(workers: tuple[Worker, ...]) -> Table:
    levels = {lv.id: lv.name for lv in load_framework().levels}
    return [
        {
            "Staff ID": w.staff_id,
            "Name": w.name,
            "Team": w.team,
            "PCF level": levels.get(w.pcf_level or "", ""),
            "FTE": w.fte,
        }
        for w in workers
    ]


def change_table(diff: ServiceDiff) -> Table:
    """One row per changed field per worker, old value to new."""
    return [
        {
            "Staff ID": wc.staff_id,
            "Name": wc.name,
            "What": CATEGORY_LABEL[fc.category],
            "Field": fc.field,
            "Before": _shown(fc.old),
            "After": _shown(fc.new),
        }
        for wc in diff.changed
        for fc in wc.changes
    ]


def category_table(diff: ServiceDiff) -> Table:
    """How many people changed in each category, in the order categories are listed."""
    people = Counter(cat for wc in diff.changed for cat in wc.categories)
    return [
        {"What changed": CATEGORY_LABEL[cat], "People": people[cat]}
        for cat in Category
        if people[cat]
    ]


def service_change_table(diff: ServiceDiff) -> Table:
    return [
        {"Field": fc.field, "Before": _shown(fc.old), "After": _shown(fc.new)}
        for fc in diff.service_changes
    ]


def _shown(value: object) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


# --- where the import goes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    service_id: int | None  # None: a new service
    name: str
    label: str


def targets(
    services: list[ServiceRecord], incoming: Service, current_id: int | None, named_in_file: bool
) -> tuple[list[Target], int]:
    """Where the import can be saved, and the default: the service of the same name; else the
    one in use when the file does not name its service (a CSV, say); else a new service."""
    options = [Target(s.id, s.name, f"{s.name} (new snapshot)") for s in services]
    same = next((i for i, s in enumerate(services) if s.name == incoming.name), None)
    if same is None:
        options.append(Target(None, incoming.name, f"A new service: {incoming.name}"))
    ids = [t.service_id for t in options]
    if same is not None:
        return options, same
    if not named_in_file and current_id in ids:
        return options, ids.index(current_id)
    return options, len(options) - 1


def into(incoming: Service, target: Target, base: Service | None, named_in_file: bool) -> Service:
    """The service to save: it takes the target's name, and a file with no Service sheet keeps
    the service's own details (local authority, code, adults served) rather than blanking them."""
    update: dict[str, object] = {"name": target.name}
    if base is not None and not named_in_file:
        update |= {
            "local_authority": base.local_authority,
            "la_code": base.la_code,
            "adult_population": base.adult_population,
        }
    return incoming.model_copy(update=update)


def default_note(filename: str) -> str:
    return f"import of {filename}"


# --- downloads ------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    out = io.BytesIO()
    write_template(out)
    return out.getvalue()


def roster_xlsx(service: Service) -> bytes:
    out = io.BytesIO()
    write_roster(service, out)
    return out.getvalue()


def roster_csv_bytes(service: Service) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the names and dashes as typed."""
    return roster_csv(service).encode("utf-8-sig")


def problem_workbook_xlsx(data: bytes, result: RosterImport, policy: Policy | None = None) -> bytes:
    out = io.BytesIO()
    write_problem_workbook(data, result, out, policy)
    return out.getvalue()


def export_name(service_name: str, number: int | None, suffix: str) -> str:
    stem = "".join(c if c.isalnum() else "_" for c in service_name).strip("_")[:60] or "roster"
    return f"{stem}_snapshot_{number}.{suffix}" if number else f"{stem}.{suffix}"


# --- history --------------------------------------------------------------------------------


def snapshot_label(info: SnapshotInfo) -> str:
    return f"#{info.number} · {info.created_at:%d %b %Y %H:%M} UTC · {info.created_by}"


def snapshot_table(infos: list[SnapshotInfo]) -> Table:
    """Newest first: the order people look for the last import."""
    return [
        {
            "Snapshot": i.number,
            "When (UTC)": f"{i.created_at:%d/%m/%Y %H:%M}",
            "Who": i.created_by,
            "Kind": i.kind,
            "Note": i.note,
            "Headcount": i.headcount,
            "As of": f"{i.as_of:%d/%m/%Y}",
        }
        for i in sorted(infos, key=lambda i: i.number, reverse=True)
    ]


_ACTIONS = {
    "import": "Imported",
    "edit": "Edited",
    "export": "Exported",
    "scenario": "Scenario saved or deleted",
    "restore": "Restored an earlier snapshot",
}


def audit_table(entries: list[AuditEntry], services: list[ServiceRecord]) -> Table:
    """The audit log in words: when, who, what, which service, and the detail."""
    names = {s.id: s.name for s in services}
    return [
        {
            "When (UTC)": f"{e.at:%d/%m/%Y %H:%M}",
            "Who": e.actor,
            "What": _ACTIONS.get(e.action, e.action.capitalize()),
            "Service": names.get(e.service_id, "") if e.service_id is not None else "",
            "Detail": e.detail,
        }
        for e in entries
    ]
