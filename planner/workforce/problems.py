"""Problems a user can cause, as values: where (sheet, row, column), what was seen, and a sentence.

Every check in the planner reports through this one type, so the import screen, the CLI's
`--json` and the problem workbook show the same thing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning"]


class Problem(BaseModel):
    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str
    message: str
    staff_id: str | None = None
    column: str | None = None
    value: str | None = None
    sheet: str | None = None
    row: int | None = None
    # Which record of the roster (0-based, in the service's order) a cross-record check is about:
    # a staff id can be on several rows, so only this puts the problem on the row that has it.
    position: int | None = Field(default=None, exclude=True)

    def located(self, sheet: str | None, row: int | None) -> Problem:
        return self.model_copy(update={"sheet": sheet, "row": row})


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
