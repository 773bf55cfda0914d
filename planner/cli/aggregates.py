"""What commissioners receive: `planner aggregates` (a file of any SERVICE, through the
disclosure gate), `planner publish` (this quarter's release from the latest snapshot of a
stored service) and `planner releases` (the releases published); and `planner rotate-key`
(a new pseudonym key). Every file and release is noted in the audit log.
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any

from planner.cli.output import (
    UNUSABLE,
    add_command,
    dump,
    emit,
    err,
    json_arg,
    load_or_say,
    out_path,
)

FORMATS = (".xlsx", ".json")


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "aggregates",
        _aggregates,
        "the commissioner's aggregates: no names or staff ids, small counts suppressed",
        "Write what a commissioner may see of a service: AMHP sufficiency, the "
        "rota, the horizon and coverage, as aggregates that pass the disclosure gate (counts "
        "below the policy's disclosure threshold suppressed, and further figures until no "
        "hidden count can be narrowed below the threshold), to an Excel workbook or JSON. The "
        "export is noted in the audit log, and audited beside the service's newest release (so "
        "the two do not place one person's change). SERVICE is 'demo', a .json service, or an "
        ".xlsx/.csv roster. To share figures regularly, publish a release instead "
        "(`planner publish`).",
        reads_service=True,
        writes="the file to write (.xlsx or .json)",
    )
    p.add_argument("--by", default=None, help="who is exporting (default: your login name)")
    p = add_command(
        sub,
        "publish",
        _publish,
        "publish this quarter's release for commissioners",
        "Publish the commissioners' release for this calendar quarter from the latest "
        "snapshot of a stored service: the aggregates of `planner aggregates`, kept unchanged. "
        "Commissioners see only the newest release, never a snapshot, and a quarter has at "
        "most one release, so two releases cannot be compared to single out one person's change.",
    )
    p.add_argument("--service", type=int, metavar="ID", help="the service (default: the first)")
    p.add_argument("--by", default=None, help="who is publishing (default: your login name)")
    json_arg(p)
    p = add_command(
        sub,
        "releases",
        _releases,
        "list the releases published for commissioners",
        "List the commissioners' releases of a stored service: quarter, when, who published "
        "it and from which snapshot.",
    )
    p.add_argument("--service", type=int, metavar="ID", help="the service (default: the first)")
    json_arg(p)
    p = add_command(
        sub,
        "rotate-key",
        _rotate_key,
        "replace the pseudonym key",
        "Replace the pseudonym key (kept outside the database, in an owner-only file under "
        "the planner's config folder, or PLANNER_PSEUDONYM_KEY). Pseudonyms in files made "
        "before can then no longer be linked to anyone. Prints where the key is, never the key.",
    )
    json_arg(p)


def _rotate_key(args: argparse.Namespace) -> int:
    from planner.store.secrets import rotate_pseudonym_key
    from planner.store.snapshots import StoreError

    try:
        path = rotate_pseudonym_key()
    except (StoreError, OSError) as exc:
        err(str(exc))
        return UNUSABLE
    if args.json:
        emit({"rotated": str(path)})
    else:
        err(f"A new pseudonym key is in {path} (readable by you only).")
    return 0


def _aggregates(args: argparse.Namespace) -> int:
    from planner.disclosure.aggregates import commissioner_json
    from planner.disclosure.suppression import DisclosureError
    from planner.present.releases import commissioner_view_of, previous_release
    from planner.reference.policy import default_policy
    from planner.store.secrets import record_export
    from planner.store.snapshots import Store, StoreError
    from planner.workbooks.commissioner import write_commissioner_workbook

    out = out_path(args.out, FORMATS, "write the aggregates to .xlsx or .json")
    if out is None:
        return UNUSABLE
    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    service = loaded.service
    if args.as_of is not None:
        service = service.model_copy(update={"as_of": args.as_of})
    try:
        # audited beside the service's newest release, as the next release would be
        with Store.open() as store:
            sid = store.find_service(service.name)
            previous = previous_release(store, sid) if sid is not None else None
        view = commissioner_view_of(service, default_policy(), previous)
    except (DisclosureError, StoreError) as exc:
        err(str(exc))
        return UNUSABLE
    try:
        if out.suffix.lower() == ".json":
            out.write_text(commissioner_json(view), encoding="utf-8")
        else:
            write_commissioner_workbook(view, out)
        with Store.open() as store:
            what = f"commissioner aggregates ({out.suffix.lower()[1:]})"
            record_export(
                store, args.by or getpass.getuser(), what, store.find_service(view.service)
            )
    except StoreError as exc:
        err(str(exc))
        return UNUSABLE
    except OSError as exc:
        err(f"{out}: could not be written ({exc.strerror})")
        return UNUSABLE
    if args.json:
        print(json.dumps({"written": str(out), "service": view.service}, indent=2))
    else:
        err(f"Wrote the commissioner's aggregates for {view.service} to {out}")
    return loaded.exit_code


def _service_id(store: Any, given: int | None) -> int | None:
    if given is not None:
        return given
    ids = [s.id for s in store.services() if s.snapshots]
    return ids[0] if ids else None


def _publish(args: argparse.Namespace) -> int:
    from planner.disclosure.suppression import DisclosureError
    from planner.present.releases import publish_latest
    from planner.store.snapshots import Store, StoreError

    try:
        with Store.open() as store:
            sid = _service_id(store, args.service)
            if sid is None:
                err("The database holds no service to publish: save one first (`planner save`).")
                return UNUSABLE
            info = publish_latest(store, sid, by=args.by or getpass.getuser())
    except (StoreError, DisclosureError) as exc:
        err(str(exc))
        return UNUSABLE
    if args.json:
        emit(dump(info))
    else:
        err(
            f"Published the {info.period} release of service {info.service_id} from snapshot "
            f"{info.snapshot_id}."
        )
    return 0


def _releases(args: argparse.Namespace) -> int:
    from planner.store.releases import list_releases
    from planner.store.snapshots import Store, StoreError

    try:
        with Store.open() as store:
            sid = _service_id(store, args.service)
            found = [] if sid is None else list_releases(store, sid)
    except StoreError as exc:
        err(str(exc))
        return UNUSABLE
    if args.json:
        emit([dump(r) for r in found])
        return 0
    if not found:
        err("No release has been published (`planner publish`).")
    for r in found:
        print(
            f"{r.period}  {r.published_at:%d/%m/%Y %H:%M} UTC  {r.published_by}  "
            f"snapshot {r.snapshot_id}"
        )
    return 0
