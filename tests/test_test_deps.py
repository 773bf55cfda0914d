"""`make test` on a machine without Chromium, LibreOffice or PostgreSQL (tools/test_deps.py):
installed when it can (root and apt-get), otherwise the tests that need them are skipped with
the one command that installs them as the reason, and nothing else is skipped. When everything
is there apt is never called."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.deps import REQUIRE
from tests.store import pg
from tools import test_deps


def _pytest_without_path(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The tests run with nothing on the PATH: no chromium, no libreoffice, no fc-list."""
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in (REQUIRE, *pg.REQUIRE)}
    env["PATH"] = str(empty)
    argv = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *args]
    return subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_browser_tests_skip_naming_the_command_without_chromium(tmp_path: Path) -> None:
    done = _pytest_without_path(tmp_path, "tests/e2e")
    assert done.returncode == 0, done.stdout[-3000:]
    summary = done.stdout.strip().splitlines()[-1]
    assert "skipped" in summary and "passed" not in summary and "error" not in summary, summary
    assert "Chromium not installed: run `" in done.stdout
    assert "apt-get install -y chromium`" in done.stdout


def test_libreoffice_tests_skip_naming_the_command_without_it(tmp_path: Path) -> None:
    done = _pytest_without_path(tmp_path, "tests/roster/test_libreoffice.py")
    assert done.returncode == 0, done.stdout[-3000:]
    assert "2 skipped" in done.stdout.strip().splitlines()[-1]
    assert "apt-get install -y libreoffice-calc-nogui`" in done.stdout


def test_required_tools_fail_rather_than_skip_in_ci(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), REQUIRE: "1"}
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/e2e"]
    done = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode != 0
    assert f"{REQUIRE} is set but Chromium not installed" in done.stdout


def test_postgres_reason_names_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pg.ENV_URL, raising=False)
    monkeypatch.setattr(test_deps, "postgres_bin_dir", lambda: None)
    reason = pg.unavailable_reason()
    assert reason is not None
    assert "apt-get install -y postgresql`" in reason and pg.ENV_URL in reason


def _everything(monkeypatch: pytest.MonkeyPatch, present: bool) -> None:
    needs = tuple(
        n.__class__(n.name, n.packages, lambda: present, n.tests) for n in test_deps.NEEDS
    )
    monkeypatch.setattr(test_deps, "NEEDS", needs)


def test_nothing_missing_means_no_apt_call(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _everything(monkeypatch, present=True)
    monkeypatch.setattr(test_deps, "_apt", lambda args: pytest.fail(f"apt-get {args} called"))
    assert test_deps.main() == 0
    assert capsys.readouterr().out == ""


def test_not_root_prints_the_one_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _everything(monkeypatch, present=False)
    monkeypatch.setattr(test_deps.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(test_deps, "_apt", lambda args: pytest.fail(f"apt-get {args} called"))
    assert test_deps.main() == 0
    out = capsys.readouterr().out
    command = (
        "sudo apt-get install -y chromium libreoffice-calc-nogui fonts-crosextra-carlito "
        "poppler-utils postgresql"
    )
    assert command in out and "skipped" in out


def test_as_root_installs_what_is_missing_with_apt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    installed: list[str] = []
    chromium = test_deps.Need("Chromium", ("chromium",), lambda: "chromium" in installed, "")
    there = test_deps.Need("PostgreSQL", ("postgresql",), lambda: True, "")
    monkeypatch.setattr(test_deps, "NEEDS", (chromium, there))
    monkeypatch.setattr(test_deps.os, "geteuid", lambda: 0)
    monkeypatch.setattr(test_deps.shutil, "which", lambda name: f"/usr/bin/{name}")
    calls: list[list[str]] = []

    def apt(args: list[str]) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        if args[0] == "install":
            installed.extend(args[3:])
        return subprocess.CompletedProcess(["apt-get", *args], 0, "", "")

    monkeypatch.setattr(test_deps, "_apt", apt)
    assert test_deps.main() == 0
    assert calls == [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]
    assert "skipped" not in capsys.readouterr().out
