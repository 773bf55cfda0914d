"""Problems a user can cause, as values: where (sheet, row, column), what was seen, and a sentence.

Every check in the planner reports through this one type, so the import screen, the CLI's
`--json` and the problem workbook show the same thing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

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

    def located(self, sheet: str | None, row: int | None) -> Problem:
        return self.model_copy(update={"sheet": sheet, "row": row})


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
