"""Checks a file must pass before any spreadsheet reader sees it, and safe cell text on the way out.

Sources: Apache POI's `ZipSecureFile` (an entry that inflates more than 100 times its packed size
is refused once past a 100 KiB grace size; data/sources.yaml `apache-poi-zipsecure`) and the OWASP
CSV-injection guidance (text that begins with = + - @ tab or carriage return is written so that
a spreadsheet can never run it as a formula; `owasp-csv-injection`). The guard here goes further
than its first character: the sign may follow spaces, or a `;`, `,` or tab that a spreadsheet set
to another list separator splits the line on, and may be typed full-width (＝ ＋ － ＠).

Everything here looks at bytes and the zip's central directory only: no XML is parsed before the
zip has passed, and then only with defusedxml. An XML part that declares a DTD is refused, since
Excel never writes one and entity-expansion attacks ("billion laughs") need one.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Literal

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

FileKind = Literal["xlsx", "csv"]

MAX_PARTS = 1000  # a workbook of 100 sheets has about 300 parts
MAX_RATIO = 100  # Apache POI: minimum inflate ratio 0.01
GRACE_BYTES = 100 * 1024  # Apache POI: entries smaller than this are not ratio-checked
PROLOG_BYTES = 64 * 1024  # how far into an XML part its root element must start
# The signs that start a formula, plain and full-width: input methods for Japanese and Chinese
# type the full-width forms, and spreadsheets read them as the plain ones.
FORMULA_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20"
FORMULA_STARTS = frozenset(FORMULA_SIGNS + "\t\r")  # a cell whose first character is one of these
SEPARATORS = ";,\t"  # what a spreadsheet set to another locale may split a CSV line on
# The sheet a roster may fill. Rows come from the policy (`max_import_rows`); these say how wide.
# MAX_COLUMNS is Excel 97-2003's width, IV: the template has 29 columns, an ASC-WDS file 44, and an
# HR export with every column of its own stays well inside it. CELLS_PER_ROW sets the area: a
# sheet may cover the row limit times 64 cells (the template or ASC-WDS with HR's columns beside),
# so a wide sheet must be shorter; that area is what bounds the memory a reader asks for.
MAX_COLUMNS = 256
CELLS_PER_ROW = 64
HEADER_ROWS = 100  # rows a sheet may have beyond the row limit: titles, notes and the header

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_WORKBOOK_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
_ROOT = re.compile(rb"<[A-Za-z_]")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_OTHER_FORMATS = {b"%PDF": "a PDF", b"\x89PNG": "an image", b"\xff\xd8\xff": "an image"}


class Rejected(Exception):
    """The file cannot be used; the message says why in words HR understands."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int

    @property
    def sheet_rows(self) -> int:
        """The last row a sheet may reach."""
        return self.max_rows + HEADER_ROWS

    @property
    def sheet_cells(self) -> int:
        """The most cells a sheet may cover, from A1 to its last row and column."""
        return self.sheet_rows * CELLS_PER_ROW


def check_file(data: bytes, filename: str, limits: Limits) -> FileKind:
    """What kind of file this is, or `Rejected` with the reason; reads no XML but one part."""
    size_mb = len(data) / 1024 / 1024
    if len(data) > limits.max_bytes:
        raise Rejected(
            f"{filename} is {size_mb:.1f} MB; the planner accepts files up to "
            f"{limits.max_bytes / 1024 / 1024:g} MB. Save only the roster sheet and try again."
        )
    if not data.strip():
        raise Rejected(f"{filename} is empty.")
    if data.startswith(b"PK"):
        _check_zip(data, filename)
        return "xlsx"
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise Rejected(
                f"{filename} is protected by a password. Remove the password in Excel "
                "(File > Info > Protect Workbook > Encrypt with Password, clear it), save, and try again."
            )
        raise Rejected(
            f"{filename} is an old-style Excel 97-2003 (.xls) file. Open it in Excel and "
            "save it as an Excel Workbook (.xlsx)."
        )
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    for magic, what in _OTHER_FORMATS.items():
        if data.startswith(magic):
            raise Rejected(f"{filename} is {what}, not a spreadsheet.")
    if suffix in ("xlsx", "xlsm", "xls", "xltx"):
        raise Rejected(f"{filename} is not a readable Excel workbook: it may be damaged.")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Rejected(f"{filename} is not a spreadsheet or a text (CSV) file.")
    return "csv"


def _check_zip(data: bytes, filename: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many types on damaged bytes; all mean the same
        raise Rejected(f"{filename} is damaged and cannot be opened as a workbook.") from exc
    with archive:
        _check_entries(infos, filename)
        names = {info.filename for info in infos}
        if "mimetype" in names and b"opendocument" in _read(archive, "mimetype", 200):
            raise Rejected(
                f"{filename} is an OpenDocument spreadsheet. Save it as an Excel Workbook (.xlsx)."
            )
        if "[Content_Types].xml" not in names:
            raise Rejected(f"{filename} is a zip file but not an Excel workbook.")
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _check_prolog(archive, info, filename)
        _check_content_types(_read(archive, "[Content_Types].xml", 1024 * 1024), filename)


def _check_entries(infos: list[zipfile.ZipInfo], filename: str) -> None:
    if len(infos) > MAX_PARTS:
        raise Rejected(
            f"{filename} holds {len(infos):,} parts, more than the {MAX_PARTS:,} a roster "
            "workbook could need; it was refused for safety."
        )
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > MAX_RATIO * max(packed, GRACE_BYTES):
        raise Rejected(
            f"{filename} would unpack to {total / 1024 / 1024:,.0f} MB from "
            f"{packed / 1024 / 1024:,.1f} MB; it was refused for safety (a 'zip bomb')."
        )
    # Readers find a part by its name regardless of case and slash, each in its own way: a name
    # given twice could show this check one part and the reader another.
    names = {info.filename.replace("\\", "/").casefold() for info in infos}
    if len(names) != len(infos):
        raise Rejected(f"{filename} names one of its parts twice; it was refused for safety.")
    for info in infos:
        if info.flag_bits & 0x1:
            raise Rejected(f"{filename} has encrypted parts; remove the password and try again.")
        if info.file_size > GRACE_BYTES and info.file_size > MAX_RATIO * info.compress_size:
            raise Rejected(
                f"{filename}: part {info.filename} is compressed more than {MAX_RATIO} times, "
                "as 'zip bombs' are; it was refused for safety."
            )


def _read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with archive.open(name) as part:
            return part.read(limit)
    except Exception as exc:  # damaged or unsupported compression, bad CRC, truncated data
        raise Rejected("The workbook is damaged and cannot be opened.") from exc


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str) -> None:
    head = _read(archive, info.filename, PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    root = _ROOT.search(head)
    prolog = head[: root.start()] if root else head
    if _DTD.search(prolog) or (root is None and len(head) >= PROLOG_BYTES):
        raise Rejected(
            f"{filename} was refused for safety: part {info.filename} declares XML entities "
            "(a DTD), which Excel never writes and XML attacks such as 'billion laughs' use."
        )


def _check_content_types(xml: bytes, filename: str) -> None:
    try:
        root = fromstring(xml, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise Rejected(
            f"{filename} was refused for safety: its package list is not clean XML."
        ) from exc
    types = {el.get("ContentType", "") for el in root.iter() if el.get("ContentType")}
    if not types.intersection(_WORKBOOK_TYPES):
        raise Rejected(f"{filename} is an Office file but not an Excel workbook.")


# --- writing ----------------------------------------------------------------------------------

_SIGNS = re.escape(FORMULA_SIGNS)
_SEPS = re.escape(SEPARATORS)
_BREAKS = re.escape(SEPARATORS + "\r\n")  # a line break ends a record where quotes are not read
# The start of the text or a separator or line break, then any spaces, separators and quotes:
# where a piece of the line begins in a spreadsheet that splits it there. A sign (or an
# apostrophe) right after it is guarded, so quoting the whole field (which only a spreadsheet
# splitting on commas honours) is not needed for safety.
_PIECE = rf'(?:^|[{_BREAKS}])[\s{_SEPS}"]*'
_UNGUARDED = re.compile(rf"{_PIECE}(?=[{_SIGNS}'])")
_GUARDED = re.compile(rf"({_PIECE})'(?=[{_SIGNS}'])")
_LEADING_SIGN = re.compile(rf"[\s{_SEPS}]*[{_SIGNS}]")
_FIRST_RISK = frozenset(FORMULA_SIGNS + "'\"" + SEPARATORS)


def starts_like_formula(text: str) -> bool:
    """Text a spreadsheet would take as a formula (OWASP CSV injection): a sign first, or after
    spaces and separators, or a tab or carriage return first."""
    first = text[:1]
    if first in FORMULA_STARTS:
        return True
    return (first.isspace() or first in SEPARATORS) and _LEADING_SIGN.match(text) is not None


def csv_safe(text: str) -> str:
    """A CSV cell that cannot run, however a spreadsheet splits it: an apostrophe before each sign
    that begins a piece, and before an apostrophe there, which `csv_unquote` takes off again."""
    if text[:1] not in _FIRST_RISK and not text[:1].isspace() and not _has_separator(text):
        return text  # the usual case, answered without a regular expression
    return _UNGUARDED.sub(r"\g<0>'", text)


def csv_unquote(text: str) -> str:
    """The text `csv_safe` was given: each apostrophe it put in taken out."""
    if "'" not in text:
        return text
    return _GUARDED.sub(r"\1", text)


def _has_separator(text: str) -> bool:
    return ";" in text or "," in text or "\t" in text or "\n" in text or "\r" in text
