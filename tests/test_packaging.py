"""`pip install .` outside the checkout still finds the reference data and the app."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_the_wheel_carries_data_and_app_and_finds_them(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("planner-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "planner/_data/pcf/levels.yaml" in names
    assert "planner/_data/population/adult_population_england_snpp2018.csv" in names
    assert "planner/_app/app.py" in names and "planner/_app/screens/overview.py" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    probe = (
        "from planner.paths import data_dir, app_path; from planner.reference.framework import load_framework;"
        "print(data_dir()); print(app_path()); print(len(load_framework().categories))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
    )
    data, app, categories = done.stdout.split()
    assert data == str(unpacked / "planner" / "_data")
    assert app == str(unpacked / "planner" / "_app" / "app.py")
    assert categories == "5"


def test_no_folder_beside_the_app_is_auto_discovered_as_pages() -> None:
    """Streamlit turns a `pages/` folder beside the main script into its own menu of file names;
    a first visitor's deep link (say /history) then got that menu without our sidebar."""
    assert not (ROOT / "pages").exists()
    assert (ROOT / "screens" / "overview.py").exists()
