"""Whether a save may remove people: the guard that keeps one click from losing a service.

An import of nobody is never saved (an upload whose rows all failed is not a service that
emptied). A save that removes more than `save_confirm_leaving_share` of the people in the latest
snapshot, or that removes anyone and leaves fewer than `save_confirm_below_workers`, goes ahead
only when the person saving confirms how many leave. Both numbers are policy values with
`check: true` (our defaults, not published rules).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.reference.policy import Policy
from planner.store.records import Preview

Verdict = Literal["ok", "confirm", "refused"]


class Removal(BaseModel):
    model_config = ConfigDict(frozen=True)

    before: int  # people in the latest snapshot
    after: int  # people the save would leave
    leaving: int
    verdict: Verdict
    sentence: str  # what the person saving is told, in full


def removal_check(preview: Preview, policy: Policy) -> Removal:
    before = preview.base.headcount if preview.base else 0
    after = len(preview.incoming.workers)
    leaving = len(preview.diff.leavers)
    name = preview.incoming.name
    if after == 0:
        return Removal(
            before=before,
            after=0,
            leaving=leaving,
            verdict="refused",
            sentence=f"This would save {name} with nobody in it, so it is not saved. If every "
            "row of the file was left out, fix the problems listed and upload it again.",
        )
    many = leaving > policy.save_confirm_leaving_share * before
    few = leaving > 0 and after < policy.save_confirm_below_workers
    if not (many or few):
        return Removal(before=before, after=after, leaving=leaving, verdict="ok", sentence="")
    share = f" ({leaving / before:.0%})" if before else ""
    return Removal(
        before=before,
        after=after,
        leaving=leaving,
        verdict="confirm",
        sentence=f"Saving would remove {leaving} of {before} people{share} from {name}, "
        f"leaving {after}. Confirm that {leaving} people leave to go ahead.",
    )


def refusal(check: Removal, leavers_confirmed: int) -> str | None:
    """Why the save may not go ahead with this confirmation, or None when it may."""
    if check.verdict == "refused":
        return check.sentence
    if check.verdict == "confirm" and leavers_confirmed != check.leaving:
        return check.sentence
    return None
