"""Hostile and broken files are refused with a clear sentence before any reader parses them,
and every cell we write that starts like a formula stays text (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest

from planner.cli.main import main
from planner.reference.policy import default_policy
from planner.roster import safety
from planner.roster.reading import grid
from planner.roster.reading.importer import import_roster
from planner.roster.writing.workbook import roster_csv, write_roster
from planner.workforce.models import Service, Team, Worker
from tests.roster.helpers import load, xlsx_bytes

ROSTER = {
    "Roster": [["Staff ID", "Name", "Team", "FTE", "PCF level"], ["A1", "Ann", "T", 1, "ASYE"]]
}
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(
                info.filename, content if info.filename == name else src.read(info.filename)
            )
    return out.getvalue()


def _no_xml_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("XML was parsed before the file was refused")

    monkeypatch.setattr(safety, "fromstring", refuse)
    monkeypatch.setattr(grid.CalamineWorkbook, "from_filelike", refuse)


def test_openpyxl_reads_xml_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "[Content_Types].xml"])
def test_a_billion_laughs_workbook_is_refused(part: str, monkeypatch: pytest.MonkeyPatch) -> None:
    good = xlsx_bytes(ROSTER)
    original = zipfile.ZipFile(io.BytesIO(good)).read(part).decode()
    body = re.sub(r"^<\?xml[^>]*\?>", "", original)
    hostile = _replace_part(good, part, (LAUGHS + body.replace("Ann", "&lol9;")).encode())
    _no_xml_parsing(monkeypatch)
    result = load(hostile)
    assert result.service is None and result.exit_code == 2
    assert "refused for safety" in (result.unusable or "") and "DTD" in (result.unusable or "")


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries.items():
            z.writestr(name, content)
    return out.getvalue()


def test_a_part_inflating_more_than_100_times_is_refused_unparsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = _replace_part(xlsx_bytes(ROSTER), "xl/worksheets/sheet1.xml", b" " * 5_000_000)
    _no_xml_parsing(monkeypatch)
    result = load(bomb)
    assert result.service is None and "compressed more than 100 times" in (result.unusable or "")


def test_too_many_parts_or_too_much_unpacked_data_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _no_xml_parsing(monkeypatch)
    many = load(_zip({f"xl/p{i}.xml": b"<a/>" for i in range(1001)}))
    assert "1,001 parts" in (many.unusable or "")
    # Each part under the 100 KiB grace size, but 80 MB in all from a few kilobytes.
    wide = load(_zip({f"xl/p{i}.bin": b"\0" * 90_000 for i in range(900)}))
    assert "would unpack to" in (wide.unusable or "")


def test_a_password_protected_workbook_gets_a_clear_error() -> None:
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(xlsx_bytes(ROSTER))).encrypt("secret", out)
    result = load(out.getvalue())
    assert result.service is None
    assert "protected by a password" in (result.unusable or "")


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"%PDF-1.7 something", "roster.xlsx", "is a PDF, not a spreadsheet"),
        (b"\x89PNG\r\n\x1a\n....", "roster.csv", "is an image"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "roster.xls",
            "save it as an Excel Workbook",
        ),
        (b"just some text that is not a zip", "roster.xlsx", "may be damaged"),
        (b"\0\1\2\3" * 100, "roster.csv", "not a spreadsheet or a text (CSV) file"),
        (b"", "roster.csv", "is empty"),
    ],
)
def test_files_that_are_not_spreadsheets_get_a_clear_error(
    data: bytes, name: str, says: str
) -> None:
    result = load(data, name)
    assert result.service is None and says in (result.unusable or ""), result.unusable


def test_other_zip_files_are_not_taken_for_workbooks() -> None:
    ods = _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<a/>"}
    )
    assert "OpenDocument" in (load(ods, "r.ods").unusable or "")
    docx = _zip(
        {
            "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        }
    )
    assert "not an Excel workbook" in (load(docx).unusable or "")


def test_a_truncated_workbook_is_reported_as_damaged() -> None:
    data = xlsx_bytes(ROSTER)
    assert "damaged" in (load(data[: len(data) // 2]).unusable or "")


def test_files_over_the_policy_limits_are_refused(tmp_path: Path) -> None:
    data = xlsx_bytes(
        {"Roster": ROSTER["Roster"] + [[f"A{i}", "Ann", "T", 1, "ASYE"] for i in range(2, 12)]}
    )
    small = default_policy().with_changes(max_import_mb=0.001)
    assert "accepts files up to" in (import_roster(data, "r.xlsx", policy=small).unusable or "")
    few = default_policy().with_changes(max_import_rows=5)
    assert "at most 5" in (import_roster(data, "r.xlsx", policy=few).unusable or "")
    csv = ("Staff ID,Name,Team,FTE\n" + "".join(f"A{i},Ann,T,1\n" for i in range(300))).encode()
    assert "at most 5" in (import_roster(csv, "r.csv", policy=few).unusable or "")


def test_a_refused_file_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    report = tmp_path / "report.xlsx"
    assert main(["import", str(bad), "--report", str(report)]) == 2
    assert not report.exists()
    assert bad.read_bytes() == b"not a workbook"


FORMULAS = ["=1+2", "+44 1234", "-5+5", "@SUM(A1)", '=HYPERLINK("http://x")']


def _hostile_service() -> Service:
    workers = [
        Worker(
            staff_id=f, name=f, team="=T", fte=1, pcf_level="asye", job_title=f, extra={"@Notes": f}
        )
        for f in FORMULAS
    ]
    return Service(
        name="=Svc",
        local_authority="+LA",
        as_of=date(2026, 11, 1),
        teams=(Team(name="=T"),),
        workers=tuple(workers),
        extra_columns=("@Notes",),
    )


def test_exported_text_that_starts_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_roster(_hostile_service(), path)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name), name
    wb = openpyxl.load_workbook(path)
    risky = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value and cell.value[0] in "=+-@\t\r":
                    risky += 1
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
    assert risky >= 5 * len(FORMULAS) + 3
    assert load(path.read_bytes(), today=date(2026, 11, 1)).service == _hostile_service()


def test_csv_export_prefixes_an_apostrophe_and_reads_back_the_same() -> None:
    text = roster_csv(_hostile_service())
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    for formula in FORMULAS:
        assert "'" + formula in cells
    assert not [c for c in cells if c and c[0] in "=+-@\t\r"]
    result = load(text.encode("utf-8-sig"), "r.csv")
    assert result.service is not None and result.service.workers == _hostile_service().workers
