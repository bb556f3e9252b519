"""The package's import graph, read from the source: every ``import`` and ``from ...
import`` of a ``sim`` module, at module level or inside a function (a function-level
import runs too, only later), leaving out those under ``if TYPE_CHECKING:`` (they never
run). Used by tests/test_source.py to find import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path) -> str:
    parts = list(path.with_suffix("").relative_to(ROOT).parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:``."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            out.update(id(n) for child in node.body for n in ast.walk(child))
    return out


def imports_of(source: str, name: str, modules: set[str]) -> set[str]:
    """The ``sim`` modules the module ``name`` (source ``source``) imports."""
    tree = ast.parse(source)
    skipped = _type_checking_only(tree)
    package = name if name in modules and any(m.startswith(name + ".") for m in modules) else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name.split(".")[0] == "sim")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            if base.split(".")[0] != "sim":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                out.add(full if full in modules else base)
    return {m for m in out if m in modules and m != name}


def graph(extra: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """{module: the sim modules it imports} for every module of the package (plus
    ``extra`` edges, for a test that the cycle check sees a cycle)."""
    paths = {module_name(p): p for p in (ROOT / "sim").rglob("*.py")}
    modules = set(paths)
    edges = {name: imports_of(path.read_text(encoding="utf-8"), name, modules) for name, path in paths.items()}
    for name, more in (extra or {}).items():
        edges.setdefault(name, set()).update(more)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of modules larger than one (Tarjan's algorithm):
    each is at least one import cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found
