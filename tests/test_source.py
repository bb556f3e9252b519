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


#: Numbers the model's code may hold outside a coefficient table: structure, not
#: behaviour (module.NAME: why). Each is a module-level constant with a comment beside it.
STRUCTURAL = {
    "batching.BATCH_AGENTS": "runs per batch: how much of the processor's cache a batch fills",
    "batching.MAX_BATCH": "the most runs a stopped sweep loses per process",
    "past.CACHE_BYTES": "memory for remembered burn-ins",
    "past.POISSON_TAIL_SD": "where the table of Poisson probabilities may stop (below 1e-12 left)",
    "past.POISSON_TAIL_CASES": "the same, in cases",
    "past.HALF_UNIT": "a rural part of x.5 units rounds up to a whole unit",
    "metrics.TARGET_WINDOW": "the width of the histogram bins that count bunching: how it is measured",
    "metrics.TINY": "a guard against dividing by zero",
    "metrics.QUALITY_FLOOR": "a guard against dividing by zero quality",
    "metrics.RULES_FLOOR": "a guard against dividing by an empty rulebook",
    "metrics.VARIANCE_FLOOR": "below it a value does not vary (a correlation is 0)",
    "metrics.PER_CASES": "serious errors are counted per 1,000 cases",
    "metrics.REPORTED_PARTS": "reported performance is the mean of its two parts",
    "metrics.RESOURCE_SPLIT": "visits by resources split citizens at the middle of their distribution",
    "network.SIDES": "a ring lattice has neighbours on two sides",
    "rng.KEY_WORDS": "a Philox key has two 64-bit words",
    "runaxis.RUN_AXIS": "the run axis of a stack of draws is second to last",
    "model.NETWORK_CITIZENS": "the most citizens the Mesa network space holds",
    "staffing.MIN_FUNDED": "a floor against a negative frontline capacity that no run reaches",
    "fingerprint.DIGITS": "hex digits kept of the model's hash",
}
MODEL_CODE = sorted((ROOT / "sim" / "mechanisms").glob("*.py")) + sorted((ROOT / "sim" / "model").glob("*.py"))


def _where_numbers_belong(tree, module: str):
    """Nodes where a number may stand: the coefficient table, a field's starting value
    in a declaration (an initial condition: every run starts from a burn-in of years under
    its past regime, which moves these states to that regime's steady state, so they are not
    behaviour; tests/test_science.py checks the status quo is a steady state), what a random
    stream draws per agent (its declaration), and the structural constants."""
    inside = set()
    for node in tree.body:
        targets = getattr(node, "targets", [getattr(node, "target", None)])
        names = [n.id for t in targets if t for n in ast.walk(t) if isinstance(n, ast.Name)]
        value = getattr(node, "value", None)
        declares_stream = isinstance(value, ast.Call) and getattr(value.func, "id", "") == "Stream"
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and (
                "COEFFICIENTS" in names or declares_stream or any(f"{module}.{n}" in STRUCTURAL for n in names)):
            inside.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "Fields" for b in node.bases):
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "id", "").startswith("per_"):
                    inside.update(id(k) for kw in call.keywords if kw.arg == "start" for k in ast.walk(kw))
    return inside


@pytest.mark.parametrize("path", MODEL_CODE, ids=[f"{p.parent.name}.{p.stem}" for p in MODEL_CODE])
def test_the_model_holds_no_number_but_0_and_1_outside_its_tables(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = _where_numbers_belong(tree, path.stem)
    found = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, complex))
             and not isinstance(node.value, bool) and node.value not in (0, 1) and id(node) not in allowed]
    assert not found, (f"{path.parent.name}/{path.name}: numbers outside the coefficient table (make them "
                       f"coefficients, or structural constants on the list with their reason): {found}")


def test_every_structural_constant_exists_and_the_list_is_short():
    assert len(STRUCTURAL) <= 20
    for name in STRUCTURAL:
        module, constant = name.split(".")
        package = "mechanisms" if (ROOT / "sim" / "mechanisms" / f"{module}.py").exists() else "model"
        assert hasattr(importlib.import_module(f"sim.{package}.{module}"), constant), name


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


def test_every_module_imports_on_its_own():
    modules = sorted(".".join(p.with_suffix("").relative_to(ROOT).parts) for p in (ROOT / "sim").rglob("*.py")
                     if p.name != "__main__.py" and "viz" not in p.parts)
    code = ("import importlib, sys\nbad = []\nfor m in sys.argv[1:]:\n"
            "    for k in [k for k in sys.modules if k == 'sim' or k.startswith('sim.')]: del sys.modules[k]\n"
            "    try: importlib.import_module(m)\n"
            "    except ImportError as e: bad.append(f'{m}: {e}')\nprint('\\n'.join(bad))")
    out = subprocess.run([sys.executable, "-c", code, *modules], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_no_import_cycles_function_level_imports_included():
    import imports
    assert imports.cycles(imports.graph()) == []


def test_the_cycle_check_sees_a_cycle_through_a_function_level_import(tmp_path):
    import imports
    # a function-level import that closes a loop (sim.model.rng is imported by the engine)
    source = "def late():\n    from sim.model.engine import Engine\n    return Engine\n"
    edges = imports.graph(extra={"sim.model.rng": imports.imports_of(source, "sim.model.rng",
                                                                    set(imports.graph()))})
    assert any("sim.model.rng" in cycle and "sim.model.engine" in cycle for cycle in imports.cycles(edges))
    # an import under TYPE_CHECKING never runs and closes no loop
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sim.model.engine import Engine\n"
    assert imports.imports_of(source, "sim.model.rng", set(imports.graph())) == set()


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
