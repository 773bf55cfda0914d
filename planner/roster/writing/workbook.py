"""Roster workbooks we write: the template, the export, and the CSV export.

Layout (the template and every export are the same workbook, so an export can be edited and
imported again): *Roster* (one row of headings, one row per person, then HR's own columns),
*Service* (labels and values), *Teams* (Team, Kind), *Notes* (what each column holds) and a hidden
*Lists* sheet feeding the drop-downs. Written with xlsxwriter in constant-memory mode, which
streams rows to disk: the 100,000-row benchmark roster writes in about the time xlsxwriter needs
for the bare values, with formats and drop-downs kept.

This module puts the workbook together; each part has its own module: `cell_writers` (formats
and formula-safe cells), `roster_sheet` (the Roster sheet and its drop-downs), `guide_sheets`
(Service, Teams, Notes) and `csv_export`. The names other code imports from here are re-exported.
"""

from __future__ import annotations

from planner.roster.layout import load_layout
from planner.roster.writing.cell_writers import (
    DATE_FORMAT,
    MAX_ROW,
    Formats,
    Put,
    Target,
    new_workbook,
    raw_writer,
    text_writer,
    write_headings,
)
from planner.roster.writing.csv_export import roster_csv, write_roster_csv
from planner.roster.writing.guide_sheets import write_notes, write_service_sheet, write_teams_sheet
from planner.roster.writing.roster_sheet import (
    ROSTER_SHEET,
    TEMPLATE_ROWS,
    write_lists,
    write_roster_sheet,
)
from planner.workforce.models import Service

__all__ = [
    "DATE_FORMAT",
    "MAX_ROW",
    "ROSTER_SHEET",
    "TEMPLATE_ROWS",
    "Formats",
    "Put",
    "Target",
    "new_workbook",
    "raw_writer",
    "roster_csv",
    "text_writer",
    "write_headings",
    "write_roster",
    "write_roster_csv",
    "write_template",
]


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
    lists = write_lists(lists_ws, fmt, layout)
    write_roster_sheet(roster, fmt, layout, service, lists)
    write_service_sheet(service_ws, fmt, layout, service)
    write_teams_sheet(teams_ws, fmt, layout, service, lists)
    write_notes(notes_ws, fmt, layout)
    lists_ws.hide()
    roster.activate()
    wb.close()


def write_template(target: Target) -> None:
    write_roster(None, target)
