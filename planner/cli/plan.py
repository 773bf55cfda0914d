"""`planner plan SERVICE --out F.xlsx [--as-of D] [--json]`: the succession-plan workbook.

Writes the workbook and prints a short summary, or with `--json` the plan in brief: each
position with its incumbent, risk and successors (readiness and gaps), the AMHP pipeline and the
findings. Exit codes follow the command-line contract: 0, 1 when the input had problems (the plan
is still written), 2 when the input or the output file could not be used.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from xlsxwriter.exceptions import FileCreateError

from planner.cli.output import (
    UNUSABLE,
    add_command,
    err,
    load_or_say,
    out_path,
)
from planner.succession.models import SuccessionPlan
from planner.workbooks.plan.text import READINESS, gaps_text


def register(sub: Any) -> None:
    add_command(
        sub,
        "plan",
        _plan,
        "write the succession-plan workbook",
        "Plan SERVICE's succession (critical posts and sole-cover functions, their "
        "risk, successors with readiness and gaps, development actions, the AMHP pipeline) and "
        "write it as an Excel workbook with the analysis, the roster and every source. "
        "SERVICE is 'demo', a .json service, or an .xlsx/.csv roster.",
        reads_service=True,
        writes="the workbook to write (.xlsx)",
    )


def _plan(args: argparse.Namespace) -> int:
    from planner.workbooks.plan import write_plan_workbook

    out = out_path(args.out, (".xlsx",), "the plan is an Excel workbook; name it .xlsx")
    if out is None:
        return UNUSABLE
    loaded = load_or_say(args)
    if loaded is None or loaded.service is None:
        return UNUSABLE
    try:
        plan = write_plan_workbook(loaded.service, None, args.as_of, out)
    except (OSError, FileCreateError) as exc:
        cause = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else exc
        err(f"{out}: could not be written ({getattr(cause, 'strerror', None) or cause})")
        return 2
    if args.json:
        data = plan_summary(plan)
        data["problems"] = [p.model_dump(mode="json") for p in loaded.problems]
        print(json.dumps(data, indent=2))
    else:
        open_ = sum(1 for p in plan.positions if not p.successors)
        print(
            f"{len(plan.positions)} critical positions, {open_} with no successor; "
            f"{sum(len(d.actions) for d in plan.development)} development actions."
        )
    err(f"Wrote the succession plan to {out}")
    return loaded.exit_code


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def plan_summary(plan: SuccessionPlan) -> dict[str, Any]:
    """The plan in brief: what `--json` prints (candidates beyond the successors left out)."""
    return {
        "as_of": plan.as_of.isoformat(),
        "horizon_end": plan.horizon_end.isoformat(),
        "positions": [
            {
                "key": p.position.key,
                "name": p.position.name,
                "incumbent": p.position.incumbent,
                "risk": p.position.risk.band,
                "reasons": p.position.risk.reasons,
                "may_reach_pension_age": _day(p.position.risk.may_reach_pension_age),
                "impact": p.position.impact,
                "successors": [
                    {
                        "staff_id": c.staff_id,
                        "readiness": c.readiness,
                        "readiness_label": READINESS[c.readiness],
                        "gaps": gaps_text(c),
                    }
                    for c in p.successors
                ],
            }
            for p in plan.positions
        ],
        "development_actions": sum(len(d.actions) for d in plan.development),
        "amhp_pipeline": plan.amhp.model_dump(mode="json"),
        "findings": [f.model_dump(mode="json") for f in plan.findings],
    }
