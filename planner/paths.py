"""Where the reference data and the Streamlit app live, installed or in a checkout.

A wheel carries them inside the package (`planner/_data`, `planner/_app`); an editable install
or a checkout finds them beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir() -> Path:
    bundled = _PACKAGE / "_data"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "data"


def app_path() -> Path:
    bundled = _PACKAGE / "_app" / "app.py"
    return bundled if bundled.is_file() else _PACKAGE.parent / "app.py"
