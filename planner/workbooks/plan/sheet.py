"""What every sheet of the succession-plan workbook shares: the book being written and a writer
that lays cells down top to bottom.

The workbook is written with xlsxwriter in constant-memory mode (`planner.roster.writing.workbook`), which
streams each row to disk as soon as a later row is started, so a `Sheet` only ever moves down,
and sizes each row (text longer than its column wraps, the row as tall as its lines) before it
writes it. How each sheet prints is in `printing.py`.
Every text cell goes through the roster export's formula-safe writer (OWASP CSV injection,
data/sources.yaml `owasp-csv-injection`): a name like "=HYPERLINK(...)" lands as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from math import ceil
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner.analysis.report import Report
from planner.reference.framework import load_framework
from planner.roster.safety import starts_like_formula
from planner.roster.values import excel_serial
from planner.roster.writing.workbook import DATE_FORMAT, Formats, text_writer, write_headings
from planner.succession.models import SuccessionPlan
from planner.whatif.projection import Projection
from planner.workbooks.plan.printing import lines, row_height, set_up_printing, text_width
from planner.workbooks.plan.text import READINESS
from planner.workforce.models import Service
from planner.workforce.names import Names

Cell = str | int | float | bool | date | None
MAX_ROW = 1_048_575  # the last row index Excel has
FREEZE_WITHIN = 3  # a main table's headings are frozen when they start this near the top
WRAP_AT = 40  # characters: longer text wraps in a column this wide, unless a sheet says otherwise
HEADING_AT = 20  # a heading longer than its column's values wraps at this width
DATE_WIDTH = 12  # dd/mm/yyyy and a margin: narrower, a printed date shows as ###
DEFAULT_WIDTH = 8.43  # a column nothing was written in
ROW_PX = 20  # a row of the default height (15 pt) in pixels
CHART_FONT_PT = 11  # chart text, as the cells': at least 8.5 pt at the smallest print scale
Size = tuple[float, int]  # a cell's width in characters and its lines wrapped (0: not wrapped)
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
    top: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        add = self.wb.add_format
        self.rag = {k: add({"bg_color": v}) for k, v in RAG_FILLS.items()}
        # Every cell of a row that holds wrapped text starts at the top, beside the lines.
        top = {"valign": "top"}
        self.top = {
            "plain": add(top),
            "quoted": add({**top, "quote_prefix": True}),
            "wrap": add({**top, "text_wrap": True}),
            "wrap_quoted": add({**top, "text_wrap": True, "quote_prefix": True}),
            "date": add({**top, "num_format": DATE_FORMAT}),
            "bold": add({**top, "bold": True}),
        }
        self._names = {w.staff_id: w.name for w in self.service.workers}

    def name(self, staff_id: str) -> str:
        return self._names.get(staff_id, "")

    @cached_property
    def words(self) -> Names:
        """Post keys and function codes in words, people by name with their staff id."""
        return Names.of(self.service, load_framework())

    def sheet(self, title: str, repeated_columns: int = 0, breaks: Sequence[int] = ()) -> Sheet:
        """A new sheet; `repeated_columns` columns print again at the left of every page
        across (the column that says which row is which), and a printed page starts at each
        column in `breaks`."""
        return Sheet(self, self.wb.add_worksheet(title), repeated_columns, breaks)


class Sheet:
    """A worksheet written row by row: titles, label/value pairs and tables."""

    def __init__(
        self, book: Book, ws: Worksheet, repeated_columns: int = 0, breaks: Sequence[int] = ()
    ) -> None:
        self.book, self.ws, self.row = book, ws, 0
        self._text = text_writer(ws, book.fmt)
        self._widths: dict[int, float] = {}
        self._wrap_at: dict[int, int] = {}
        self._repeated, self._breaks = repeated_columns, breaks
        self._heading_row: int | None = None  # printed atop every page

    def wrap_at(self, col: int, width: int) -> None:
        """Text in this column wraps at `width` characters rather than `WRAP_AT`."""
        self._wrap_at[col] = width

    def put(
        self, row: int, col: int, value: Cell, cell_format: Any = None, fit: bool = True
    ) -> None:
        """One cell on one line; `fit=False` lets a title or note run on across empty cells."""
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
            self._widen(col, self._size(col, value)[0])

    def _size(self, col: int, value: Cell) -> Size:
        if value is None or value == "":
            return 0, 0
        if isinstance(value, date):
            return DATE_WIDTH, 0
        if isinstance(value, bool):
            return 5, 0  # Yes or No
        if not isinstance(value, str):
            return len(str(value)) + 2, 0
        cap = self._wrap_at.get(col, WRAP_AT)
        need = ceil(max(text_width(part) for part in value.split("\n"))) + 2
        if need <= cap and "\n" not in value:
            return need, 0
        return cap, lines(value, cap)

    def _widen(self, col: int, width: float) -> None:
        if width > self._widths.get(col, 8):
            self._widths[col] = width

    def _sizes(self, values: Sequence[Cell]) -> list[Size]:
        sizes = [self._size(c, v) for c, v in enumerate(values)]
        for c, (width, _) in enumerate(sizes):
            self._widen(c, width)
        return sizes

    def _write_row(
        self, row: int, values: Sequence[Cell], sizes: Sequence[Size], label: bool = False
    ) -> None:
        """A row of cells; text longer than its column wraps, and the row is as tall as its
        longest text. `label` writes the first cell bold."""
        tall = max((n for _, n in sizes), default=0)
        if not tall:
            bold = self.book.fmt.bold if label else None
            for c, value in enumerate(values):
                self.put(row, c, value, bold if c == 0 else None, fit=False)
            return
        if tall > 1:
            self.ws.set_row(row, row_height(tall))
        top = self.book.top
        for c, value in enumerate(values):
            if isinstance(value, str) and value:
                quoted = starts_like_formula(value)
                if sizes[c][1]:
                    fmt = top["wrap_quoted" if quoted else "wrap"]
                else:
                    fmt = top["quoted" if quoted else ("bold" if label and c == 0 else "plain")]
                self.ws.write_string(row, c, value, fmt)
            elif isinstance(value, date) and (serial := excel_serial(value)) is not None:
                self.ws.write_number(row, c, serial, top["date"])
            else:
                self.put(row, c, value, top["plain"], fit=False)

    def title(self, text: str) -> None:
        self.put(self.row, 0, text, self.book.fmt.title, fit=False)  # may run on across
        self.row += 2

    def heading(self, text: str) -> None:
        self.put(self.row, 0, text, self.book.fmt.bold, fit=False)
        self.row += 1

    def note(self, text: str) -> None:
        """A line of text that runs on across the empty cells beside it."""
        self.put(self.row, 0, text, fit=False)
        self.row += 1

    def pairs(self, items: Sequence[tuple[str, Cell]]) -> None:
        """Label and value on each row."""
        for label, value in items:
            self._write_row(self.row, [label, value], self._sizes([label, value]), label=True)
            self.row += 1
        self.row += 1

    def reserve(self, height_px: int) -> int:
        """Leave rows free for a chart this tall; the row it starts at."""
        at = self.row
        self.row += ceil(height_px / ROW_PX) + 1
        return at

    def table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        main: bool = False,
        rag: Sequence[int] = (),
    ) -> tuple[int, int]:
        """A table with styled headings; the main table of a sheet is frozen and filtered, and
        its headings are printed atop every page when it is the last table. Returns the first
        and last data rows (last < first when there are none)."""
        top = self.row
        # Every row is sized first, so the heading row knows how wide its columns will be.
        sizes = [self._sizes(values) for values in rows]
        heading_lines = 1
        for col, h in enumerate(headings):
            self._widen(col, min(ceil(text_width(h)) + 2, HEADING_AT))
            heading_lines = max(heading_lines, lines(h, self._widths.get(col, 8)))
        if heading_lines > 1:
            self.ws.set_row(top, row_height(heading_lines))
        write_headings(self.ws, self.book.fmt, headings, top)
        write = self._write_row
        for r, (values, size) in enumerate(zip(rows, sizes, strict=True), start=top + 1):
            write(r, values, size)
        first, last = top + 1, top + len(rows)
        if main:
            self.ws.autofilter(top, 0, max(last, top), len(headings) - 1)
            # Freezing headings far down the sheet would pin most of the screen: keep the title.
            frozen = top if top <= FREEZE_WITHIN else 0
            self.ws.freeze_panes(frozen + 1, 0)
        # Its headings are printed atop every page, unless another table follows: its rows
        # would be printed under the wrong headings.
        self._heading_row = top if main else None
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
        """Column widths, and the print set-up they call for."""
        for col, width in self._widths.items():
            self.ws.set_column(col, col, width)
        columns = max(self._widths, default=-1) + 1
        widths = [self._widths.get(c, DEFAULT_WIDTH) for c in range(columns)]
        set_up_printing(self.ws, widths, self._repeated, self._breaks)
        if self._heading_row is not None:
            self.ws.repeat_rows(self._heading_row)


def month_axes(chart: Any, months_apart: int) -> None:
    """A chart of AMHPs by month: months on the x axis as "Nov 26" (not date serials), one
    label every `months_apart` months, AMHPs up from 0, and text that stays readable printed
    at the sheet's scale."""
    font = {"size": CHART_FONT_PT}
    chart.set_x_axis(
        {
            "name": "Month",
            "date_axis": True,
            "num_format": "mmm yy",
            "major_unit": months_apart,
            "major_unit_type": "months",
            "num_font": font,
            "name_font": font,
        }
    )
    chart.set_y_axis({"name": "AMHPs", "min": 0, "num_font": font, "name_font": font})
    chart.set_legend({"position": "bottom", "font": font})
