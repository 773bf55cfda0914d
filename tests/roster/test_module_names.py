"""The names other code imports from the roster writer and importer stay importable there, though
each module's parts live in modules of their own."""

from __future__ import annotations

import importlib

import pytest

NAMES = {
    "planner.roster.writing.workbook": [
        "Formats",
        "Target",
        "new_workbook",
        "text_writer",
        "raw_writer",
        "write_headings",
        "write_roster",
        "write_template",
        "roster_csv",
        "write_roster_csv",
        "ROSTER_SHEET",
    ],
    "planner.roster.reading.importer": [
        "OUR_SHEETS",
        "ImportCounts",
        "RosterImport",
        "choose_sheet",
        "import_roster",
    ],
}


@pytest.mark.parametrize(("module", "name"), [(m, n) for m, ns in NAMES.items() for n in ns])
def test_the_name_is_still_importable_where_it_was(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name)
