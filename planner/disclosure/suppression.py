"""Small-number suppression for what commissioners see (statistical disclosure control).

A count of people below the policy `disclosure_threshold` could single someone out ("the one
AMHP aged 60 or over in North CMHT"), so it is shown as "fewer than N" (primary suppression).
Where cells add up to a total the reader also sees, one hidden cell could be worked out by
subtraction, so further cells are withheld (secondary suppression) until no hidden cell can be
pinned to one value from what is shown. This follows the usual practice of official statistics
(ONS, "Disclosure control guidance for tables"): primary cells are the small ones, secondary
cells the smallest others; the check is on the feasible range of each hidden cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_serializer

Reason = Literal["small", "withheld"]


class Suppressed(BaseModel):
    """A count not shown: `small` (below the threshold) or `withheld` (protects a small one)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    threshold: int
    reason: Reason = "small"

    def __str__(self) -> str:
        return f"fewer than {self.threshold}" if self.reason == "small" else "withheld"

    @model_serializer
    def _text(self) -> str:
        return str(self)


Count = int | Suppressed


def shown(value: Count) -> int | str:
    """A count as a table or JSON reader sees it."""
    return value if isinstance(value, int) else str(value)


def count(value: int, threshold: int) -> Count:
    """A single figure: hidden when it is between 1 and threshold - 1 (zero names nobody)."""
    return Suppressed(threshold=threshold) if 0 < value < threshold else value


def partition(cells: Mapping[str, int], threshold: int) -> dict[str, Count]:
    """Cells that add up to a total the reader knows, with small ones hidden and enough others
    withheld that no hidden cell can be worked out from the total."""
    hidden: dict[str, Reason] = {k: "small" for k, v in cells.items() if 0 < v < threshold}
    if hidden:
        # nonzero cells first, smallest first: they hide the least
        others = sorted(
            (k for k in cells if k not in hidden), key=lambda k: (cells[k] == 0, cells[k])
        )
        while not protected(cells, hidden, threshold) and others:
            hidden[others.pop(0)] = "withheld"
        if not protected(cells, hidden, threshold):
            hidden = dict.fromkeys(hidden, "withheld")
    return {
        k: Suppressed(threshold=threshold, reason=hidden[k]) if k in hidden else v
        for k, v in cells.items()
    }


def _bounds(reason: Reason, threshold: int, total: int) -> tuple[int, int]:
    return (1, threshold - 1) if reason == "small" else (0, total)


def protected(cells: Mapping[str, int], hidden: Mapping[str, Reason], threshold: int) -> bool:
    """True when every hidden cell has at least two values consistent with what is shown."""
    if not hidden:
        return True
    rest = sum(cells[k] for k in hidden)  # the total less the cells shown
    ranges = {k: _bounds(r, threshold, rest) for k, r in hidden.items()}
    low_sum = sum(lo for lo, _ in ranges.values())
    high_sum = sum(hi for _, hi in ranges.values())
    for lo, hi in ranges.values():
        least = max(lo, rest - (high_sum - hi))
        most = min(hi, rest - (low_sum - lo))
        if most <= least:
            return False
    return True
