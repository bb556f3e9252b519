"""What each mechanism reads and writes, from its source (not from running it), so the
check holds for any way the week is run.

``check(module)`` lists every way a mechanism module breaks its declarations
(``sim.model.fields``): a field, lever, input or stream it uses but does not declare,
a declaration it does not use, a field of another module it writes without declaring
it, a call that passes an array by position or under another field's name.
``readers`` says which mechanisms read a lever, for ``steersim list`` and docs/ODD.md.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass, field
from types import ModuleType

from sim.model.levers import NAMES as LEVER_NAMES

#: The three places a lever is read (``sim.model.levers``).
_LEVER_VIEWS = ("lever", "worker_lever", "org_lever")
#: Helpers in ``sim.mechanisms`` that take plain numbers by position (generic maths).
_POSITIONAL_HELPERS = frozenset({"clip", "saturating"})


@dataclass
class Anatomy:
    """What a piece of mechanism source reads and writes (names, with line numbers)."""

    reads: dict[str, int] = field(default_factory=dict)      # s.<name> read
    writes: dict[str, int] = field(default_factory=dict)     # s.<name> assigned or updated
    levers: dict[str, int] = field(default_factory=dict)     # s.lever.<name> and the like
    inputs: dict[str, int] = field(default_factory=dict)     # c.<name>, s.c.<name>
    streams: dict[str, int] = field(default_factory=dict)    # module-level Stream objects drawn from
    bad_calls: list[str] = field(default_factory=list)


def _attribute_of(node: ast.AST, base: str) -> str | None:
    """``name`` if ``node`` is ``<base>.name``."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == base:
        return node.attr
    return None


def _field_passed(node: ast.AST) -> str | None:
    """The state field a value is, ``s.F``, or seen through a helper, ``s.at_worker(s.F)``."""
    direct = _attribute_of(node, "s")
    if direct is not None:
        return direct
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and _attribute_of(node.func, "s") is not None and len(node.args) == 1 and not node.keywords):
        return _attribute_of(node.args[0], "s")
    return None


def _targets(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, (ast.Tuple, ast.List)):
        return [t for element in node.elts for t in _targets(element)]
    return [node]


def analyse(source: str, *, fields: set[str], mechanism_functions: set[str]) -> Anatomy:
    """The anatomy of mechanism ``source``. ``fields``: every field (and derived field)
    of the state; ``mechanism_functions``: names of the keyword-only functions of the
    mechanism modules (calls to them are checked)."""
    tree = ast.parse(source)
    out = Anatomy()
    written_nodes: set[int] = set()
    for node in ast.walk(tree):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = [t for target in node.targets for t in _targets(target)]
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            root = target.value if isinstance(target, ast.Subscript) else target
            name = _attribute_of(root, "s")
            if name is not None:
                out.writes.setdefault(name, getattr(node, "lineno", 0))
                if root is target:
                    written_nodes.add(id(root))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            name = _attribute_of(node, "s")
            if name is not None and id(node) not in written_nodes and name in fields:
                out.reads.setdefault(name, node.lineno)
            if isinstance(node.value, ast.Attribute) and _attribute_of(node.value, "s") in _LEVER_VIEWS:
                out.levers.setdefault(node.attr, node.lineno)
            inp = _attribute_of(node, "c")
            if inp is None and isinstance(node.value, ast.Attribute) and _attribute_of(node.value, "s") == "c":
                inp = node.attr
            if inp is not None:
                out.inputs.setdefault(inp, node.lineno)
        if isinstance(node, ast.Call):
            _call(node, out, fields, mechanism_functions)
    return out


def _call(node: ast.Call, out: Anatomy, fields: set[str], mechanism_functions: set[str]) -> None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    on_state = isinstance(func, ast.Attribute) and _attribute_of(func, "s") is not None
    if on_state and name == "draw" and node.args and isinstance(node.args[0], ast.Name):
        out.streams.setdefault(node.args[0].id, node.lineno)
    if on_state and name == "replace_leavers":
        for keyword in node.keywords:
            if keyword.arg is not None:
                out.writes.setdefault(keyword.arg, node.lineno)
        return
    if on_state or name not in mechanism_functions or name in _POSITIONAL_HELPERS:
        return
    if any(not isinstance(arg, ast.Name) or arg.id != "s" for arg in node.args):
        out.bad_calls.append(f"line {node.lineno}: {name}() is given an array by position "
                             f"(mechanisms take their arrays by name)")
    for keyword in node.keywords:
        passed = _field_passed(keyword.value)
        if keyword.arg in fields and passed is not None and passed in fields and passed != keyword.arg:
            out.bad_calls.append(f"line {node.lineno}: {name}({keyword.arg}=...) is given the field "
                                 f"{passed!r} under another field's name")


@dataclass
class Declared:
    """What a module declares: its own fields, what it reads, its coefficients, streams."""

    own: set[str]
    derived: set[str]
    reads: set[str]
    updates: set[str]
    levers: set[str]
    inputs: set[str]
    coefficients: set[str]
    streams: dict[str, str]   # variable name -> stream name


def declared(module: ModuleType) -> Declared:
    owns = getattr(module, "Owns", None)
    name = module.__name__.rsplit(".", 1)[-1]
    own = {f for f, spec in getattr(owns, "FIELDS", {}).items() if spec.owner == name}
    derived = {d for d in getattr(owns, "DERIVED", ()) if d in vars(owns)}
    reads = getattr(module, "READS", None)
    return Declared(own=own, derived=derived, reads=set(getattr(reads, "fields", ())),
                    updates=set(getattr(reads, "updates", ())), levers=set(getattr(reads, "levers", ())),
                    inputs=set(getattr(reads, "inputs", ())),
                    coefficients={s.name for s in getattr(module, "COEFFICIENTS", ())},
                    streams={var: value.name for var, value in vars(module).items()
                             if value in getattr(module, "STREAMS", ())})


def check(module: ModuleType, source: str | None = None) -> list[str]:
    """Every way ``module`` (or ``source`` given as its text) breaks its declarations."""
    from sim.inputs.schema import INPUTS
    from sim.model.state import FIELDS, State
    fields = set(FIELDS) | set(State.DERIVED)
    text = inspect.getsource(module) if source is None else source
    anatomy = analyse(text, fields=fields, mechanism_functions=mechanism_functions())
    d = declared(module)
    name = module.__name__.rsplit(".", 1)[-1]
    problems = [f"{name}: {bad}" for bad in anatomy.bad_calls]
    mine = d.own | d.derived
    for f, line in anatomy.writes.items():
        if f not in d.own and f not in d.updates:
            problems.append(f"{name}: line {line} writes {f!r}, which it neither owns nor declares in "
                            f"READS.updates")
    for f, line in anatomy.reads.items():
        if f not in mine | d.reads | d.updates:
            problems.append(f"{name}: line {line} reads the field {f!r} without declaring it in READS.fields")
    for f in (d.reads | d.updates) - set(anatomy.reads) - set(anatomy.writes):
        problems.append(f"{name}: declares it reads {f!r} but does not")
    for f in (d.reads | d.updates) - fields:
        problems.append(f"{name}: READS names {f!r}, which is no field of the state")
    for lever, line in anatomy.levers.items():
        if lever not in d.levers:
            problems.append(f"{name}: line {line} reads the lever {lever!r} without declaring it in READS.levers")
    problems += [f"{name}: declares it reads the lever {lever!r} but does not"
                 for lever in d.levers - set(anatomy.levers)]
    for inp, line in anatomy.inputs.items():
        if inp in LEVER_NAMES:
            problems.append(f"{name}: line {line} reads the lever {inp!r} as an input; levers are read per "
                            f"unit (s.lever, s.worker_lever, s.org_lever)")
        elif inp not in d.coefficients and inp not in d.inputs:
            problems.append(f"{name}: line {line} reads {inp!r}, neither its own coefficient nor declared in "
                            f"READS.inputs")
    for inp in d.inputs - set(anatomy.inputs):
        problems.append(f"{name}: declares it reads the input {inp!r} but does not")
    for inp in d.inputs - set(INPUTS):
        problems.append(f"{name}: READS.inputs names {inp!r}, which is no input")
    for var, line in anatomy.streams.items():
        if var not in d.streams:
            problems.append(f"{name}: line {line} draws from {var}, which is not one of its STREAMS")
    return problems


def mechanism_functions() -> set[str]:
    """Names of the public functions of every mechanism module."""
    import sim.mechanisms as package
    from sim.mechanisms import MODULES
    names = {n for n, f in vars(package).items() if inspect.isfunction(f)}
    for module_name in MODULES:
        module = __import__(f"sim.mechanisms.{module_name}", fromlist=["_"])
        names |= {n for n, f in vars(module).items()
                  if inspect.isfunction(f) and f.__module__ == module.__name__ and not n.startswith("_")}
    return names


def readers_in_force(lever: str) -> list[str]:
    """The mechanisms that read ``lever`` as it is in force (``sim.model.levers.IN_FORCE``)."""
    from sim.mechanisms import MODULES
    from sim.model.levers import IN_FORCE
    fields = set(IN_FORCE.get(lever, ()))
    return [name for name in MODULES
            if fields & set(__import__(f"sim.mechanisms.{name}", fromlist=["_"]).READS.fields)]


def readers(lever: str) -> list[str]:
    """The mechanisms that declare they read ``lever``."""
    from sim.mechanisms import MODULES
    out = []
    for module_name in MODULES:
        module = __import__(f"sim.mechanisms.{module_name}", fromlist=["_"])
        if lever in getattr(getattr(module, "READS", None), "levers", ()):
            out.append(module_name)
    return out
