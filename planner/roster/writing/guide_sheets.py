"""The Service, Teams and Notes sheets of the template and the export."""

from __future__ import annotations

from datetime import date

from xlsxwriter.worksheet import Worksheet

from planner.reference.framework import load_framework
from planner.roster.layout import Layout
from planner.roster.values import excel_serial
from planner.roster.writing.cell_writers import Formats, safe_text, text_writer
from planner.workforce.models import Service


def write_service_sheet(
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
        "adult_population": "Adults (18 and over) the service serves. Give this, the all-ages "
        "figure, or both; a figure not given is estimated from the other.",
        "all_ages_population": "People of all ages the service serves: the basis of the AMHP "
        "target and the assessment rate (per 100,000 people) by default.",
        "as_of": "The date the roster describes; analyses are as of this date.",
    }
    for row, (key, entry) in enumerate(layout.spec.service_sheet.items()):
        safe_text(ws, fmt, row, 0, entry.label, fmt.bold)
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
        safe_text(ws, fmt, row, 2, notes.get(key, ""))


def write_teams_sheet(
    ws: Worksheet, fmt: Formats, layout: Layout, service: Service | None, lists: dict[str, str]
) -> None:
    put_text = text_writer(ws, fmt)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 20)
    safe_text(ws, fmt, 0, 0, "Team", fmt.header)
    safe_text(ws, fmt, 0, 1, "Kind", fmt.header)
    ws.data_validation(1, 1, 10_000, 1, {"validate": "list", "source": lists["team_kind"]})
    for row, team in enumerate(service.teams if service else (), start=1):
        put_text(row, 0, team.name)
        safe_text(ws, fmt, row, 1, layout.choice_label("team_kind", team.kind))


def write_notes(ws: Worksheet, fmt: Formats, layout: Layout) -> None:
    fw = load_framework()
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 2, 90)
    ws.set_column(3, 3, 34)
    safe_text(ws, fmt, 0, 0, "How to fill in the roster", fmt.title)
    intro = (
        "One row per person on the Roster sheet. Headings are matched forgiving case and spacing, "
        "and common HR headings (Employee ID, WTE, Contract type...) are understood. Columns the "
        "planner does not use are kept with each person and written back on export. Dates can be "
        "typed as 31/01/2024 (day first). Lists in one cell are separated by semicolons."
    )
    safe_text(ws, fmt, 1, 0, intro)
    row = 3
    for col, heading in enumerate(("Column", "Needed", "What to enter", "Example")):
        safe_text(ws, fmt, row, col, heading, fmt.header)
    for spec in layout.columns:
        row += 1
        safe_text(ws, fmt, row, 0, spec.header, fmt.bold)
        safe_text(ws, fmt, row, 1, "Yes" if spec.required else "")
        safe_text(ws, fmt, row, 2, spec.note, fmt.wrap)
        safe_text(ws, fmt, row, 3, spec.example)
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
        safe_text(ws, fmt, row, 0, title, fmt.title)
        for name, text in items:
            row += 1
            safe_text(ws, fmt, row, 0, name, fmt.bold)
            safe_text(ws, fmt, row, 2, text, fmt.wrap)
