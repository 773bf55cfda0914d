"""LibreOffice for the tests that open our workbooks in it: the `soffice` fixture (registered
in conftest.py) and `convert`.

`make test` installs Debian's LibreOffice (libreoffice-calc-nogui) when it is missing and it
can; elsewhere those tests are skipped, the reason naming the command that installs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.deps import require
from tools.test_deps import soffice as find_soffice


@pytest.fixture(scope="session")
def soffice() -> str:
    require("LibreOffice")
    found = find_soffice()
    assert found is not None
    return found


def convert(soffice: str, book: Path, to: str, timeout: float = 300) -> Path:
    """LibreOffice's own conversion of `book` (`to` a filter such as "pdf"), written beside
    it; a profile of its own beside it too, so conversions in parallel never share one."""
    profile = f"-env:UserInstallation=file://{book.parent / 'lo-profile'}"
    done = subprocess.run(
        [soffice, profile, "--headless", "--convert-to", to, "--outdir", str(book.parent), book],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return book.with_suffix("." + to.split(":")[0])
