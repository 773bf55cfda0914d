"""Commands over the store: `planner snapshots`, `save`, `diff` and `audit`.

The database is `PLANNER_DATABASE_URL`, or `planner.db` beside the app. Exit codes follow the
contract in `planner.cli.main`: 0 success, 1 the input's problems were reported (the service is still
saved, as HR's imports are), 2 the input or the database could not be used.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from planner.analysis.report import analyse
from planner.cli.output import (
    UNUSABLE,
    Handler,
    add_command,
    dump,
    emit,
    err,
    json_arg,
    load_or_say,
    print_problems,
    unusable,
)
from planner.cli.roster import heading_map
from planner.roster.open_service import load_service
from planner.store.mappings import remember_mapping
from planner.store.records import RemovalNotConfirmed
from planner.store.snapshots import SnapshotInfo, Store, StoreError
from planner.whatif.diff import ServiceDiff, diff_services
from planner.whatif.headlines import headline_movement, movement_lines
from planner.workforce.models import Service, Worker
from planner.workforce.problems import Problem


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "snapshots",
        _guarded(_snapshots),
        "list saved snapshots",
        "List the snapshots in the database: id, service, when, who and why.",
    )
    p.add_argument("--service", type=int, metavar="ID", help="only this service's snapshots")
    json_arg(p)
    p = add_command(
        sub,
        "save",
        _guarded(_save),
        "save a service as a new snapshot",
        "Save SERVICE as a new dated snapshot, after showing what changed since the "
        "latest one. Nothing already saved is changed.",
    )
    p.add_argument("service", metavar="SERVICE", help="'demo', a .json service or a roster file")
    p.add_argument("--note", required=True, help="why: the import or the edit, in a few words")
    p.add_argument("--by", default=None, help="who is saving (default: your login name)")
    p.add_argument("--kind", choices=("import", "edit"), default="import", help="default import")
    p.add_argument("--service", dest="service_id", type=int, metavar="ID", help="add to service ID")
    p.add_argument("--population", type=int, help="adults served (needed with a .csv roster)")
    p.add_argument("--dry-run", action="store_true", help="show the changes, save nothing")
    p.add_argument(
        "--map",
        action="append",
        type=heading_map,
        default=[],
        metavar='"HEADING=field"',
        help="read a roster's column HEADING as this field, as for `planner import`; "
        "remembered for the service once saved; repeatable",
    )
    p.add_argument(
        "--confirm-leavers",
        type=int,
        default=0,
        metavar="N",
        help="confirm that N people leave, when the save would remove many (see the policy)",
    )
    json_arg(p)
    p = add_command(
        sub,
        "restore",
        _guarded(_restore),
        "save an earlier snapshot again as the newest",
        "Undo an import or edit: save snapshot ID again as a new snapshot (audited as a "
        "restore), after showing what changes. Nothing is deleted.",
    )
    p.add_argument("snapshot", type=int, metavar="ID", help="the snapshot to restore")
    p.add_argument("--note", required=True, help="why: what the restore undoes")
    p.add_argument("--by", default=None, help="who is restoring (default: your login name)")
    p.add_argument("--confirm-leavers", type=int, default=0, metavar="N", help="as for save")
    json_arg(p)
    p = add_command(
        sub,
        "diff",
        _guarded(_diff),
        "compare two snapshots or services",
        "Joiners, leavers and changed fields from A to B, then how each headline "
        "figure moved (AMHPs, rota cover, supervision, posts, findings). Each is a snapshot id "
        "(a number, see `planner snapshots`) or a SERVICE: 'demo', a .json service or a roster.",
    )
    p.add_argument("a", metavar="A", help="the earlier snapshot id or SERVICE")
    p.add_argument("b", metavar="B", help="the later snapshot id or SERVICE")
    json_arg(p)
    p = add_command(
        sub,
        "audit",
        _guarded(_audit),
        "who imported, edited or exported what, and when",
        "The audit log, newest first.",
    )
    p.add_argument("--service", type=int, metavar="ID", help="only this service's entries")
    p.add_argument("--limit", type=int, default=50, help="how many entries (default 50)")
    json_arg(p)


def _guarded(handler: Handler) -> Handler:
    """The command with store problems as a sentence on stderr and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except StoreError as exc:
            message = str(exc)
            if isinstance(exc, RemovalNotConfirmed) and "Confirm that" in message:
                message += " (add --confirm-leavers with that number)"
            if args.json:
                emit({"error": message})
            err(message)
            return 2

    return run


def _restore(args: argparse.Namespace) -> int:
    with Store.open() as store:
        preview = store.restore_preview(args.snapshot)
        saved = store.restore(
            args.snapshot,
            by=args.by or getpass.getuser(),
            note=args.note,
            leavers_confirmed=args.confirm_leavers,
        )
    if args.json:
        emit({"saved": dump(saved), "diff": _diff_json(preview.diff)})
    else:
        _print_diff(preview.diff)
        print(_line(saved))
    return 0


def _snapshots(args: argparse.Namespace) -> int:
    with Store.open() as store:
        listed = store.snapshots(args.service)
        if args.json:
            emit({"database": store.url, "snapshots": [dump(s) for s in listed]})
            return 0
        if not listed:
            print(f"No snapshots in {store.url} yet (`planner save SERVICE --note ...` adds one).")
        for s in listed:
            print(_line(s))
    return 0


def _save(args: argparse.Namespace) -> int:
    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    with Store.open() as store:
        preview = store.preview(loaded.service, args.service_id, renamed=loaded.renamed)
        saved = None
        if not args.dry_run:
            saved = store.confirm(
                preview,
                by=args.by or getpass.getuser(),
                note=args.note,
                kind=args.kind,
                source=Path(args.service).name,
                leavers_confirmed=args.confirm_leavers,
            )
            if args.map:  # as the app does on confirming an import
                remember_mapping(store, saved.service_id, dict(args.map), (), by=saved.created_by)
    if args.json:
        emit(
            {
                "saved": dump(saved) if saved else None,
                "base": dump(preview.base) if preview.base else None,
                "diff": _diff_json(preview.diff),
                "problems": [dump(p) for p in loaded.problems],
            }
        )
    else:
        base = f"snapshot {preview.base.id}" if preview.base else "nothing saved before"
        print(f"Changes from {base}:")
        _print_diff(preview.diff)
        print(f"Saved as snapshot {saved.id}." if saved else "Dry run: nothing was saved.")
        print_problems(loaded.problems)
    return loaded.exit_code


def _diff(args: argparse.Namespace) -> int:
    sides: list[tuple[Service, dict[str, Any], list[Problem]]] = []
    renamed: dict[str, str] = {}  # staff ids the newer side (an ASC-WDS file) changes
    store: Store | None = None
    try:
        for spec in (args.a, args.b):
            if spec.isdigit():
                store = store or Store.open()
                snap = store.load(int(spec))
                sides.append((snap.service, {"snapshot": dump(snap.info)}, []))
                continue
            loaded = load_service(spec)
            if loaded.service is None:
                return unusable(loaded.unusable, loaded.problems, args.json)
            sides.append((loaded.service, {"file": spec}, loaded.problems))
            renamed = loaded.renamed
    finally:
        if store:
            store.close()
    (a, a_ref, a_problems), (b, b_ref, b_problems) = sides
    d = diff_services(a, b, renamed if sides[1][1].get("file") else None)
    moves = headline_movement(analyse(a), analyse(b))
    problems = a_problems + b_problems
    if args.json:
        out = {
            "a": a_ref,
            "b": b_ref,
            "diff": _diff_json(d),
            "headlines": [dump(m) for m in moves],
            "problems": [dump(p) for p in problems],
        }
        emit(out)
    else:
        _print_diff(d)
        print("Headline figures (each side analysed on its own as-of date):")
        print("\n".join(movement_lines(moves)))
        print_problems(problems)
    return 1 if any(p.severity == "error" for p in problems) else 0


def _audit(args: argparse.Namespace) -> int:
    with Store.open() as store:
        entries = store.audit_log(args.service, limit=args.limit)
    if args.json:
        emit({"entries": [dump(e) for e in entries]})
        return 0
    for e in entries:
        print(f"{e.at:%Y-%m-%d %H:%M} UTC  {e.action:<7} {e.actor}: {e.detail}")
    if not entries:
        print("The audit log is empty.")
    return 0


def _diff_json(d: ServiceDiff) -> dict[str, Any]:
    return {
        "counts": d.counts(),
        **d.model_dump(mode="json"),
        "level_changes": [dump(c) for c in d.level_changes()],
        "credential_changes": [dump(c) for c in d.credential_changes()],
        "team_moves": [dump(m) for m in d.team_moves()],
    }


def _print_diff(d: ServiceDiff) -> None:
    if d.is_empty:
        print("  No differences.")
        return
    _section("Joiners", [_who(w) for w in d.joiners])
    _section("Leavers", [_who(w) for w in d.leavers])
    lines = []
    for wc in d.changed:
        lines.append(f"{wc.staff_id} {wc.name}")
        lines += [
            f"    {c.category.value}: {c.field} {_v(c.old)} → {_v(c.new)}" for c in wc.changes
        ]
    _section("Changed", lines, count=len(d.changed))
    _section("Service", [f"{c.field} {_v(c.old)} → {_v(c.new)}" for c in d.service_changes])
    _section("Teams added", [f"{t.name} ({t.kind})" for t in d.teams_added])
    _section("Teams removed", [f"{t.name} ({t.kind})" for t in d.teams_removed])
    _section("Teams changed", [f"{t.name}: {t.old_kind} → {t.new_kind}" for t in d.teams_changed])


def _section(title: str, lines: list[str], count: int | None = None) -> None:
    if lines:
        print(f"  {title} ({len(lines) if count is None else count}):")
        for line in lines:
            print(f"    {line}")


def _who(w: Worker) -> str:
    return f"{w.staff_id} {w.name} ({w.team}, {w.pcf_level or w.profession.value})"


def _v(value: object) -> str:
    return "(blank)" if value in (None, "", [], {}) else str(value)


def _line(s: SnapshotInfo) -> str:
    source = f" [{s.source}]" if s.source else ""
    return (
        f"{s.id:>5}  {s.service_name} (service {s.service_id}) #{s.number}  "
        f"{s.created_at:%Y-%m-%d %H:%M} UTC  "
        f"{s.kind} by {s.created_by}{source}: {s.note}  (as of {s.as_of}, {s.headcount} workers, "
        f"{s.amhps} AMHPs)"
    )
