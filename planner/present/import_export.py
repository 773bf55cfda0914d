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
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from planner.reference.framework import load_framework
from planner.reference.policy import Policy
from planner.roster.reading import heading_preview
from planner.roster.reading.headers import ColumnPlan, HeaderPlan
from planner.roster.reading.heading_preview import HeaderFound, known_choices, plan_headings
from planner.roster.reading.importer import Progress, RosterImport, import_roster, missing_columns
from planner.roster.reading.mapping import matcher
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
    mapping: Mapping[str, str] | None = None,
) -> RosterImport:
    """What importing the uploaded bytes finds; a file that cannot be used says why."""
    refused = _not_a_roster(filename)
    if refused:
        return RosterImport(filename, None, unusable=refused)
    try:
        return import_roster(
            data, filename, policy=policy, today=today, progress=progress, mapping=mapping
        )
    except Exception as exc:  # a reader's own failure must reach HR as a sentence
        log.warning("upload could not be read: %s", type(exc).__name__)  # no cell values
        return RosterImport(
            filename, None, unusable=f"{filename} could not be read: it may be damaged."
        )


def _not_a_roster(filename: str) -> str | None:
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix in ACCEPTED:
        return None
    return (
        f"{filename} is not a roster file: upload an Excel workbook (.xlsx) or a .csv file. The "
        "template shows the columns the planner reads."
    )


# --- the column mapping: shown, and changed, before the rows are read ---------------------------

KEEP = ""  # a mapping's "keep as your own column"
_HOW = {
    "exact": "Template heading",
    "synonym": "Known heading",
    "token": "Same words",
    "user": "Your choice",
}


def read_header(data: bytes, filename: str, policy: Policy | None = None) -> HeaderFound:
    """The upload's headings, before any row is read; a file that cannot be used says why."""
    refused = _not_a_roster(filename)
    if refused:
        return HeaderFound(filename, unusable=refused)
    try:
        return heading_preview.read_header(data, filename, policy)
    except Exception as exc:  # a reader's own failure must reach HR as a sentence
        log.warning("upload could not be read: %s", type(exc).__name__)
        return HeaderFound(filename, unusable=f"{filename} could not be read: it may be damaged.")


def column_plan(found: HeaderFound, mapping: Mapping[str, str]) -> HeaderPlan | str:
    """How each column would be read under `mapping`, or why it cannot be."""
    return plan_headings(found, mapping)


def mapping_options() -> list[str]:
    """What a heading can be read as: kept as the file's own column, or one of ours."""
    return [KEEP, *matcher().names()]


def mapping_label(name: str) -> str:
    return "Keep as your own column" if name == KEEP else matcher().label(name)


def mappable(plan: HeaderPlan) -> list[ColumnPlan]:
    """The columns a person may map (the planner's own report columns are skipped on import)."""
    return [c for c in plan.columns if c.target != "report"]


def current_choice(col: ColumnPlan) -> str:
    return col.mapped or KEEP


def needs_choice(plan: HeaderPlan) -> list[ColumnPlan]:
    """Columns that could be one of the planner's columns and wait for a person to say which."""
    return [c for c in mappable(plan) if c.choices and c.mapped is None]


def mapping_table(plan: HeaderPlan) -> Table:
    return [
        {
            "Column in your file": c.heading,
            "Read as": mapping_label(current_choice(c)),
            "How": _how(c),
            "Confidence": f"{c.confidence:.0%}" if c.how else "",
        }
        for c in mappable(plan)
    ]


def _how(col: ColumnPlan) -> str:
    if col.how:
        return _HOW[col.how]
    if col.choices:
        return "Could be " + " or ".join(mapping_label(c) for c in col.choices) + ": choose"
    return ""


def match_note(col: ColumnPlan) -> str:
    """A selectbox's help: how the heading was matched and how sure."""
    if col.how:
        return f"{_HOW[col.how]} ({col.confidence:.0%} sure)."
    return _how(col) or "Not a heading the planner knows."


def mapping_summary(plan: HeaderPlan) -> str:
    columns = mappable(plan)
    read = sum(1 for c in columns if c.mapped)
    text = f"{read} of {len(columns)} columns are read as the planner's columns"
    open_ = len(needs_choice(plan))
    if open_:
        text += f"; {open_} could be one of them: choose below"
    kept = len(columns) - read - open_
    return text + (f"; {kept} kept as your own." if kept else ".")


def missing_sentence(plan: HeaderPlan) -> str | None:
    """Which columns every row needs that no heading is read as."""
    missing = [mapping_label(f) for f in missing_columns(plan)]
    if not missing:
        return None
    return (
        f"No column is read as {' or '.join(missing)}, and every row needs one: choose the column "
        "that holds it below, then read the file."
    )


def applicable(found: HeaderFound, remembered: Mapping[str, str]) -> dict[str, str]:
    """The choices remembered for the service that this file's headings need, where they
    still name a column the planner reads."""
    plan = plan_headings(found, {})
    headings = {c.heading for c in mappable(plan)} if isinstance(plan, HeaderPlan) else set()
    return {h: t for h, t in known_choices(remembered).items() if h in headings}


def mapping_to_apply(found: HeaderFound, picks: Mapping[str, str]) -> dict[str, str]:
    """The headings a person read differently from the planner's own match: what the import is
    given, and what is remembered for the service when they confirm it."""
    auto = plan_headings(found, {})
    columns = mappable(auto) if isinstance(auto, HeaderPlan) else []
    # a column left to choose is the person's choice even when they keep it as their own
    automatic = {c.heading: current_choice(c) for c in columns if not c.choices or c.mapped}
    return {h: t for h, t in picks.items() if automatic.get(h) != t}


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
