"""Small helpers the roster tests share: build a workbook or CSV in memory and import it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from planner.roster.reading.importer import RosterImport, import_roster
from planner.roster.writing.workbook import write_roster
from planner.workforce.models import Service

AS_OF = date(2026, 11, 1)


def xlsx_bytes(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook written by openpyxl (as another program would), one list of rows per sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def roster_bytes(service: Service, tmp: Path) -> bytes:
    path = tmp / "roster.xlsx"
    write_roster(service, path)
    return path.read_bytes()


def load(data: bytes, name: str = "roster.xlsx", **kwargs: Any) -> RosterImport:
    kwargs.setdefault("today", AS_OF)
    return import_roster(data, name, **kwargs)


def codes(result: RosterImport) -> list[tuple[int | None, str]]:
    return [(p.row, p.code) for p in result.problems]


def raw_xlsx_bytes(rows: list[list[Any]], sheet: str = "Roster") -> bytes:
    """A workbook of exactly these cell values (any text, control characters too)."""
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    ws = wb.add_worksheet(sheet)
    dates = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, value, dates)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write(r, c, value)
    wb.close()
    return out.getvalue()
