"""The package layout is the architecture: each package imports only packages below it.

From the bottom: helpers; reference data; the workforce; analysis and rosters (side by side:
neither reads the other); succession; what-ifs; disclosure and the store; workbooks; what pages
show; the command line. A package that imports one above it (the store reaching into the CLI,
the workforce into analysis) fails here, naming the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLANNER = Path(__file__).resolve().parent.parent / "planner"
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer)
    for layer in (
        {"paths", "gc_pause"},
        {"reference"},
        {"workforce"},
        {"analysis", "roster"},
        {"succession"},
        {"whatif"},
        {"disclosure", "store"},
        {"workbooks"},
        {"present", "check_data"},
        {"cli"},
    )
)
RANK = {unit: n for n, layer in enumerate(LAYERS) for unit in layer}
MAX_TOP_MODULES = 8


def _unit(module: str) -> str | None:
    """The top-level unit (package or module) of a planner module name, or None."""
    parts = module.split(".")
    if parts[0] != "planner" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Each `planner` import in a file: line, module, names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name, []) for a in node.names)
    return [f for f in found if f[1].split(".")[0] == "planner"]


def _sources() -> list[Path]:
    return sorted(p for p in PLANNER.rglob("*.py") if "_data" not in p.parts)


def _unit_of_file(path: Path) -> str:
    rel = path.relative_to(PLANNER)
    return rel.parts[0].removesuffix(".py")


def breaches(path: Path, own: str) -> list[str]:
    """Imports in one file of unit `own` that reach up or sideways, or take a private name."""
    out = []
    for line, module, names in _imports(path):
        other = _unit(module)
        if other is None or other == own:
            continue
        if RANK.get(other, len(LAYERS)) >= RANK.get(own, -1):
            out.append(f"{path.name}:{line} imports {module} ({other} is not below {own})")
        out.extend(
            f"{path.name}:{line} imports the private {module}.{n}" for n in names if n[0] == "_"
        )
    return out


def test_every_package_imports_only_packages_below_it() -> None:
    found = [b for path in _sources() for b in breaches(path, _unit_of_file(path))]
    assert found == []


def test_the_check_catches_an_import_upwards_and_a_private_name(tmp_path: Path) -> None:
    # The check itself must be able to fail: a workforce module reading the analysis.
    copy = tmp_path / "models.py"
    copy.write_text(
        (PLANNER / "workforce" / "models.py").read_text(encoding="utf-8")
        + "\nfrom planner.analysis.report import analyse\n"
        + "from planner.reference.policy import _private\n",
        encoding="utf-8",
    )
    found = breaches(copy, "workforce")
    assert len(found) == 2
    assert "analysis is not below workforce" in found[0]
    assert "private planner.reference.policy._private" in found[1]


@pytest.mark.parametrize("unit", sorted(RANK))
def test_each_layer_names_something_that_exists(unit: str) -> None:
    assert (PLANNER / unit).is_dir() or (PLANNER / f"{unit}.py").is_file()


def test_every_package_and_top_module_is_in_a_layer() -> None:
    units = {
        p.name.removesuffix(".py")
        for p in PLANNER.iterdir()
        if not p.name.startswith("_") and (p.is_dir() or p.suffix == ".py")
    }
    assert units - set(RANK) == set()


def test_the_top_level_is_packages_and_a_few_modules() -> None:
    modules = sorted(p.name for p in PLANNER.glob("*.py"))
    assert len(modules) <= MAX_TOP_MODULES, modules
    assert not [m for m in modules if m.startswith("store_") or m.endswith("_cli.py")]
