"""Raw cells from an .xlsx workbook or a .csv file, after `safety.check_file` has passed them.

Workbooks are read with python-calamine (Rust): about seven times faster than openpyxl on a
100,000-row roster, and its XML reader never expands entities. Formulas are read as the values
Excel last saved for them, so a formula can never come through as anything but its value.
CSV files are decoded as Excel writes them: UTF-8 (with or without the byte-order mark), UTF-16
("Unicode text"), or Windows-1252 from Excel on Windows. Row i of a sheet's `rows` is the
spreadsheet's row i + 1, so problems can name the row HR sees.

No grid is built for a sheet that reaches further than a roster can: `sheet_extent` reads how far
a workbook's sheet reaches before calamine sees it, and a CSV row wider than `MAX_COLUMNS` stops
the reading at that row.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from python_calamine import CalamineSheet, CalamineWorkbook, SheetVisibleEnum

from planner.roster.reading.sheet_extent import check_sheet, column_letters, sheet_parts
from planner.roster.safety import MAX_COLUMNS, FileKind, Limits, Rejected, csv_unquote
from planner.roster.values import Cell

_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool


class Book:
    """A workbook or CSV file as named sheets of raw cells, each sheet read when first asked."""

    def __init__(self, filename: str, sheets: list[SheetInfo], limits: Limits) -> None:
        self.filename = filename
        self.sheets = sheets
        self.limits = limits
        self._rows: dict[str, list[list[Cell]]] = {}

    def names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def rows(self, name: str) -> list[list[Cell]]:
        if name not in self._rows:
            self._rows[name] = self._load(name)
        return self._rows[name]

    def _load(self, name: str) -> list[list[Cell]]:
        raise NotImplementedError


class _Workbook(Book):
    def __init__(self, data: bytes, filename: str, limits: Limits) -> None:
        try:
            self._wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
            meta = self._wb.sheets_metadata
        except Exception as exc:  # calamine raises its own types, and panics as others
            raise Rejected(_unreadable(filename, exc)) from exc
        sheets = [SheetInfo(m.name, m.visible == SheetVisibleEnum.Visible) for m in meta]
        super().__init__(filename, sheets, limits)
        self._zip = zipfile.ZipFile(io.BytesIO(data))  # `safety.check_file` has opened it before
        self._parts = sheet_parts(self._zip, self.names(), filename)

    def _load(self, name: str) -> list[list[Cell]]:
        check_sheet(self._zip, self._parts[name], name, self.filename, self.limits)
        try:
            sheet = self._wb.get_sheet_by_name(name)
            rows: list[list[Cell]] = sheet.to_python(skip_empty_area=False)
            _fill_merged(sheet, rows)
        except Rejected:
            raise
        except Exception as exc:
            raise Rejected(_unreadable(self.filename, exc)) from exc
        return rows


def _unreadable(filename: str, exc: Exception) -> str:
    if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
        return f"{filename} is protected by a password. Remove the password and try again."
    return f"{filename} could not be read as a workbook: it may be damaged."


def _fill_merged(sheet: CalamineSheet, rows: list[list[Cell]]) -> None:
    """Give each row of a vertically merged cell the merged value, as HR reads it on screen."""
    for (top, left), (bottom, _right) in sheet.merged_cell_ranges or []:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            if left < len(row) and row[left] == "":
                row[left] = value


class _CsvFile(Book):
    def __init__(self, data: bytes, filename: str, limits: Limits) -> None:
        stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "Sheet1"
        super().__init__(filename, [SheetInfo(stem[:31], True)], limits)
        self._data = data

    def _load(self, name: str) -> list[list[Cell]]:
        text = decode_text(self._data)
        lines = text.splitlines()
        if len(lines) > self.limits.max_rows + 100:
            raise Rejected(
                f"{self.filename} has {len(lines):,} lines; the planner accepts at most "
                f"{self.limits.max_rows:,} rows of staff."
            )
        delimiter = _delimiter(lines[:50])
        # A cell may be as long as the file: one longer than a spreadsheet holds is reported on
        # its row by the importer, not taken for a broken file.
        csv.field_size_limit(max(csv.field_size_limit(), self.limits.max_bytes))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            return [[csv_unquote(cell) for cell in row] for row in self._narrow(reader)]
        except csv.Error as exc:
            raise Rejected(f"{self.filename} is not a well-formed CSV file ({exc}).") from exc

    def _narrow(self, rows: Iterable[list[str]]) -> Iterable[list[str]]:
        """The rows, stopping at the first wider than any roster (each row is read on its own)."""
        for number, row in enumerate(rows, start=1):
            if len(row) > MAX_COLUMNS:
                raise Rejected(
                    f"The sheet {self.sheets[0].name!r} reaches column {column_letters(len(row))} "
                    f"on row {number:,}; the planner reads at most {MAX_COLUMNS} columns. Save "
                    "only the roster's columns and try again."
                )
            yield row


def decode_text(data: bytes) -> str:
    """Text as Excel saves CSV: UTF-8 (BOM or not), UTF-16 with its BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; they become U+FFFD rather than an error.
        return data.decode("cp1252", errors="replace")


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the most of the first lines into the same number of cells."""
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        counts = [line.count(delimiter) for line in lines if line.strip()]
        score = max(counts, default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def open_book(data: bytes, filename: str, kind: FileKind, limits: Limits) -> Book:
    if kind == "xlsx":
        return _Workbook(data, filename, limits)
    return _CsvFile(data, filename, limits)
