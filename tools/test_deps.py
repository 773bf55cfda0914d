#!/usr/bin/env python3
"""What the test suite needs from Debian besides Python packages: found, or installed once.

`make test` runs this before the tests. Each need is looked for where the tests look for it.
When one is missing and this machine allows it (root, with apt-get), its Debian packages are
installed; otherwise the one command that installs them is printed, and the tests that need
them are skipped with that command as the reason (`tests/deps.py` asks `missing_reason`). When
everything is there, apt is not called at all. Standard library only: it runs before anything
else is installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


def chromium() -> str | None:
    """Debian's Chromium, which the browser tests drive (never a browser Playwright fetches)."""
    return shutil.which("chromium")


def soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def postgres_bin_dir() -> Path | None:
    """Debian's PostgreSQL binaries (/usr/lib/postgresql/N/bin), or initdb on the PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4])
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def poppler() -> bool:
    """Poppler's pdftoppm and pdftotext, which turn the printed workbook into page images and
    text."""
    return all(shutil.which(tool) for tool in ("pdftoppm", "pdftotext"))


def carlito() -> bool:
    """Carlito, the free font with Calibri's measurements. The workbooks are set in Calibri;
    without Carlito LibreOffice prints them in a wider font, smaller than Excel would."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    done = subprocess.run(
        [fc_list, "Carlito", "family"], capture_output=True, text=True, check=False, timeout=60
    )
    return "Carlito" in done.stdout


@dataclass(frozen=True)
class Need:
    name: str
    packages: tuple[str, ...]  # the Debian packages that bring it
    found: Callable[[], bool]
    tests: str  # which tests need it


NEEDS = (
    Need("Chromium", ("chromium",), lambda: chromium() is not None, "the browser tests"),
    Need(
        "LibreOffice",
        ("libreoffice-calc-nogui",),
        lambda: soffice() is not None,
        "the tests that open our workbooks in LibreOffice",
    ),
    Need(
        "the Carlito font",
        ("fonts-crosextra-carlito",),
        carlito,
        "the test of the printed plan workbook",
    ),
    Need(
        "Poppler",
        ("poppler-utils",),
        poppler,
        "the test of the printed plan workbook",
    ),
    Need(
        "PostgreSQL",
        ("postgresql",),
        lambda: postgres_bin_dir() is not None,
        "the store tests against PostgreSQL",
    ),
)


def missing(names: Sequence[str] = ()) -> list[Need]:
    """The needs not found, of those named (all when none are named)."""
    return [n for n in NEEDS if (not names or n.name in names) and not n.found()]


def install_command(needs: Sequence[Need]) -> str:
    sudo = "" if os.geteuid() == 0 else "sudo "
    packages = " ".join(p for n in needs for p in n.packages)
    return f"{sudo}apt-get install -y {packages}"


def missing_reason(*names: str) -> str | None:
    """Why a test that needs these cannot run, naming the command that fixes it; None when
    all of them are there."""
    gone = missing(names)
    if not gone:
        return None
    what = " and ".join(n.name for n in gone)
    return f"{what} not installed: run `{install_command(gone)}` (make test does it as root)"


def _can_install() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def _apt(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(
        ["apt-get", *args], env=env, capture_output=True, text=True, check=False, timeout=1800
    )


def install(needs: Sequence[Need]) -> str | None:
    """Install the packages of these needs with apt-get; what went wrong, or None."""
    packages = [p for n in needs for p in n.packages]
    for args in (["update", "-qq"], ["install", "-y", "-qq", *packages]):
        done = _apt(args)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip()[-500:]
            return f"apt-get {' '.join(args)} failed: {tail}"
    return None


def main() -> int:
    gone = missing()
    if not gone:
        return 0
    if _can_install():
        names = ", ".join(n.name for n in gone)
        print(f"make test: installing {names} from Debian (once; this takes a few minutes)")
        problem = install(gone)
        if problem:
            print(problem)
        gone = missing()
        if not gone:
            return 0
    print("make test: not installed here, so these tests will be skipped:")
    for n in gone:
        print(f"  {n.name}, for {n.tests}")
    print("To run them, install them once with:")
    print(f"  {install_command(gone)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
