"""Hostile workbooks against issue 17's target: a sparse sheet (A1 and XFD200000, a few KB that ask
a reader for 3 billion cells) is refused in under a second with under 200 MB peak memory.

Each file is imported in a fresh process, timed from the call (the interpreter and the planner's
imports excluded) and measured by that process's own peak resident memory, which includes the
interpreter and the planner's modules. Three forms: as openpyxl writes it (the sheet's dimension
says how far it reaches), with a dimension that lies (every cell must be read), and with cells
placed without references (read exactly, cell by cell). The child first imports an ordinary
roster, as a running server has, so the time is the refusal's and not the loading of reference
data on first use.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.common import registry, verdict

BENCHES, bench = registry()
TARGET_S = 1.0
TARGET_MB = 200
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADINGS = ["Staff ID", "Name", "Team", "FTE", "PCF level"]


def _openpyxl_far() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Roster"
    for col, heading in enumerate(HEADINGS, start=1):
        ws.cell(row=1, column=col, value=heading)
    ws.cell(row=200_000, column=16384, value="x")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_sheet(data: bytes, sheet: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else None
            dst.writestr(info.filename, part or src.read(info.filename))
    return out.getvalue()


def _sheet(dimension: str, rows: str) -> str:
    cells = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADINGS)
    return (
        f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>'
        f"<row>{cells}</row>{rows}</sheetData></worksheet>"
    )


def _files() -> dict[str, bytes]:
    far = _openpyxl_far()
    return {
        "openpyxl, A1 and XFD200000": far,
        "dimension says A1:E1": _with_sheet(
            far, _sheet("A1:E1", '<row r="200000"><c r="XFD200000"><v>1</v></c></row>')
        ),
        "no references, A1 and XFD2": _with_sheet(
            far, _sheet("A1:E1", "<row>" + "<c/>" * 16_383 + "<c><v>1</v></c></row>")
        ),
    }


_CHILD = """
import json, sys, time
from pathlib import Path
from bench.common import own_peak_mb
from planner.roster.reading.importer import import_roster
import_roster(Path(sys.argv[2]))  # a server has read a roster before: its first-use loading done
before = own_peak_mb()
t0 = time.perf_counter()
result = import_roster(Path(sys.argv[1]))
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "peak_mb": own_peak_mb(), "before_mb": before,
                  "said": result.unusable}))
"""


def _refusal(path: Path, warm: Path) -> dict[str, object]:
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(warm)],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    if run.returncode != 0:
        return {"seconds": float("inf"), "peak_mb": float("inf"), "said": run.stderr[-300:]}
    found: dict[str, object] = json.loads(run.stdout)
    return found


@bench
def sparse_sheet() -> None:
    """A sparse hostile workbook (A1 and XFD200000) refused in under 1 s with under 200 MB."""
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "ordinary.csv"
        warm.write_text(",".join(HEADINGS) + "\nA1,Ann,T,1,ASYE\n")
        for name, data in _files().items():
            path = Path(tmp) / "roster.xlsx"
            path.write_bytes(data)
            found = _refusal(path, warm)
            figures[name] = found
            seconds, peak = float(found["seconds"]), float(found["peak_mb"])  # type: ignore[arg-type]
            refused = "reaches column XFD" in str(found.get("said"))
            ok = refused and seconds < TARGET_S and peak < TARGET_MB
            print(
                f"  {name} ({len(data) / 1024:,.0f} KB): refused {'yes' if refused else 'NO'} in "
                f"{seconds:.3f} s, peak {peak:,.0f} MB (the planner loaded: "
                f"{float(found.get('before_mb', 0)):,.0f} MB; target under {TARGET_S:g} s and "  # type: ignore[arg-type]
                f"{TARGET_MB} MB): {verdict(ok)}"
            )
    print(json.dumps(figures, default=str))
