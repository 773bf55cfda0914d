"""Roster workbooks we write: the template, the export, and the CSV export.

Layout (the template and every export are the same workbook, so an export can be edited and
imported again): *Roster* (one row of headings, one row per person, then HR's own columns),
*Service* (labels and values), *Teams* (Team, Kind), *Notes* (what each column holds) and a hidden
*Lists* sheet feeding the drop-downs. Written with xlsxwriter in constant-memory mode, which
streams rows to disk: the 100,000-row benchmark roster writes in about the time xlsxwriter needs
for the bare values, with formats and drop-downs kept.

Every text cell goes through `_text`, which writes text that starts like a formula as a string
with Excel's quote-prefix style, so it shows and stays as typed and never runs (OWASP CSV
injection, data/sources.yaml `owasp-csv-injection`); CSV cells get a leading apostrophe instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from planner.framework import load_framework
from planner.io.layout import Column, Layout, load_layout
from planner.io.safety import FORMULA_STARTS, csv_safe
from planner.io.values import (
    domain_levels_text,
    exact_number,
    excel_serial,
    number_text,
    posts_text,
    role_functions_text,
    uk_date,
)
from planner.models import Service

ROSTER_SHEET = "Roster"
DATE_FORMAT = "dd/mm/yyyy"
TEMPLATE_ROWS = 1000  # rows of an empty template that carry the date formats
MAX_ROW = 1_048_575  # last row index Excel has
Target = Path | IO[bytes]
Put = Callable[[int, int, Any], None]


class Formats:
    def __init__(self, wb: Workbook) -> None:
        heading = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        self.header = wb.add_format(heading)
        self.header_quoted = wb.add_format({**heading, "quote_prefix": True})
        self.date = wb.add_format({"num_format": DATE_FORMAT})
        self.quoted = wb.add_format({"quote_prefix": True})
        self.share = wb.add_format({"num_format": "0.0#"})
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


def text_writer(ws: Worksheet, fmt: Formats) -> Put:
    """Write a string cell; text that starts like a formula gets the quote-prefix style."""
    write = ws.write_string
    quoted = fmt.quoted

    def put(row: int, col: int, value: str) -> None:
        if value[:1] in FORMULA_STARTS:
            write(row, col, value, quoted)
        else:
            write(row, col, value)

    return put


def _number_writer(ws: Worksheet, put_text: Put, cell_format: Any) -> Put:
    write = ws.write_number

    def put(row: int, col: int, value: float) -> None:
        if exact_number(value):
            write(row, col, value, cell_format)
        else:  # the workbook keeps 16 digits: text keeps every digit
            put_text(row, col, repr(value))

    return put


def _date_writer(ws: Worksheet, put_text: Put, fmt: Formats) -> Put:
    write, date_format = ws.write_number, fmt.date

    def put(row: int, col: int, value: date) -> None:
        serial = excel_serial(value)
        if serial is None:  # before March 1900 Excel cannot hold a date
            put_text(row, col, value.isoformat())
        else:
            write(row, col, serial, date_format)

    return put


def _safe(
    ws: Worksheet, fmt: Formats, row: int, col: int, text: str, cell_format: Any = None
) -> None:
    """A string cell from our own data, held to the same rule as HR's: never a formula."""
    if text[:1] in FORMULA_STARTS:
        ws.write_string(row, col, text, fmt.quoted)
    else:
        ws.write_string(row, col, text, cell_format)


def _mapped(put_text: Put, convert: Callable[[Any], str]) -> Put:
    def put(row: int, col: int, value: Any) -> None:
        text = convert(value)
        if text:
            put_text(row, col, text)

    return put


def _column_writers(ws: Worksheet, fmt: Formats, layout: Layout) -> list[Put]:
    fw = load_framework()
    put_text = text_writer(ws, fmt)
    labels = {
        "profession": {v: c.label for v, c in layout.spec.choices["profession"].items()},
        "contract": {v: c.label for v, c in layout.spec.choices["contract"].items()},
        "level": {lv.id: lv.name for lv in fw.levels},
    }
    yes, no = (layout.choice_label("yes_no", v) for v in ("yes", "no"))
    by_kind: dict[str, Put] = {
        "text": _mapped(put_text, str),
        "profession": _mapped(put_text, lambda v: labels["profession"][v.value]),
        "contract": _mapped(put_text, lambda v: labels["contract"][v.value]),
        "level": _mapped(put_text, labels["level"].__getitem__),
        "share": _number_writer(ws, put_text, fmt.share),
        "number": _number_writer(ws, put_text, None),
        "year": ws.write_number,
        "stage": ws.write_number,
        "date": _date_writer(ws, put_text, fmt),
        "domain_levels": _mapped(put_text, domain_levels_text),
        "role_functions": _mapped(put_text, role_functions_text),
        "posts": _mapped(put_text, posts_text),
        "yes_no": _mapped(put_text, lambda v: yes if v else no),
    }
    return [by_kind[c.kind] for c in layout.columns]


# --- the workbook ------------------------------------------------------------------------------


def write_roster(service: Service | None, target: Target) -> None:
    """The roster workbook of a service; with no service, the empty template."""
    layout = load_layout()
    wb = new_workbook(target)
    fmt = Formats(wb)
    roster = wb.add_worksheet(ROSTER_SHEET)
    service_ws = wb.add_worksheet("Service")
    teams_ws = wb.add_worksheet("Teams")
    notes_ws = wb.add_worksheet("Notes")
    lists_ws = wb.add_worksheet("Lists")
    lists = _write_lists(lists_ws, fmt, layout)
    _write_roster_sheet(roster, fmt, layout, service, lists)
    _write_service_sheet(service_ws, fmt, layout, service)
    _write_teams_sheet(teams_ws, fmt, layout, service, lists)
    _write_notes(notes_ws, fmt, layout)
    lists_ws.hide()
    roster.activate()
    wb.close()


def write_template(target: Target) -> None:
    write_roster(None, target)


def _write_roster_sheet(
    ws: Worksheet, fmt: Formats, layout: Layout, service: Service | None, lists: dict[str, str]
) -> None:
    extra = service.extra_columns if service else ()
    headings = [c.header for c in layout.columns] + list(extra)
    _layout_columns(ws, fmt, layout.columns, len(extra))
    ws.freeze_panes(1, 2)
    write_headings(ws, fmt, headings)
    _validations(ws, layout, lists)
    if service is None:
        return
    writers = list(
        zip(
            range(len(layout.columns)),
            [c.field for c in layout.columns],
            _column_writers(ws, fmt, layout),
            strict=True,
        )
    )
    put_text = text_writer(ws, fmt)
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


def write_headings(ws: Worksheet, fmt: Formats, headings: Sequence[str], row: int = 0) -> None:
    for col, heading in enumerate(headings):
        quoted = heading[:1] in FORMULA_STARTS
        ws.write_string(row, col, heading, fmt.header_quoted if quoted else fmt.header)


def _layout_columns(ws: Worksheet, fmt: Formats, columns: Sequence[Column], n_extra: int) -> None:
    widths = {"text": 18, "date": 12, "share": 8, "level": 26, "role_functions": 28, "posts": 26}
    for col, spec in enumerate(columns):
        width = max(widths.get(spec.kind, 14), min(len(spec.header) + 2, 30))
        cell_format = fmt.date if spec.kind == "date" else None
        ws.set_column(col, col, width, cell_format)
    if n_extra:
        ws.set_column(len(columns), len(columns) + n_extra - 1, 16)


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


def _write_lists(ws: Worksheet, fmt: Formats, layout: Layout) -> dict[str, str]:
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
        _safe(ws, fmt, 0, col, name, fmt.bold)
        letter = xlsxwriter.utility.xl_col_to_name(col)
        sources[name] = f"=Lists!${letter}$2:${letter}${len(values) + 1}"
    for row in range(max(len(v) for v in columns.values())):
        for col, values in enumerate(columns.values()):
            if row < len(values):
                _safe(ws, fmt, row + 1, col, values[row])
    return sources


def _write_service_sheet(
    ws: Worksheet, fmt: Formats, layout: Layout, service: Service | None
) -> None:
    put_text = text_writer(ws, fmt)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 60)
    notes = {
        "name": "The service's name, as reports show it.",
        "local_authority": "The council the service belongs to.",
        "la_code": "The council's ONS code (E followed by eight digits), to look up its population.",
        "adult_population": "Adults (18 and over) the service serves, for AMHPs per 100,000 adults.",
        "as_of": "The date the roster describes; analyses are as of this date.",
    }
    for row, (key, entry) in enumerate(layout.spec.service_sheet.items()):
        _safe(ws, fmt, row, 0, entry.label, fmt.bold)
        value = getattr(service, key) if service else None
        if isinstance(value, date):
            serial = excel_serial(value)
            if serial is None:
                put_text(row, 1, value.isoformat())
            else:
                ws.write_number(row, 1, serial, fmt.date)
        elif isinstance(value, int):
            ws.write_number(row, 1, value)
        elif value:
            put_text(row, 1, str(value))
        elif key == "as_of":
            ws.write_blank(row, 1, None, fmt.date)
        _safe(ws, fmt, row, 2, notes.get(key, ""))


def _write_teams_sheet(
    ws: Worksheet, fmt: Formats, layout: Layout, service: Service | None, lists: dict[str, str]
) -> None:
    put_text = text_writer(ws, fmt)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 20)
    _safe(ws, fmt, 0, 0, "Team", fmt.header)
    _safe(ws, fmt, 0, 1, "Kind", fmt.header)
    ws.data_validation(1, 1, 10_000, 1, {"validate": "list", "source": lists["team_kind"]})
    for row, team in enumerate(service.teams if service else (), start=1):
        put_text(row, 0, team.name)
        _safe(ws, fmt, row, 1, layout.choice_label("team_kind", team.kind))


def _write_notes(ws: Worksheet, fmt: Formats, layout: Layout) -> None:
    fw = load_framework()
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 2, 90)
    ws.set_column(3, 3, 34)
    _safe(ws, fmt, 0, 0, "How to fill in the roster", fmt.title)
    intro = (
        "One row per person on the Roster sheet. Headings are matched forgiving case and spacing, "
        "and common HR headings (Employee ID, WTE, Contract type...) are understood. Columns the "
        "planner does not use are kept with each person and written back on export. Dates can be "
        "typed as 31/01/2024 (day first). Lists in one cell are separated by semicolons."
    )
    _safe(ws, fmt, 1, 0, intro)
    row = 3
    for col, heading in enumerate(("Column", "Needed", "What to enter", "Example")):
        _safe(ws, fmt, row, col, heading, fmt.header)
    for spec in layout.columns:
        row += 1
        _safe(ws, fmt, row, 0, spec.header, fmt.bold)
        _safe(ws, fmt, row, 1, "Yes" if spec.required else "")
        _safe(ws, fmt, row, 2, spec.note, fmt.wrap)
        _safe(ws, fmt, row, 3, spec.example)
    good_to_know = [
        (
            "Blank cells",
            "A blank cell means 'not given'; staff ID, name, team and FTE are always needed.",
        ),
        (
            "Your own columns",
            "Columns after ours (cost centre, grade...) are kept with each person and exported again.",
        ),
        (
            "Problem report",
            "Its 'Planner problems' and 'Original row' columns are ignored when it is uploaded again.",
        ),
        (
            "Formulas",
            "Formulas are read as the value Excel saved; text that starts like a formula stays text.",
        ),
    ]
    service = [(e.label, ", ".join(e.synonyms)) for e in layout.spec.service_sheet.values()]
    sections = [
        ("Service sheet (label, other names read)", service),
        ("Good to know", good_to_know),
        (
            "PCF levels (name or abbreviation)",
            [(lv.name, ", ".join(lv.aliases)) for lv in fw.levels],
        ),
        (
            "TCSW role functions",
            [(f.code, f.summary) for cat in fw.categories for f in cat.functions],
        ),
        ("Posts", [(p.name, p.note) for p in fw.posts]),
        (
            "Teams sheet: kinds of team",
            [(c.label, ", ".join(c.synonyms)) for c in layout.spec.choices["team_kind"].values()],
        ),
    ]
    for title, items in sections:
        row += 2
        _safe(ws, fmt, row, 0, title, fmt.title)
        for name, text in items:
            row += 1
            _safe(ws, fmt, row, 0, name, fmt.bold)
            _safe(ws, fmt, row, 2, text, fmt.wrap)


# --- CSV ---------------------------------------------------------------------------------------


def roster_csv(service: Service) -> str:
    """The Roster sheet as CSV text (write it as UTF-8 with a BOM so Excel reads it right)."""
    layout = load_layout()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [csv_safe(h) for h in [c.header for c in layout.columns] + list(service.extra_columns)]
    )
    for worker in service.workers:
        values = worker.__dict__
        row = [csv_safe(_csv_text(spec, values[spec.field], layout)) for spec in layout.columns]
        row += [csv_safe(worker.extra.get(k, "")) for k in service.extra_columns]
        writer.writerow(row)
    return out.getvalue()


def _csv_text(spec: Column, value: Any, layout: Layout) -> str:
    if value is None or value == "" or value == () or value == {}:
        return ""
    kind = spec.kind
    if kind in ("profession", "contract"):
        return layout.choice_label(spec.kind, value.value)  # type: ignore[arg-type]
    if kind == "level":
        return str(load_framework().level(value).name)
    if kind == "date":
        return uk_date(value)
    if kind in ("share", "number", "year", "stage"):
        return number_text(value)
    if kind == "yes_no":
        return layout.choice_label("yes_no", "yes" if value else "no")
    converters: dict[str, Callable[[Any], str]] = {
        "domain_levels": domain_levels_text,
        "role_functions": role_functions_text,
        "posts": posts_text,
    }
    return converters[kind](value) if kind in converters else str(value)


def write_roster_csv(service: Service, path: Path) -> None:
    path.write_text(roster_csv(service), encoding="utf-8-sig", newline="")


# --- raw cells (problem report) ---------------------------------------------------------------


def raw_writer(ws: Worksheet, fmt: Formats) -> Callable[[int, int, Any, Any], None]:
    """Write a cell as a reader gave it, keeping its type; text always safe."""
    put_text = text_writer(ws, fmt)

    def put(row: int, col: int, value: Any, cell_format: Any = None) -> None:
        cls = value.__class__
        if cls is str:
            if value == "":
                if cell_format is not None:
                    ws.write_blank(row, col, None, cell_format)
            elif cell_format is not None and value[:1] not in FORMULA_STARTS:
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
