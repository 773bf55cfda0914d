"""The Roster sheet: the roster exactly as `planner export` writes it (same columns, formats and
drop-downs, read from the hidden Lists sheet), by calling the roster export's own sheet writers
rather than a copy of them. Printed, its long cells wrap in rows as tall as their lines (the
export leaves rows one line tall, as HR's own sheets are)."""

from __future__ import annotations

from planner.roster.layout import load_layout
from planner.roster.writing.roster_sheet import column_widths, write_lists, write_roster_sheet
from planner.roster.writing.workbook import ROSTER_SHEET, Formats
from planner.workbooks.plan.printing import set_up_printing, text_height
from planner.workbooks.plan.sheet import Book


def write_roster(book: Book) -> None:
    layout = load_layout()
    ws = book.wb.add_worksheet(ROSTER_SHEET)
    lists_ws = book.wb.add_worksheet("Lists")
    lists = write_lists(lists_ws, book.fmt, layout)
    wrapped = Formats(book.wb, wrapped=True)
    write_roster_sheet(ws, wrapped, layout, book.service, lists, text_height)
    lists_ws.hide()
    widths = column_widths(layout.columns, len(book.service.extra_columns))
    set_up_printing(ws, widths, repeated_columns=2)  # staff id and name on every page across
    ws.repeat_rows(0)
    ws.autofilter(0, 0, len(book.service.workers), len(layout.columns) - 1)
