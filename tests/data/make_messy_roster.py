"""Build tests/data/messy_roster.xlsx: a roster as an HR system exports it, with its usual faults.

Run `python tests/data/make_messy_roster.py` to rebuild it. What it holds (tests/roster/test_messy.py
says what the import must make of it):

- a title, a "run on" line and a blank row above the header row; the sheet is called "Staff list"
  and comes after a "Read me" sheet;
- HR headings: "Emp #", "Full name", "Dept", "Grade", "Cost centre", "PCF Level", "WTE",
  "Contract type", "Date started", "Supervisor", "Line manager", "AMHP warrant date",
  "AMHP warrant expiry", "BIA qualified", trailing spaces in some headings and cells;
- dates as Excel dates, as serial numbers, and as UK text (15/03/2019, 1 Jan 2021, 03-09-2018);
- FTE as 0.6, as "60%" and as 1; levels as "ASYE", "NQSW", "Experienced", "Advanced social worker";
- the Dept cell merged down over three rows; blank rows between people;
- a duplicate employee number, an unknown supervisor, a supervision loop (M7 -> M8 -> M7);
- a formula in a name cell (its value, "Noor Selby", saved by Excel) and a name typed as text that
  starts with "=" (a formula-injection attempt);
- a row with an impossible date (31/02/2024) and a row with "Senior" as the PCF level;
- a "Grade" and "Cost centre" column, kept as HR's own columns; an "SWE Number" column with one
  number missing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "messy_roster.xlsx"

HEADINGS = [
    "Emp # ",
    "Full name",
    "Dept",
    "Grade",
    "PCF Level",
    "WTE",
    "Contract type",
    "Date started",
    "Supervisor",
    "Line manager",
    "AMHP warrant date",
    "AMHP warrant expiry",
    "BIA qualified",
    "Cost centre ",
    "SWE Number",
]

# Rows from spreadsheet row 5 on; None is a blank row. "MERGED" cells are filled by the merge.
ROWS: list[list[object] | None] = [
    [
        "M1",
        "Helen Ashdown",
        "North CMHT",
        "Band 8a",
        "Advanced social worker",
        1,
        "Permanent",
        date(2012, 4, 2),
        "",
        "",
        date(2023, 4, 1),
        date(2028, 3, 31),
        "Yes",
        "CC-100",
        "SW10001",
    ],
    [
        "M2",
        "Sam Rudge  ",
        "MERGED",
        "Band 7",
        "Experienced",
        "60%",
        "perm",
        "15/03/2019",
        "M1",
        "M1",
        "",
        "",
        "N",
        "CC-100",
        "SW10002",
    ],
    [
        "M3",
        "Jordan Elstow",
        "MERGED",
        "Band 6",
        "ASYE",
        0.8,
        "Fixed term",
        45292,
        "M1",
        "M1",
        "",
        "",
        "",
        "CC-100",
        "SW10003",
    ],
    None,
    [
        "M4",
        "Casey Brannock",
        "South CMHT",
        "Band 6",
        "NQSW",
        1,
        "Agency",
        "1 Jan 2021",
        "M1",
        "M1",
        "",
        "",
        "FALSE",
        "CC-200",
        "SW10004",
    ],
    [
        "M4",
        "Riley Dunmore",
        "South CMHT",
        "Band 7",
        "Experienced",
        1,
        "Permanent",
        "03-09-2018",
        "M1",
        "M1",
        "",
        "",
        "",
        "CC-200",
        "SW10005",
    ],
    [
        "M5",
        "Avery Farrant",
        "South CMHT",
        "Band 7",
        "Experienced",
        1,
        "Permanent",
        date(2017, 6, 1),
        "X99",
        "M1",
        "",
        "",
        "",
        "CC-200",
        "SW10006",
    ],
    None,
    [
        "M6",
        "FORMULA",
        "South CMHT",
        "Band 7",
        "Experienced",
        1,
        "Permanent",
        date(2016, 1, 4),
        "M1",
        "M1",
        "",
        "",
        "",
        "CC-200",
        "",
    ],
    [
        "M7",
        "Quinn Garside",
        "AMHP Hub",
        "Band 7",
        "Experienced",
        1,
        "Permanent",
        date(2015, 5, 5),
        "M8",
        "M1",
        date(2022, 3, 1),
        date(2027, 2, 28),
        "",
        "CC-300",
        "SW10008",
    ],
    [
        "M8",
        "Rowan Hollins",
        "AMHP Hub",
        "Band 7",
        "Experienced",
        1,
        "Permanent",
        date(2014, 2, 3),
        "M7",
        "M1",
        date(2021, 9, 1),
        date(2026, 8, 31),
        "",
        "CC-300",
        "SW10009",
    ],
    [
        "M9",
        '=HYPERLINK("http://example.invalid","Click me")',
        "AMHP Hub",
        "Band 6",
        "Experienced",
        1,
        "Permanent",
        date(2020, 1, 6),
        "M1",
        "M1",
        "",
        "",
        "",
        "CC-300",
        "SW10010",
    ],
    [
        "M10",
        "Ellis Ibbot",
        "AMHP Hub",
        "Band 6",
        "Experienced",
        1,
        "Permanent",
        "31/02/2024",
        "M1",
        "M1",
        "",
        "",
        "",
        "CC-300",
        "SW10011",
    ],
    [
        "M11",
        "Harper Jessop",
        "AMHP Hub",
        "Band 6",
        "Senior",
        1,
        "Permanent",
        date(2019, 9, 2),
        "M1",
        "M1",
        "",
        "",
        "",
        "CC-300",
        "SW10012",
    ],
]


def build(path: Path = OUT) -> None:
    wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_numbers": False})
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    readme = wb.add_worksheet("Read me")
    readme.write_string(
        0, 0, "Exported from the HR system. Do not edit the Staff list sheet by hand."
    )
    ws = wb.add_worksheet("Staff list")
    ws.write_string(0, 0, "Northbridge Council - Adult Mental Health Staff List")
    ws.write_string(1, 0, "Run on 01/11/2026 09:14 by HRSYS")
    for col, heading in enumerate(HEADINGS):
        ws.write_string(3, col, heading)
    for r, row in enumerate(ROWS, start=4):
        if row is None:
            continue
        for col, value in enumerate(row):
            _write(ws, r, col, value, date_format)
    # Dept merged down over the first three people, as HR exports often do.
    ws.merge_range(4, 2, 6, 2, "North CMHT")
    wb.close()


def _write(
    ws: xlsxwriter.worksheet.Worksheet, r: int, col: int, value: object, fmt: object
) -> None:
    if value == "FORMULA":
        # A formula with the value Excel saved for it: the importer reads the value.
        ws.write_formula(r, col, '=CONCATENATE("Noor"," ","Selby")', None, "Noor Selby")
    elif value == "MERGED" or value == "":
        return
    elif isinstance(value, date):
        ws.write_datetime(r, col, value, fmt)
    elif isinstance(value, int | float):
        ws.write_number(r, col, value)
    else:
        ws.write_string(r, col, str(value))


if __name__ == "__main__":
    build()
    print(f"wrote {OUT}")
