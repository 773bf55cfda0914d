"""How far a worksheet reaches, read from its XML before any reader builds its grid.

calamine, the workbook reader, builds a sheet in Rust as one rectangle from A1 to its last cell
before Python sees a value: two cells far apart (A1 and XFD200000, in a 5 KB file) ask it for
3 billion empty cells and the process is killed, the app with it for every user. So a sheet's
extent is checked first, each cell placed as calamine places it (its `r` reference, else the
column after the last; a row's `r`, else the row after the last), against the policy's row limit
and the width and area limits in `safety`:

1. the sheet's `<dimension>`, which Excel and every common writer keep true, refused at once;
2. every cell, by one regular expression that passes only cells in the form spreadsheet programs
   write (`<c r="B12" s="3" t="s">`, inside the limits), over pieces of the unpacked XML while
   another thread unpacks the next piece (`zlib` lets go of the interpreter lock, `re` does not);
3. a sheet not in that form (cells without references, other attributes, another namespace
   prefix) is read again with expat and each cell placed exactly: slower, and needed only for
   files from unusual writers or made to get past step 2.

Which zip part holds a sheet is found as calamine finds it (xl/workbook.xml, its relationships,
the path matched regardless of case); a workbook where that is in any doubt is refused, since the
check would be of one part and the reading of another.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.parsers import expat

from planner.roster.safety import CELLS_PER_ROW, MAX_COLUMNS, Limits, Rejected

CHUNK = 8 << 20  # bytes of XML looked at in one piece
SMALLEST_CELL = 12  # bytes of the shortest cell calamine keeps a place for, `<c r="A1"/>`
SHEET_FOLDERS = ("worksheets", "chartsheets", "dialogsheets")  # where calamine finds sheets
_ATTRIBUTES = b"(?:s|t|cm|vm|ph)"  # what Excel, LibreOffice and the libraries put on a cell
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?(?:worksheet|chartsheet|dialogsheet)[\s/>]")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_DECLARED = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([^\"']*)[\"']")
_ASCII_LIKE = {b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1", b"latin1"}
_REF = re.compile(r"([A-Za-z]*)([0-9]+)")


@dataclass(frozen=True)
class Reach:
    """The last row and column (1-based) a sheet's cells reach, and how many it holds."""

    rows: int
    columns: int
    cells: int = 0


# --- which part is which sheet -----------------------------------------------------------------


def sheet_parts(archive: zipfile.ZipFile, names: list[str], filename: str) -> dict[str, str]:
    """The zip part of each sheet, as calamine finds it; `names` are calamine's sheet names."""
    entries = {
        info.filename.replace("\\", "/").casefold(): info.filename for info in archive.infolist()
    }
    targets = _relationships(archive, entries.get("xl/_rels/workbook.xml.rels"), filename)
    sheets = _sheets(archive, entries.get("xl/workbook.xml"), filename)
    if [name for name, _ in sheets] != names:
        raise _doubt(filename)
    parts: dict[str, str] = {}
    for name, rel in sheets:
        target = targets.get(rel or "")
        part = entries.get(_path(target).casefold()) if target else None
        if part is None:
            raise _doubt(filename)
        parts.setdefault(name, part)
    return parts


def _path(target: str) -> str:
    """The part a relationship's target names, as calamine reads it; '' when it is not plain."""
    if not target.isascii() or any(odd in target for odd in ("&", "\\", "..", "//", "./")):
        return ""
    path = target[1:] if target.startswith("/xl/") else target
    path = path if path.startswith("xl/") else f"xl/{path}"
    return path if path.split("/")[1:2] and path.split("/")[1] in SHEET_FOLDERS else ""


def _doubt(filename: str) -> Rejected:
    return Rejected(
        f"{filename} lists its sheets in a way Excel does not write, so it was refused for "
        "safety. Open it in Excel, save it as an Excel Workbook (.xlsx), and try again."
    )


def _elements(
    archive: zipfile.ZipFile, part: str | None, local: str, filename: str
) -> list[dict[str, str]]:
    """The attributes, names as written, of each element with this local name in a small part."""
    if part is None:
        raise _doubt(filename)
    found: list[dict[str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(":")[2] == local:
            found.append(attrs)

    parser = _parser()
    parser.StartElementHandler = start
    try:
        parser.Parse(archive.read(part), True)
    except (expat.ExpatError, ValueError) as exc:
        raise _doubt(filename) from exc
    return found


def _relationships(archive: zipfile.ZipFile, part: str | None, filename: str) -> dict[str, str]:
    rels = _elements(archive, part, "Relationship", filename)
    return {a.get("Id", ""): a.get("Target", "") for a in rels}


def _sheets(
    archive: zipfile.ZipFile, part: str | None, filename: str
) -> list[tuple[str, str | None]]:
    sheets = _elements(archive, part, "sheet", filename)
    if any("r:id" in a and "relationships:id" in a for a in sheets):
        raise _doubt(filename)
    return [(a.get("name", ""), a.get("r:id", a.get("relationships:id"))) for a in sheets]


def _parser() -> Any:
    """expat with names as written (prefixes kept, as calamine compares them) and no DTD."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*args: object) -> None:
        raise ValueError("a DTD or entity declaration")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


# --- how far a sheet reaches -------------------------------------------------------------------


def check_sheet(
    archive: zipfile.ZipFile, part: str, sheet: str, filename: str, limits: Limits
) -> Reach:
    """How far the sheet in `part` reaches; `Rejected`, naming it, if further than `limits`."""
    info = archive.getinfo(part)
    pieces = _pieces(archive, part)
    try:
        head = next(pieces, b"")
        prefix = _fast_prefix(head)
        dimension = _dimension(head)
        if dimension is not None:
            _within(dimension, sheet, limits)
        if prefix is not None and _fast_pass(head, pieces, prefix, info.file_size, limits):
            return dimension or Reach(0, 0)
    finally:
        pieces.close()
    return place_cells(archive, part, sheet, filename, limits)


def _pieces(archive: zipfile.ZipFile, part: str) -> Generator[bytes, None, None]:
    """The part unpacked piece by piece, each cut before its last '<' so no tag is split, the
    next piece unpacked on another thread meanwhile."""
    with archive.open(part) as stream, ThreadPoolExecutor(1) as pool:
        pending = pool.submit(stream.read, CHUNK)
        carry = b""
        while True:
            data = pending.result()
            if not data:
                break
            pending = pool.submit(stream.read, CHUNK)
            data = carry + data
            cut = data.rfind(b"<")
            cut = cut if cut > 0 and len(data) - cut < CHUNK else len(data)
            carry = data[cut:]
            yield data[:cut]
        if carry:
            yield carry


def _fast_prefix(head: bytes) -> bytes | None:
    """The namespace prefix of the sheet's own elements (b"" for none), or None when the XML is
    not in an encoding where tags are plain ASCII bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:1024]:
        return None
    declared = _DECLARED.match(head.lstrip(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower() not in _ASCII_LIKE:
        return None
    root = _ROOT.search(head)
    return (root.group(1) + b":") if root and root.group(1) else b""


def _dimension(head: bytes) -> Reach | None:
    found = _DIMENSION.search(head)
    if found is None:
        return None
    position = _position(found.group(1).decode("ascii", "replace").rpartition(":")[2])
    return (
        None if position is None or position[1] is None else Reach(position[0] + 1, position[1] + 1)
    )


def _fast_pass(
    head: bytes, pieces: Iterator[bytes], prefix: bytes, size: int, limits: Limits
) -> bool:
    """True when every cell is in the usual form and within the narrow limits: its place is its
    reference, and no reference is beyond `CELLS_PER_ROW` columns or the row limit."""
    odd = _odd_cells(prefix, limits.sheet_rows)
    count = size > limits.sheet_cells * SMALLEST_CELL  # only a part this large can hold too many
    cells = 0
    for piece in _chain(head, pieces):
        if any(pattern.search(piece) for pattern in odd):
            return False
        if count:
            cells += piece.count(b"<" + prefix + b"c")
            if cells > limits.sheet_cells:
                return False
    return True


def _chain(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from rest


@lru_cache(maxsize=8)
def _odd_cells(prefix: bytes, rows: int) -> tuple[re.Pattern[bytes], ...]:
    """Patterns that find any cell not plainly within `CELLS_PER_ROW` columns and `rows` rows."""
    good = (
        rb'r="' + _columns_up_to(CELLS_PER_ROW) + _number_up_to(rows) + rb'"'
        rb"(?: " + _ATTRIBUTES + rb'="[^"]*+")*+\s*/?>'
    )
    own = re.escape(prefix)
    patterns = [rb"<" + own + rb"c[\s/>](?!" + good + rb")"]
    if prefix:  # cells without the prefix, or with another one
        patterns += [rb"<c[\s/>]", rb"(?<!<" + own[:-1] + rb"):c[\s/>]"]
    else:
        patterns.append(rb":c[\s/>]")
    return tuple(re.compile(p) for p in patterns)


def _columns_up_to(n: int) -> bytes:
    """A pattern for the column letters A to the n-th column (n at most 702, ZZ)."""
    parts = [rb"[A-%c]" % (64 + min(n, 26))]
    whole, rest = divmod(max(n - 26, 0), 26)
    if whole:
        parts.append(rb"[A-%c][A-Z]" % (64 + whole))
    if rest:
        parts.append(rb"%c[A-%c]" % (65 + whole, 64 + rest))
    return b"(?:" + b"|".join(parts) + b")"


def _number_up_to(n: int) -> bytes:
    """A pattern for the whole numbers 1 to n, written without leading zeros."""
    digits = str(n)
    parts = [rb"[1-9]\d{0,%d}" % (len(digits) - 2)] if len(digits) > 1 else []
    for i, d in enumerate(digits):
        low = 1 if i == 0 else 0
        if int(d) > low:
            rest = len(digits) - i - 1
            parts.append(b"%s[%d-%d]\\d{%d}" % (digits[:i].encode(), low, int(d) - 1, rest))
    parts.append(digits.encode())
    return b"(?:" + b"|".join(parts) + b")"


# --- the exact reading, for sheets not in the usual form -----------------------------------------


class _TooFar(Exception):
    def __init__(self, reach: Reach) -> None:
        self.reach = reach


class _Placer:
    """Places each cell as calamine does, and stops as soon as one is beyond the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.row = self.col = 0
        self.cell: tuple[int, int] | None = None
        self.filled = False
        self.reach = Reach(0, 0)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row" and "r" in attrs:
            self.row = _place_of(attrs["r"])[0]
        elif local == "c":
            if "r" in attrs:
                row, col = _place_of(attrs["r"])
                if col is None:
                    raise ValueError("a cell reference without a column")
                self.cell, self.col = (row, col), col
            else:
                self.cell = (self.row, self.col)
            self.filled = False
        elif self.cell is not None:
            self.filled = True  # a value, an inline string or a formula: calamine may keep it

    def end(self, name: str) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            self.row, self.col = self.row + 1, 0
        elif local == "c" and self.cell is not None:
            if self.filled:
                self._keep(*self.cell)
            self.col, self.cell = self.col + 1, None

    def _keep(self, row: int, col: int) -> None:
        r = self.reach
        self.reach = Reach(max(r.rows, row + 1), max(r.columns, col + 1), r.cells + 1)
        if not _fits(self.reach, self.limits):
            raise _TooFar(self.reach)


def place_cells(
    archive: zipfile.ZipFile, part: str, sheet: str, filename: str, limits: Limits
) -> Reach:
    """How far the sheet in `part` reaches, every cell placed as calamine places it (step 3)."""
    placer = _Placer(limits)
    parser = _parser()
    parser.StartElementHandler = placer.start
    parser.EndElementHandler = placer.end
    pieces = _pieces(archive, part)
    try:
        for piece in pieces:
            parser.Parse(piece, False)
        parser.Parse(b"", True)
    except _TooFar as far:
        _within(far.reach, sheet, limits)
    except (expat.ExpatError, ValueError) as exc:
        raise Rejected(f"{filename} could not be read as a workbook: it may be damaged.") from exc
    finally:
        pieces.close()
    return placer.reach


def _place_of(ref: str) -> tuple[int, int | None]:
    found = _position(ref)
    if found is None:
        raise ValueError(f"{ref!r} is not a cell reference")
    return found


def _position(ref: str) -> tuple[int, int | None] | None:
    """A reference's 0-based row and column (None without letters), as calamine reads it."""
    found = _REF.fullmatch(ref.strip())
    if found is None or int(found.group(2)) < 1:
        return None
    col = 0
    for letter in found.group(1).upper():
        col = col * 26 + ord(letter) - 64
    return int(found.group(2)) - 1, (col - 1 if col else None)


# --- the limits and what is said -------------------------------------------------------------------


def _fits(reach: Reach, limits: Limits) -> bool:
    return (
        reach.rows <= limits.sheet_rows
        and reach.columns <= MAX_COLUMNS
        and reach.rows * reach.columns <= limits.sheet_cells
        and reach.cells <= limits.sheet_cells
    )


def _within(reach: Reach, sheet: str, limits: Limits) -> None:
    if _fits(reach, limits):
        return
    where = (
        f"The sheet {sheet!r} reaches column {column_letters(reach.columns)} and row {reach.rows:,}"
    )
    delete = (
        "Delete what lies below or to the right of the roster (select those rows or columns, then "
        "Delete), save, and try again."
    )
    if reach.rows <= limits.sheet_rows and reach.columns <= MAX_COLUMNS:
        raise Rejected(
            f"{where}, {reach.rows * reach.columns:,} cells in all; the planner reads at most "
            f"{limits.sheet_cells:,} cells, {CELLS_PER_ROW} columns for each row it allows. {delete}"
        )
    raise Rejected(
        f"{where}; the planner reads at most {limits.max_rows:,} rows of staff and "
        f"{MAX_COLUMNS} columns. {delete}"
    )


def column_letters(column: int) -> str:
    """The letters of a 1-based column number: 1 is A, 16384 is XFD."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
