"""Cell writers for the workbooks we write: formats, and text that can never run as a formula.

Every text cell goes through `text_writer` (or `safe_text` for our own labels), which writes text
that starts like a formula (`safety.starts_like_formula`: a sign, plain or full-width, first or
after spaces and separators) as a string with Excel's quote-prefix style, so it shows and stays
as typed and never runs (OWASP CSV injection, data/sources.yaml `owasp-csv-injection`).

Text longer than a cell holds is never cut quietly, as xlsxwriter would: an export refuses with
`TextTooLong`, naming the cell. The problem report, whose rows carry the problem that says the
text is too long, shows as much of it as a cell holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner.roster.safety import starts_like_formula
from planner.roster.values import CELL_CHARS, exact_number, excel_serial

DATE_FORMAT = "dd/mm/yyyy"
MAX_ROW = 1_048_575  # last row index Excel has
Target = Path | IO[bytes]
Put = Callable[[int, int, Any], None]


class TextTooLong(OSError):
    """Text longer than a spreadsheet cell holds: the workbook is not written, rather than the
    text cut (an OSError, like a full disk: the file cannot be written as asked)."""

    def __init__(self, ws: Worksheet, row: int, col: int, length: int) -> None:
        super().__init__(
            f"Cell {xl_rowcol_to_cell(row, col)} of the {ws.name} sheet would hold {length:,} "
            f"characters; a spreadsheet cell holds at most {CELL_CHARS:,}, so the workbook was "
            "not written rather than the text cut short. Shorten that text and try again."
        )


class Formats:
    """The formats of a workbook's cells. `wrapped` is for a sheet that is printed: text longer
    than its column wraps and every cell starts at the top of its row; `cell` is then the
    format of a column's cells (None otherwise: the default)."""

    def __init__(self, wb: Workbook, wrapped: bool = False) -> None:
        heading = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        body = {"text_wrap": True, "valign": "top"} if wrapped else {}
        self.header = wb.add_format(heading)
        self.header_quoted = wb.add_format({**heading, "quote_prefix": True})
        self.cell = wb.add_format(body) if wrapped else None
        self.date = wb.add_format({**body, "num_format": DATE_FORMAT})
        self.quoted = wb.add_format({**body, "quote_prefix": True})
        self.share = wb.add_format({**body, "num_format": "0.0#"})
        self.percent = wb.add_format({"num_format": "0%"})
        self.text = wb.add_format({"num_format": "@"})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.bold = wb.add_format({"bold": True})
        self.problem = wb.add_format({"bg_color": "#FCE4D6"})
        self.problem_text = wb.add_format(
            {"bg_color": "#FCE4D6", "text_wrap": True, "valign": "top"}
        )


def new_workbook(target: Target) -> Workbook:
    options = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    return xlsxwriter.Workbook(target, {**options, "in_memory": False})


def text_writer(ws: Worksheet, fmt: Formats, *, cut: bool = False) -> Put:
    """Write a string cell; text that starts like a formula gets the quote-prefix style. Text too
    long for a cell raises `TextTooLong`, or with `cut` (for a report that says so) is cut."""
    write = ws.write_string
    quoted = fmt.quoted

    def put(row: int, col: int, value: str) -> None:
        if len(value) > CELL_CHARS:
            if not cut:
                raise TextTooLong(ws, row, col, len(value))
            value = value[:CELL_CHARS]
        if starts_like_formula(value):
            write(row, col, value, quoted)
        else:
            write(row, col, value)

    return put


def number_writer(ws: Worksheet, put_text: Put, cell_format: Any) -> Put:
    write = ws.write_number

    def put(row: int, col: int, value: float) -> None:
        if exact_number(value):
            write(row, col, value, cell_format)
        else:  # the workbook keeps 16 digits: text keeps every digit
            put_text(row, col, repr(value))

    return put


def date_writer(ws: Worksheet, put_text: Put, fmt: Formats) -> Put:
    write, date_format = ws.write_number, fmt.date

    def put(row: int, col: int, value: date) -> None:
        serial = excel_serial(value)
        if serial is None:  # before March 1900 Excel cannot hold a date
            put_text(row, col, value.isoformat())
        else:
            write(row, col, serial, date_format)

    return put


def safe_text(
    ws: Worksheet, fmt: Formats, row: int, col: int, text: str, cell_format: Any = None
) -> None:
    """A string cell from our own data, held to the same rules as HR's: never a formula, never
    cut."""
    if len(text) > CELL_CHARS:
        raise TextTooLong(ws, row, col, len(text))
    if starts_like_formula(text):
        ws.write_string(row, col, text, fmt.quoted)
    else:
        ws.write_string(row, col, text, cell_format)


def mapped(put_text: Put, convert: Callable[[Any], str]) -> Put:
    def put(row: int, col: int, value: Any) -> None:
        text = convert(value)
        if text:
            put_text(row, col, text)

    return put


def write_headings(ws: Worksheet, fmt: Formats, headings: Sequence[str], row: int = 0) -> None:
    for col, heading in enumerate(headings):
        if len(heading) > CELL_CHARS:
            raise TextTooLong(ws, row, col, len(heading))
        quoted = starts_like_formula(heading)
        ws.write_string(row, col, heading, fmt.header_quoted if quoted else fmt.header)


def raw_writer(
    ws: Worksheet, fmt: Formats, *, cut: bool = False
) -> Callable[[int, int, Any, Any], None]:
    """Write a cell as a reader gave it, keeping its type; text always safe, and too long for a
    cell raising `TextTooLong` or, with `cut`, cut (see `text_writer`)."""
    put_text = text_writer(ws, fmt, cut=cut)

    def put(row: int, col: int, value: Any, cell_format: Any = None) -> None:
        cls = value.__class__
        if cls is str:
            if value == "":
                if cell_format is not None:
                    ws.write_blank(row, col, None, cell_format)
            elif (
                cell_format is not None
                and len(value) <= CELL_CHARS
                and not starts_like_formula(value)
            ):
                ws.write_string(row, col, value, cell_format)
            else:
                put_text(row, col, value)
        elif cls is bool:
            ws.write_boolean(row, col, value, cell_format)
        elif cls is float or cls is int:
            ws.write_number(row, col, value, cell_format)
        elif cls is date or cls is datetime:
            day = value.date() if cls is datetime else value
            serial = excel_serial(day)
            if serial is None:
                put_text(row, col, value.isoformat())
            else:
                ws.write_number(row, col, serial + _day_fraction(value), fmt.date)
        elif cls is time or cls is timedelta:
            put_text(row, col, str(value))
        else:
            put_text(row, col, str(value))

    return put


def _day_fraction(value: date | datetime) -> float:
    if isinstance(value, datetime):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return 0.0
