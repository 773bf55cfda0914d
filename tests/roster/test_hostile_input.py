"""Hostile and odd input (issue 17, item 5): a sheet shaped to make the reader build billions of
empty cells, numbers that are not finite, file names Excel cannot use as sheet names, text longer
than a cell holds, and formulas hidden behind separators or full-width signs. Each is answered
with a sentence for HR, never a traceback, a crash or a silent change to the data."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.cli.main import main
from planner.reference.policy import default_policy
from planner.roster import safety
from planner.roster.reading import grid, sheet_extent
from planner.roster.writing.workbook import roster_csv, write_roster
from planner.workforce.models import Service, Team, Worker
from tests.roster.helpers import load, xlsx_bytes
from tests.roster.strategies import text

HEADINGS = ["Staff ID", "Name", "Team", "FTE", "PCF level"]
ROSTER = {"Roster": [HEADINGS, ["A1", "Ann", "T", 1, "ASYE"]]}
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROOT = Path(__file__).resolve().parents[2]


# --- building workbooks with a hand-written Roster sheet ---------------------------------------


def _with_sheet_xml(xml: str, data: bytes | None = None) -> bytes:
    """A workbook whose first sheet (Roster) is exactly this XML."""
    src = zipfile.ZipFile(io.BytesIO(data or xlsx_bytes(ROSTER)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = xml.encode() if info.filename == "xl/worksheets/sheet1.xml" else None
            dst.writestr(info.filename, part or src.read(info.filename))
    return out.getvalue()


def _cell(ref: str | None, value: Any, prefix: str = "") -> str:
    r = f' r="{ref}"' if ref else ""
    if isinstance(value, str):
        return f'<{prefix}c{r} t="inlineStr"><{prefix}is><{prefix}t>{value}</{prefix}t></{prefix}is></{prefix}c>'
    return f"<{prefix}c{r}><{prefix}v>{value}</{prefix}v></{prefix}c>"


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _sheet(
    rows: list[list[Any]],
    *,
    refs: bool = True,
    prefix: str = "",
    dimension: str | None = None,
    more: str = "",
) -> str:
    """Sheet XML for these rows from A1, with or without cell references, and `more` cells
    (already written) at the end of sheetData."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            _cell(f"{_letters(c)}{r}" if refs else None, v, prefix)
            for c, v in enumerate(row, start=1)
        )
        body.append(
            f'<{prefix}row r="{r}">{cells}</{prefix}row>'
            if refs
            else f"<{prefix}row>{cells}</{prefix}row>"
        )
    dim = f'<{prefix}dimension ref="{dimension}"/>' if dimension else ""
    ns = f'xmlns:{prefix[:-1]}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<{prefix}worksheet {ns}>{dim}<{prefix}sheetData>{''.join(body)}{more}"
        f"</{prefix}sheetData></{prefix}worksheet>"
    )


def _far_openpyxl(row: int) -> bytes:
    """A1 and XFD`row`, written by openpyxl: a 5 KB file that claims a sheet of billions of cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Roster"
    for c, heading in enumerate(HEADINGS, start=1):
        ws.cell(row=1, column=c, value=heading)
    ws.cell(row=row, column=16384, value="x")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class _NoGrid:
    """Stands in for calamine's workbook: lets the planner open the file and read small sheets,
    but fails the test if the Roster sheet's grid is ever asked for."""

    real = grid.CalamineWorkbook

    def __init__(self, wb: Any) -> None:
        self._wb = wb

    @classmethod
    def from_filelike(cls, data: Any) -> _NoGrid:
        return cls(cls.real.from_filelike(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wb, name)

    def get_sheet_by_name(self, name: str) -> Any:
        if name == "Roster":
            raise AssertionError("the grid of a hostile sheet was built")
        return self._wb.get_sheet_by_name(name)


@pytest.fixture
def no_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grid, "CalamineWorkbook", _NoGrid)


FAR = f'<row r="200000">{_cell("XFD200000", 1)}</row>'
HOSTILE = {
    "openpyxl, A1 and XFD200000": _far_openpyxl(200_000),
    "openpyxl, A1 and XFD10000": _far_openpyxl(10_000),
    "a dimension that lies": _with_sheet_xml(_sheet([HEADINGS], dimension="A1:E1", more=FAR)),
    "no dimension": _with_sheet_xml(_sheet([HEADINGS], more=FAR)),
    "cells placed without references": _with_sheet_xml(_sheet([HEADINGS, ["x"] * 300], refs=False)),
    "the reference not first": _with_sheet_xml(
        _sheet([HEADINGS], more='<row r="2"><c s="0" r="XFD200000"><v>1</v></c></row>')
    ),
    "a reference in single quotes": _with_sheet_xml(
        _sheet([HEADINGS], more="<row r='2'><c r='XFD200000'><v>1</v></c></row>")
    ),
    "a cell with a namespace prefix": _with_sheet_xml(
        _sheet(
            [HEADINGS], more=f'<row r="2"><x:c xmlns:x="{MAIN}" r="XFD9"><x:v>1</x:v></x:c></row>'
        )
    ),
    "a '>' inside an attribute": _with_sheet_xml(
        _sheet([HEADINGS], more='<row r="2"><c a=">" r="XFD200000"><v>1</v></c></row>')
    ),
    "an area too large though each side is allowed": _with_sheet_xml(
        _sheet([HEADINGS], more=f'<row r="60000">{_cell("IV60000", 1)}</row>')
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_sheet_reaching_too_far_is_refused_before_its_grid_is_built(
    name: str, no_grid: None
) -> None:
    result = load(HOSTILE[name])
    assert result.service is None and result.exit_code == 2
    said = result.unusable or ""
    assert "'Roster'" in said and "the planner reads at most" in said, said


def test_rows_counted_without_references_are_counted_as_the_reader_counts_them() -> None:
    rows = "<row/>" * 700 + "<row><c><v>1</v></c></row>"
    data = _with_sheet_xml(_sheet([HEADINGS], refs=False, more=rows))
    few = default_policy().with_changes(max_import_rows=500)
    said = load(data, policy=few).unusable or ""
    assert "reaches column E and row 702" in said and "at most 500 rows" in said, said
    assert load(data).unusable is None


def test_a_cell_with_two_references_is_refused_unread(no_grid: None) -> None:
    """calamine would take the last; XML does not allow two, and the file is refused."""
    xml = _sheet([HEADINGS], more='<row r="2"><c r="A2" r="XFD200000"><v>1</v></c></row>')
    result = load(_with_sheet_xml(xml))
    assert result.service is None and "could not be read" in (result.unusable or "")


def test_the_refusal_names_where_the_sheet_reaches(no_grid: None) -> None:
    said = load(HOSTILE["openpyxl, A1 and XFD200000"]).unusable or ""
    assert "column XFD" in said and "row 200,000" in said, said
    assert "200,000 rows" in said and "256 columns" in said, said


def test_a_hostile_sheet_is_refused_in_a_process_that_stays_small(tmp_path: Path) -> None:
    """No stand-ins: the real reader, in a process that may not map more than 2 GB."""
    path = tmp_path / "far.xlsx"
    path.write_bytes(_far_openpyxl(200_000))
    code = (
        "import resource, sys; from pathlib import Path\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from planner.roster.reading.importer import import_roster\n"
        "print(import_roster(Path(sys.argv[1])).unusable)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "reaches column XFD and row 200,000" in run.stdout


ODD_BUT_FINE = {
    "cells without references": _sheet([HEADINGS, ["A1", "Ann", "T", 1, "ASYE"]], refs=False),
    "a namespace prefix throughout": _sheet([HEADINGS, ["A1", "Ann", "T", 1, "ASYE"]], prefix="x:"),
    "seventy columns": _sheet(
        [HEADINGS + [f"Note {i}" for i in range(65)], ["A1", "Ann", "T", 1, "ASYE", *"n" * 65]]
    ),
    "a formatted cell far away": _sheet(
        [HEADINGS, ["A1", "Ann", "T", 1, "ASYE"]],
        more='<row r="900000"><c r="XFD900000" s="1"/></row>',
    ),
}


@pytest.mark.parametrize("name", list(ODD_BUT_FINE))
def test_odd_but_ordinary_sheets_still_import(name: str) -> None:
    result = load(_with_sheet_xml(ODD_BUT_FINE[name]))
    assert result.unusable is None, result.unusable
    assert result.service is not None and [w.staff_id for w in result.service.workers] == ["A1"]


# Small sheets in every form calamine reads: cells with or without references, empty or not,
# with other attributes or a namespace prefix; rows with or without references, some empty.
_CELLS = st.tuples(
    st.none()  # column and row: mostly near A1, as the fast path passes; sometimes far
    | st.tuples(st.integers(1, 64), st.integers(1, 60))
    | st.tuples(st.integers(1, 300), st.integers(1, 60)),
    st.booleans(),  # holds a value
    st.sampled_from(["", ' s="1"', ' t="n"', ' cm="1"']),  # another attribute
    st.sampled_from(["", "x:"]),  # a prefix
)
_ROWS = st.lists(
    st.tuples(st.none() | st.integers(1, 60), st.lists(_CELLS, max_size=6)), max_size=8
)


def _random_sheet(rows: list[tuple[int | None, list[Any]]]) -> str:
    body = []
    for r, cells in rows:
        parts = []
        for place, filled, attribute, prefix in cells:
            ref = f' r="{_letters(place[0])}{place[1]}"' if place else ""
            ns = f' xmlns:x="{MAIN}"' if prefix else ""
            inner = f"<{prefix}v>1</{prefix}v>" if filled else ""
            parts.append(f"<{prefix}c{ns}{ref}{attribute}>{inner}</{prefix}c>")
        row = f' r="{r}"' if r else ""
        body.append(f"<row{row}>{''.join(parts)}</row>")
    return f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'


@settings(max_examples=200, deadline=None)
@given(_ROWS, st.integers(5, 40))
def test_a_sheet_is_refused_exactly_when_the_reader_would_reach_too_far(
    rows: list[tuple[int | None, list[Any]]], max_rows: int
) -> None:
    """The check against calamine itself, on sheets small enough for it to build: refused when
    (and only when) calamine's sheet is longer, wider or larger than the limits allow."""
    data = _with_sheet_xml(_random_sheet(rows))
    end = grid.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Roster").end
    reach = (end[0] + 1, end[1] + 1) if end else (0, 0)
    limits = safety.Limits(10**8, max_rows - safety.HEADER_ROWS)  # sheet_rows is max_rows
    too_far = (
        reach[0] > limits.sheet_rows
        or reach[1] > safety.MAX_COLUMNS
        or reach[0] * reach[1] > limits.sheet_cells
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    part = "xl/worksheets/sheet1.xml"
    try:  # placed exactly where calamine places them
        exact = sheet_extent.place_cells(
            archive, part, "Roster", "r.xlsx", safety.Limits(10**8, 10**6)
        )
        assert (exact.rows, exact.columns) == reach
    except safety.Rejected:  # wider than any limit allows
        assert reach[1] > safety.MAX_COLUMNS
    try:
        sheet_extent.check_sheet(archive, part, "Roster", "r.xlsx", limits)
    except safety.Rejected as refused:
        event("refused")
        assert too_far, refused
    else:
        event("read")
        assert not too_far, reach


def test_a_workbook_whose_parts_repeat_a_name_is_refused(no_grid: None) -> None:
    good = xlsx_bytes(ROSTER)
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        far = _sheet([HEADINGS], more=FAR).encode()
        dst.writestr("XL/Worksheets/Sheet1.xml", far)  # the same part to a reader that ignores case
    result = load(out.getvalue())
    assert result.service is None and "refused for safety" in (result.unusable or "")


def test_a_csv_wider_than_any_roster_is_refused() -> None:
    data = (",".join(HEADINGS + ["x"] * 300) + "\nA1,Ann,T,1,ASYE\n").encode()
    said = load(data, "roster.csv").unusable or ""
    assert "reaches column" in said and "256 columns" in said, said


# --- numbers that are not finite -----------------------------------------------------------------


SERVICE_ROWS = [["Service name", "North"], ["Local authority", "Leeds"], ["As of", "01/11/2026"]]


@pytest.mark.parametrize("typed", ["inf", "nan", "1e999", "-inf", "Infinity"])
def test_a_population_that_is_not_a_finite_number_is_a_problem_on_its_row(typed: str) -> None:
    data = xlsx_bytes({**ROSTER, "Service": [*SERVICE_ROWS, ["Adult population", typed]]})
    result = load(data)
    assert result.unusable is None
    found = [p for p in result.problems if p.sheet == "Service"]
    assert [(p.row, p.column, p.severity) for p in found] == [(4, "Adult population", "error")]
    assert typed in found[0].message and "not a number" in found[0].message


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_a_population_cell_holding_a_non_finite_number_is_a_problem(value: float) -> None:
    xml = _sheet([["Service name", "North"], ["Adult population", "POP"], ["As of", "01/11/2026"]])
    xml = xml.replace(
        '<c r="B2" t="inlineStr"><is><t>POP</t></is></c>', f'<c r="B2"><v>{value}</v></c>'
    )
    src = xlsx_bytes({**ROSTER, "Service": [["x"]]})
    data = _replace(src, "xl/worksheets/sheet2.xml", xml)
    result = load(data)
    assert result.unusable is None
    found = [p for p in result.problems if p.sheet == "Service"]
    assert [(p.row, p.column) for p in found] == [(2, "Adult population")]


def _replace(data: bytes, part: str, xml: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = xml.encode() if info.filename == part else src.read(info.filename)
            dst.writestr(info.filename, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("column", "typed"),
    [
        ("FTE", "inf"),
        ("FTE", "nan"),
        ("FTE", "1e999"),
        ("FTE", "inf%"),
        ("AMHP rota share", "nan%"),
        ("AMHP CPD hours", "inf"),
        ("AMHP CPD hours", "-1e999"),
    ],
)
def test_a_roster_number_that_is_not_finite_is_an_error_on_its_row_and_column(
    column: str, typed: str
) -> None:
    headings = HEADINGS if column == "FTE" else [*HEADINGS, column]
    row = ["A1", "Ann", "T", typed if column == "FTE" else "1", "ASYE"]
    good = ["A2", "Bo", "T", "1", "ASYE"]
    if column != "FTE":
        row.append(typed)
        good.append("")
    lines = [",".join(headings), ",".join(row), ",".join(good)]
    result = load(("\n".join(lines) + "\n").encode(), "roster.csv")
    assert result.service is not None
    assert [w.staff_id for w in result.service.workers] == ["A2"]
    found = [p for p in result.problems if p.row == 2 and p.severity == "error"]
    assert [p.column for p in found] == [column]
    assert typed.rstrip("%") in found[0].message and "not" in found[0].message, found[0].message


@pytest.mark.parametrize("value", [float("inf"), float("nan"), float("-inf")])
def test_a_non_finite_number_cell_in_a_workbook_is_an_error_on_its_row(value: float) -> None:
    rows = [HEADINGS, ["A1", "Ann", "T", "FTE", "ASYE"], ["A2", "Bo", "T", 1, "ASYE"]]
    xml = _sheet(rows).replace(
        '<c r="D2" t="inlineStr"><is><t>FTE</t></is></c>', f'<c r="D2"><v>{value}</v></c>'
    )
    result = load(_with_sheet_xml(xml))
    assert result.service is not None
    assert [w.staff_id for w in result.service.workers] == ["A2"]
    found = [p for p in result.problems if p.row == 2]
    assert [(p.column, p.severity) for p in found] == [("FTE", "error")]
    assert "not a number" in found[0].message, found[0].message


ASC_HEAD = "LOCALESTID,UNIQUEWORKERID,STATUS,DISPLAYID,EMPLSTATUS,MAINJOBROLE,CONTHOURS"


@pytest.mark.parametrize("typed", ["inf", "nan", "1e999"])
def test_ascwds_hours_that_are_not_finite_are_an_error_on_their_row_and_column(typed: str) -> None:
    data = f"{ASC_HEAD}\nE1,W1,NEW,Ann,1,6,{typed}\nE1,W2,NEW,Bo,1,6,37\n".encode()
    result = load(data, "workers.csv")
    assert result.service is not None and [w.staff_id for w in result.service.workers] == ["W2"]
    found = [p for p in result.problems if p.row == 2 and p.severity == "error"]
    assert found[0].column == "CONTHOURS" and typed in found[0].message


@pytest.mark.parametrize("typed", ["inf", "1e999", "nan"])
def test_an_ascwds_code_that_is_not_finite_is_reported_not_a_traceback(typed: str) -> None:
    data = f"{ASC_HEAD}\nE1,W1,NEW,Ann,1,{typed},37\nE1,W2,NEW,Bo,1,6,37\n".encode()
    result = load(data, "workers.csv")
    assert result.service is not None and [w.staff_id for w in result.service.workers] == ["W2"]
    assert [p.column for p in result.problems if p.row == 2] == ["MAINJOBROLE"]


# --- sheet names from a file's name ------------------------------------------------------------


@pytest.mark.parametrize(
    "filename",
    [
        "roster [May].csv",
        "a:b*c?d.csv",
        "x" * 40 + ".csv",
        "Problems.csv",
        "'quoted'.csv",
        "History.csv",
    ],
)
def test_the_report_for_any_file_name_is_written(
    filename: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / filename
    source.write_text("Staff ID,Name,Team,FTE\nA1,Ann,T,2\nA2,Bo,T,1\n", encoding="utf-8")
    report = tmp_path / "report.xlsx"
    assert main(["import", str(source), "--report", str(report)]) == 1
    names = openpyxl.load_workbook(report).sheetnames
    assert len(names) == len({n.casefold() for n in names}) and "Problems" in names
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names), names
    roster = openpyxl.load_workbook(report)[names[0]]
    assert [c.value for c in roster[1]][:4] == ["Staff ID", "Name", "Team", "FTE"]


# --- text longer than a cell holds -------------------------------------------------------------


CELL_LIMIT = 32_767


@pytest.mark.parametrize("length", [CELL_LIMIT + 1, 200_000])
def test_text_longer_than_a_cell_holds_is_a_problem_on_its_row_and_column(length: int) -> None:
    long = "n" * length
    data = f"Staff ID,Name,Team,FTE,PCF level,Notes\nA1,Ann,T,1,ASYE,{long}\nA2,Bo,T,1,ASYE,x\n".encode()
    result = load(data, "roster.csv")
    assert result.service is not None
    found = [p for p in result.problems if p.row == 2]
    assert [(p.column, p.severity) for p in found] == [("Notes", "error")]
    assert f"{length:,}" in found[0].message and "32,767" in found[0].message
    assert all(len(t) <= CELL_LIMIT for w in result.service.workers for t in w.extra.values())


def test_text_of_exactly_a_cell_is_kept_whole() -> None:
    full = "n" * CELL_LIMIT
    result = load(
        f"Staff ID,Name,Team,FTE,PCF level,Notes\nA1,Ann,T,1,ASYE,{full}\n".encode(), "roster.csv"
    )
    assert result.service is not None and result.service.workers[0].extra["Notes"] == full


def _service(extra: dict[str, str]) -> Service:
    return Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 11, 1),
        teams=(Team(name="T"),),
        workers=(
            Worker(staff_id="A1", name="Ann", team="T", fte=1, pcf_level="asye", extra=extra),
        ),
        extra_columns=tuple(extra),
    )


def test_the_workbook_export_never_cuts_text_silently(tmp_path: Path) -> None:
    service = _service({"Notes": "n" * (CELL_LIMIT + 10)})
    with pytest.raises(OSError, match=r"32,777 characters.*32,767"):
        write_roster(service, tmp_path / "out.xlsx")


def test_the_cli_export_of_text_too_long_for_a_cell_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "s.json"
    source.write_text(_service({"Notes": "n" * (CELL_LIMIT + 10)}).model_dump_json())
    assert main(["export", str(source), "--out", str(tmp_path / "out.xlsx")]) == 2
    assert "32,767" in capsys.readouterr().err


def test_the_csv_export_keeps_long_text_whole_and_its_import_names_the_cell() -> None:
    long = "n" * (CELL_LIMIT + 10)
    text_out = roster_csv(_service({"Notes": long}))
    assert long in text_out
    result = load(text_out.encode("utf-8-sig"), "r.csv")
    assert result.unusable is None
    assert [(p.row, p.column) for p in result.problems if p.severity == "error"] == [(2, "Notes")]


# --- formulas behind separators and full-width signs ----------------------------------------------


RISKY = [
    "a\n=1+1",
    ";=1+1",
    ",=1+1",
    "; ;=1+1",
    " =1+1",
    "\u3000=1",
    "＝1+1",
    "＋44 1234",
    "＠SUM(A1)",
    "－5+5",
    "x;=1+1",
]


def _leads(cell: str) -> bool:
    """True when a spreadsheet would take the cell as a formula: its first character after
    white space and the separators it might split on is a formula sign, plain or full-width."""
    rest = cell.lstrip(" \t\u3000;,")
    return rest[:1] in set("=+-@＝＋－＠")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_no_csv_cell_can_start_a_formula_in_any_locale(delimiter: str) -> None:
    text_out = roster_csv(_service({f"Note {i}": v for i, v in enumerate(RISKY)}))
    cells = [
        c for row in csv.reader(io.StringIO(text_out, newline=""), delimiter=delimiter) for c in row
    ]
    assert not [c for c in cells if _leads(c)], delimiter


def test_risky_text_comes_back_the_same_from_the_csv_and_the_workbook(tmp_path: Path) -> None:
    service = _service({f"Note {i}": v.strip() for i, v in enumerate(RISKY)})
    back = load(roster_csv(service).encode("utf-8-sig"), "r.csv").service
    assert back is not None and back.workers == service.workers
    path = tmp_path / "out.xlsx"
    write_roster(service, path)
    ws = openpyxl.load_workbook(path)["Roster"]
    for cell in ws[2][-len(RISKY) :]:  # a workbook's cell is never split: its start matters
        assert cell.quotePrefix == (cell.value not in ("x;=1+1", "a\n=1+1")), cell.value
    again = load(path.read_bytes()).service
    assert again is not None and again.workers == service.workers


SIGNS = st.sampled_from(list("=+-@＝＋－＠';,\t\r\n \u3000x\""))


@given(st.text(st.characters(exclude_categories=("Cs",))) | st.text(SIGNS))
def test_any_text_survives_the_csv_guard_and_no_piece_of_it_leads_a_formula(value: str) -> None:
    guarded = safety.csv_safe(value)
    assert safety.csv_unquote(guarded) == value
    assert not [piece for piece in re.split("[;,\t\r\n]", guarded) if _leads(piece)], guarded


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text(25, st.characters(exclude_categories=("Cs",), exclude_characters="\x00")) | text(25, SIGNS)
)
def test_any_extra_text_round_trips_through_the_csv_export(value: str) -> None:
    service = _service({"Notes": value})
    text_out = roster_csv(service)
    back = load(text_out.encode("utf-8-sig"), "r.csv").service
    assert back is not None and back.workers == service.workers
    cells = [c for row in csv.reader(io.StringIO(text_out, newline=""), delimiter=";") for c in row]
    assert not [c for c in cells if _leads(c)]
