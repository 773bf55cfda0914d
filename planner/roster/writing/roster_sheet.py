"""The Roster sheet of the template and the export: headings, typed cells and drop-downs.

The hidden *Lists* sheet holds what the drop-downs offer. Rows are written with one writer per
column, chosen once by the column's kind, because an export can hold 100,000 people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from planner.reference.framework import load_framework
from planner.roster.layout import Column, Layout
from planner.roster.values import domain_levels_text, posts_text, role_functions_text
from planner.roster.writing.cell_writers import (
    MAX_ROW,
    Formats,
    Put,
    date_writer,
    mapped,
    number_writer,
    safe_text,
    text_writer,
    write_headings,
)
from planner.workforce.models import Service

ROSTER_SHEET = "Roster"
TextHeight = Callable[[str, float], float]  # points text stands wrapped in a column this wide
TEMPLATE_ROWS = 1000  # rows of an empty template that carry the date formats


def column_writers(ws: Worksheet, fmt: Formats, layout: Layout, put_text: Put) -> list[Put]:
    fw = load_framework()
    labels = {
        "profession": {v: c.label for v, c in layout.spec.choices["profession"].items()},
        "contract": {v: c.label for v, c in layout.spec.choices["contract"].items()},
        "level": {lv.id: lv.name for lv in fw.levels},
    }
    yes, no = (layout.choice_label("yes_no", v) for v in ("yes", "no"))
    by_kind: dict[str, Put] = {
        "text": mapped(put_text, str),
        "profession": mapped(put_text, lambda v: labels["profession"][v.value]),
        "contract": mapped(put_text, lambda v: labels["contract"][v.value]),
        "level": mapped(put_text, labels["level"].__getitem__),
        "share": number_writer(ws, put_text, fmt.share),
        "number": number_writer(ws, put_text, None),
        "year": ws.write_number,
        "stage": ws.write_number,
        "date": date_writer(ws, put_text, fmt),
        "domain_levels": mapped(put_text, domain_levels_text),
        "role_functions": mapped(put_text, role_functions_text),
        "posts": mapped(put_text, posts_text),
        "yes_no": mapped(put_text, lambda v: yes if v else no),
    }
    return [by_kind[c.kind] for c in layout.columns]


def write_roster_sheet(
    ws: Worksheet,
    fmt: Formats,
    layout: Layout,
    service: Service | None,
    lists: dict[str, str],
    text_height: TextHeight | None = None,
) -> None:
    """The Roster sheet. With `text_height` (the plan workbook, which is printed, with
    `Formats(wb, wrapped=True)`) each row is as tall as its longest text wrapped in its column,
    so no cell is cut: neither program works out a row's height when it opens a file."""
    extra = service.extra_columns if service else ()
    headings = [c.header for c in layout.columns] + list(extra)
    widths = column_widths(layout.columns, len(extra))
    _layout_columns(ws, fmt, layout.columns, len(extra))
    ws.freeze_panes(1, 2)
    write_headings(ws, fmt, headings)
    _validations(ws, layout, lists)
    heights: list[float] = []  # of the texts of the row being written
    put_text = text_writer(ws, fmt)
    if text_height is not None:
        put_text = _measuring(put_text, widths, text_height, heights)
        _tall_enough(ws, 0, [text_height(h, w) for h, w in zip(headings, widths, strict=True)])
    if service is None:
        return
    writers = list(
        zip(
            range(len(layout.columns)),
            [c.field for c in layout.columns],
            column_writers(ws, fmt, layout, put_text),
            strict=True,
        )
    )
    first_extra = len(layout.columns)
    for row, worker in enumerate(service.workers, start=1):
        values = worker.__dict__
        for col, name, put in writers:
            value = values[name]
            if value is not None and value != "" and value != () and value != {}:
                put(row, col, value)
        if worker.extra:
            for col, key in enumerate(extra, start=first_extra):
                text = worker.extra.get(key)
                if text:
                    put_text(row, col, text)
        if heights:
            _tall_enough(ws, row, heights)
            heights.clear()


def _measuring(
    put_text: Put, widths: Sequence[float], text_height: TextHeight, heights: list[float]
) -> Put:
    """`put_text`, noting in `heights` how tall each text it writes stands wrapped."""

    def put(row: int, col: int, value: str) -> None:
        put_text(row, col, value)
        heights.append(text_height(value, widths[col]))

    return put


def _tall_enough(ws: Worksheet, row: int, heights: Sequence[float]) -> None:
    """The row as tall as the tallest of these, when that is taller than a row of one line.
    In constant-memory mode a row is written out when the next is started, so the row just
    written can still be given its height."""
    tallest = max(heights, default=0.0)
    if tallest > ws.default_row_height:
        ws.set_row(row, tallest)


KIND_WIDTHS = {
    "text": 18,
    "date": 12,
    "share": 8,
    "level": 26,
    "domain_levels": 28,
    "role_functions": 28,
    "posts": 26,
}
EXTRA_WIDTH = 16  # HR's own columns after ours


def column_widths(columns: Sequence[Column], n_extra: int) -> list[int]:
    """The width of each column of the Roster sheet, in characters, HR's own columns last."""
    ours = [max(KIND_WIDTHS.get(c.kind, 14), min(len(c.header) + 2, 30)) for c in columns]
    return ours + [EXTRA_WIDTH] * n_extra


def _layout_columns(ws: Worksheet, fmt: Formats, columns: Sequence[Column], n_extra: int) -> None:
    for col, width in enumerate(column_widths(columns, 0)):
        cell_format = fmt.date if columns[col].kind == "date" else fmt.cell
        ws.set_column(col, col, width, cell_format)
    if n_extra:
        ws.set_column(len(columns), len(columns) + n_extra - 1, EXTRA_WIDTH, fmt.cell)


def _validations(ws: Worksheet, layout: Layout, lists: dict[str, str]) -> None:
    """Drop-downs for the choice columns; multi-valued columns accept typed lists too."""
    for col, spec in enumerate(layout.columns):
        source = lists.get(spec.kind)
        if spec.kind == "date":
            ws.data_validation(
                1,
                col,
                MAX_ROW,
                col,
                {
                    "validate": "date",
                    "criteria": ">",
                    "value": date(1900, 3, 1),
                    "input_title": spec.header[:32],
                    "input_message": "A date, e.g. 31/01/2024",
                    "error_type": "warning",
                },
            )
        elif spec.kind == "share":
            ws.data_validation(
                1,
                col,
                MAX_ROW,
                col,
                {
                    "validate": "decimal",
                    "criteria": "between",
                    "minimum": 0,
                    "maximum": 1,
                    "input_title": spec.header[:32],
                    "input_message": "0.6 or 60%",
                    "error_type": "warning",
                },
            )
        elif source:
            multi = spec.kind in ("role_functions", "posts")
            ws.data_validation(
                1,
                col,
                MAX_ROW,
                col,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": "information" if multi else "stop",
                    "error_title": spec.header[:32],
                    "error_message": (
                        "Pick from the list; for several, separate them with semicolons."
                        if multi
                        else "Pick a value from the list (see the Notes sheet)."
                    ),
                },
            )


def write_lists(ws: Worksheet, fmt: Formats, layout: Layout) -> dict[str, str]:
    """The hidden lists the drop-downs read, and the range of each as a validation source."""
    fw = load_framework()
    columns = {
        "level": [lv.name for lv in fw.levels],
        "contract": [c.label for c in layout.spec.choices["contract"].values()],
        "profession": [c.label for c in layout.spec.choices["profession"].values()],
        "yes_no": [c.label for c in layout.spec.choices["yes_no"].values()],
        "role_functions": list(fw.function_codes()),
        "posts": [p.name for p in fw.posts],
        "team_kind": [c.label for c in layout.spec.choices["team_kind"].values()],
        "stage": ["1", "2"],
    }
    sources = {}
    for col, (name, values) in enumerate(columns.items()):
        safe_text(ws, fmt, 0, col, name, fmt.bold)
        letter = xlsxwriter.utility.xl_col_to_name(col)
        sources[name] = f"=Lists!${letter}$2:${letter}${len(values) + 1}"
    for row in range(max(len(v) for v in columns.values())):
        for col, values in enumerate(columns.values()):
            if row < len(values):
                safe_text(ws, fmt, row + 1, col, values[row])
    return sources
