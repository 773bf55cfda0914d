"""`planner aggregates SERVICE --out F.xlsx|F.json [--by NAME]`: the commissioner's aggregates.

The same view the AMHP page downloads: aggregate AMHP and coverage figures, small counts
suppressed, approval expiry months under pseudonyms keyed by the database's pseudonym key (or
`PLANNER_PSEUDONYM_KEY`). Each export is noted in the audit log.
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any

from planner.cli.output import (
    UNUSABLE,
    add_command,
    err,
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
        "rota, the horizon and coverage, as aggregates with counts below the policy's "
        "disclosure threshold suppressed, to an Excel workbook or JSON. The export is noted "
        "in the audit log. SERVICE is 'demo', a .json service, or an .xlsx/.csv roster.",
        reads_service=True,
        writes="the file to write (.xlsx or .json)",
    )
    p.add_argument("--by", default=None, help="who is exporting (default: your login name)")


def _aggregates(args: argparse.Namespace) -> int:
    from planner.analysis.report import analyse
    from planner.disclosure.aggregates import CommissionerView, commissioner_json
    from planner.disclosure.roles import view_for
    from planner.reference.policy import default_policy
    from planner.store.secrets import pseudonym_key, record_export
    from planner.store.snapshots import Store, StoreError
    from planner.workbooks.commissioner import write_commissioner_workbook

    out = out_path(args.out, FORMATS, "write the aggregates to .xlsx or .json")
    if out is None:
        return UNUSABLE
    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    policy = default_policy()
    report = analyse(loaded.service, policy, args.as_of)
    try:
        with Store.open() as store:
            view = view_for("commissioner", loaded.service, report, policy, pseudonym_key(store))
            assert isinstance(view, CommissionerView)
            if out.suffix.lower() == ".json":
                out.write_text(commissioner_json(view), encoding="utf-8")
            else:
                write_commissioner_workbook(view, out)
            what = f"commissioner aggregates ({out.suffix.lower()[1:]})"
            record_export(
                store, args.by or getpass.getuser(), what, store.find_service(view.service)
            )
    except StoreError as exc:
        err(str(exc))
        return 2
    except OSError as exc:
        err(f"{out}: could not be written ({exc.strerror})")
        return 2
    if args.json:
        print(json.dumps({"written": str(out), "service": view.service}, indent=2))
    else:
        err(f"Wrote the commissioner's aggregates for {view.service} to {out}")
    return loaded.exit_code
