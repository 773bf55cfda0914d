"""Names other code imports from planner.io.workbook and planner.io.roster stay importable there,
now that each module's parts live in modules of their own."""

from __future__ import annotations

import importlib

import pytest

NAMES = {
    "planner.io.workbook": [
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
    "planner.io.roster": [
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
