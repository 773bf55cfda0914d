"""What every sheet of the succession-plan workbook shares: the book being written and a writer
that lays cells down top to bottom.

The workbook is written with xlsxwriter in constant-memory mode (`planner.roster.writing.workbook`), which
streams each row to disk as soon as a later row is started, so a `Sheet` only ever moves down.
Every text cell goes through the roster export's formula-safe writer (OWASP CSV injection,
data/sources.yaml `owasp-csv-injection`): a name like "=HYPERLINK(...)" lands as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner.analysis.report import Report
from planner.roster.safety import starts_like_formula
from planner.roster.values import excel_serial
from planner.roster.writing.workbook import Formats, text_writer, write_headings
from planner.succession.models import SuccessionPlan
from planner.whatif.projection import Projection
from planner.workbooks.plan.text import READINESS
from planner.workforce.models import Service

Cell = str | int | float | bool | date | None
MAX_ROW = 1_048_575  # the last row index Excel has
FREEZE_WITHIN = 3  # a main table's headings are frozen when they start this near the top
RAG_FILLS = {"red": "#F4B6B6", "amber": "#FFE699", "green": "#C6EFCE"}
# The words a red/amber/green column may hold, from findings, risk bands, post status, readiness.
RAG_WORDS = {
    "red": ("red", "high", "vacant", READINESS["ready_3_plus_years"]),
    "amber": ("amber", "medium", "unqualified", READINESS["ready_1_2_years"]),
    "green": ("green", "low", "filled", READINESS["ready_now"]),
}


@dataclass
class Book:
    """The workbook being written and everything its sheets show."""

    wb: Workbook
    fmt: Formats
    service: Service
    report: Report
    plan: SuccessionPlan
    projection: Projection | None = None
    rag: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rag = {k: self.wb.add_format({"bg_color": v}) for k, v in RAG_FILLS.items()}
        self._names = {w.staff_id: w.name for w in self.service.workers}

    def name(self, staff_id: str) -> str:
        return self._names.get(staff_id, "")

    def sheet(self, title: str) -> Sheet:
        return Sheet(self, self.wb.add_worksheet(title))


class Sheet:
    """A worksheet written row by row: titles, label/value pairs and tables."""

    def __init__(self, book: Book, ws: Worksheet) -> None:
        self.book, self.ws, self.row = book, ws, 0
        self._text = text_writer(ws, book.fmt)
        self._widths: dict[int, int] = {}
        ws.set_landscape()
        ws.fit_to_pages(1, 0)  # one page wide, as many long as it takes
        ws.set_paper(9)  # A4

    def put(
        self, row: int, col: int, value: Cell, cell_format: Any = None, fit: bool = True
    ) -> None:
        if value is None or value == "":
            return
        if isinstance(value, str):
            if cell_format is None or starts_like_formula(value):
                self._text(row, col, value)
            else:
                self.ws.write_string(row, col, value, cell_format)
        elif isinstance(value, bool):
            self.ws.write_string(row, col, "Yes" if value else "No", cell_format)
        elif isinstance(value, int | float):
            self.ws.write_number(row, col, value, cell_format)
        else:
            serial = excel_serial(value)
            if serial is None:
                self._text(row, col, value.isoformat())
            else:
                self.ws.write_number(row, col, serial, self.book.fmt.date)
        if fit:
            self._fit(col, value)

    def _fit(self, col: int, value: Cell) -> None:
        width = 11 if isinstance(value, date) else min(len(str(value)) + 2, 60)
        self._widths[col] = max(self._widths.get(col, 8), width)

    def title(self, text: str) -> None:
        self.put(self.row, 0, text, self.book.fmt.title, fit=False)  # may run on across
        self.row += 2

    def heading(self, text: str) -> None:
        self.put(self.row, 0, text, self.book.fmt.bold, fit=False)
        self.row += 1

    def pairs(self, items: Sequence[tuple[str, Cell]]) -> None:
        """Label and value on each row."""
        for label, value in items:
            self.put(self.row, 0, label, self.book.fmt.bold)
            self.put(self.row, 1, value)
            self.row += 1
        self.row += 1

    def table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        main: bool = False,
        rag: Sequence[int] = (),
    ) -> tuple[int, int]:
        """A table with styled headings; the main table of a sheet is frozen and filtered.
        Returns the first and last data rows (last < first when there are none)."""
        top = self.row
        write_headings(self.ws, self.book.fmt, headings, top)
        for col, h in enumerate(headings):
            self._widths[col] = max(self._widths.get(col, 8), min(len(h) + 2, 40))
        put = self.put
        for r, values in enumerate(rows, start=top + 1):
            for c, value in enumerate(values):
                put(r, c, value)
        first, last = top + 1, top + len(rows)
        if main:
            self.ws.autofilter(top, 0, max(last, top), len(headings) - 1)
            # Freezing headings far down the sheet would pin most of the screen: keep the title.
            frozen = top if top <= FREEZE_WITHIN else 0
            self.ws.freeze_panes(frozen + 1, 0)
            self.ws.repeat_rows(frozen)
        for col in rag:
            self.rag_column(col, first, last)
        self.row = last + 2
        return first, last

    def rag_column(self, col: int, first: int, last: int) -> None:
        """Red, amber and green fills on a column holding the words of `RAG_WORDS`."""
        if last < first:
            return
        for colour, said in RAG_WORDS.items():
            for word in said:
                self.ws.conditional_format(
                    first,
                    col,
                    last,
                    col,
                    {
                        "type": "cell",
                        "criteria": "==",
                        "value": f'"{word}"',
                        "format": self.book.rag[colour],
                    },
                )

    def finish(self) -> None:
        for col, width in self._widths.items():
            self.ws.set_column(col, col, width)
