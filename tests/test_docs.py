"""House rules a reviewer would otherwise check by hand."""

from __future__ import annotations

import argparse
import ast

from planner.cli.main import build_parser
from tests.conftest import ROOT


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = _subcommands()
    assert {"check-data", "demo", "show", "serve"} <= set(commands)
    for name, sub in commands.items():
        assert sub.description, f"planner {name} has no help text"
        assert f"`planner {name}" in readme, f"planner {name} is missing from the README"


def test_the_readme_starts_with_the_two_commands() -> None:
    first_lines = (ROOT / "README.md").read_text().splitlines()[:6]
    assert any(line.startswith("make run") for line in first_lines)
    assert any(line.startswith("make test") for line in first_lines)


def test_planner_never_imports_streamlit() -> None:
    for path in (ROOT / "planner").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path


def test_no_python_literal_repeats_the_framework() -> None:
    """Domain and level names live in data/, not in code."""
    for path in (ROOT / "planner").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for phrase in (
            "Critical Reflection and Analysis",
            "Professional Leadership",
            "Readiness for direct practice",
        ):
            assert phrase not in text, f"{path.name} repeats {phrase!r}"
