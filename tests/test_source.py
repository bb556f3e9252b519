"""The source keeps the promises the docs make about it: every number in a mechanism is
a named coefficient; modules stay short; the package list, imports and references are
in order."""

import ast
import importlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MECHANISMS = sorted((ROOT / "sim" / "mechanisms").glob("*.py"))


def _table_calls(tree):
    """Nodes inside the module-level ``COEFFICIENTS = table(...)``: where numbers belong."""
    inside = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "COEFFICIENTS" for t in node.targets):
            inside.update(id(n) for n in ast.walk(node))
    return inside


@pytest.mark.parametrize("path", MECHANISMS, ids=[p.stem for p in MECHANISMS])
def test_mechanism_logic_has_no_numbers_but_0_and_1(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = _table_calls(tree)
    found = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, complex))
             and not isinstance(node.value, bool) and node.value not in (0, 1) and id(node) not in allowed]
    assert not found, f"{path.name}: numbers outside the coefficient table (make them coefficients): {found}"


def test_every_mechanism_module_declares_its_table_and_is_registered():
    from sim.mechanisms import MODULES
    on_disk = {p.stem for p in MECHANISMS} - {"__init__"}
    assert set(MODULES) == on_disk
    for name in MODULES:
        module = importlib.import_module(f"sim.mechanisms.{name}")
        assert module.COEFFICIENTS, name
        assert all(s.mechanism == name for s in module.COEFFICIENTS)


def test_no_module_is_over_400_lines():
    long = [(str(p.relative_to(ROOT)), n) for p in (ROOT / "sim").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not long, long


def test_the_package_list_in_pyproject_matches_the_folders():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "sim").rglob("__init__.py")}
    mapped = set(config["package-dir"]) - {"sim"}
    assert listed == on_disk | mapped


def test_every_module_imports_on_its_own_without_cycles():
    modules = sorted(".".join(p.with_suffix("").relative_to(ROOT).parts) for p in (ROOT / "sim").rglob("*.py")
                     if p.name != "__main__.py" and "viz" not in p.parts)
    code = ("import importlib, sys\nbad = []\nfor m in sys.argv[1:]:\n"
            "    for k in [k for k in sys.modules if k == 'sim' or k.startswith('sim.')]: del sys.modules[k]\n"
            "    try: importlib.import_module(m)\n"
            "    except ImportError as e: bad.append(f'{m}: {e}')\nprint('\\n'.join(bad))")
    out = subprocess.run([sys.executable, "-c", code, *modules], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_nothing_points_outside_the_repository():
    pattern = re.compile(r"SCIENCE\.md|DESIGN\.md|shared/|\bseed 00\d\b")
    hits = [f"{p.relative_to(ROOT)}:{i}" for base in ("sim", "docs") for p in (ROOT / base).rglob("*")
            if p.suffix in (".py", ".md", ".toml", ".po") for i, line in
            enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    hits += [f"README.md:{i}" for i, line in enumerate((ROOT / "README.md").read_text().splitlines(), 1)
             if pattern.search(line)]
    assert not hits, hits


def test_every_public_name_survives_importing_every_module():
    # A subpackage named like an API function (once, sim.run) replaces the function
    # on `sim` as soon as anything imports it.
    code = ("import importlib, pkgutil, types, sim\n"
            "for m in pkgutil.walk_packages(sim.__path__, 'sim.'):\n"
            "    if not m.name.startswith('sim.viz'): importlib.import_module(m.name)\n"
            "bad = [n for n in sim.__all__ if n != '__version__' and isinstance(getattr(sim, n), types.ModuleType)\n"
            "       and not callable(getattr(sim, n))]  # sim.inputs is a package and a function\n"
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
