"""What each mechanism reads and writes, from its source (not from running it), so the
check holds for any way the week is run.

``check(module)`` lists every way a mechanism module breaks its declarations
(``sim.model.fields``): a field, lever, input or stream it uses but does not declare,
a declaration it does not use, a field of another module it writes without declaring
it, a field it declares that another module owns or that it declares twice, a call that
passes an array by position or under another field's or lever's name, and the ways round
the check (the state under another name or handed to a helper that takes it so,
reflection, ``__dict__``). What it cannot see: a lever or field wrapped in an expression
before it is passed (``felt_trust=1 - s.followup``), and dynamic imports.
``readers`` says which mechanisms read a lever, for ``steersim list`` and docs/ODD.md.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass, field
from types import ModuleType

from sim.model.fields import NETWORKS
from sim.model.levers import NAMES as LEVER_NAMES

#: The three places a lever is read (``sim.model.levers``).
_LEVER_VIEWS = ("lever", "worker_lever", "org_lever")
#: Helpers in ``sim.mechanisms`` that take plain numbers by position (generic maths).
_POSITIONAL_HELPERS = frozenset({"clip", "saturating"})
#: Reflection that would read or write the state past the check.
_REFLECTION = frozenset({"getattr", "setattr", "delattr", "hasattr", "vars"})
#: What the state's names stand for: the check reads ``s.<field>``, ``c.<input>`` (with
#: ``c = s.c``), ``s.p.<size>`` and the lever views, so none may go under another name.
_STATE_PARTS = frozenset({"c", "p", *_LEVER_VIEWS})


@dataclass
class Anatomy:
    """What a piece of mechanism source reads and writes (names, with line numbers)."""

    reads: dict[str, int] = field(default_factory=dict)      # s.<name> read
    writes: dict[str, int] = field(default_factory=dict)     # s.<name> assigned or updated
    levers: dict[str, int] = field(default_factory=dict)     # s.lever.<name> and the like
    inputs: dict[str, int] = field(default_factory=dict)     # c.<name>, s.c.<name>
    streams: dict[str, int] = field(default_factory=dict)    # module-level Stream objects drawn from
    networks: dict[str, int] = field(default_factory=dict)   # s.<network> read (NETWORKS)
    bad_calls: list[str] = field(default_factory=list)
    escapes: list[str] = field(default_factory=list)         # ways round the check itself


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


def _lever_passed(node: ast.AST) -> str | None:
    """The lever a value is, ``s.lever.L`` (or another view), or seen through a helper,
    ``s.at_worker(s.lever.L)``."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and _attribute_of(node.func, "s") is not None and len(node.args) == 1 and not node.keywords):
        node = node.args[0]
    if isinstance(node, ast.Attribute) and _attribute_of(node.value, "s") in _LEVER_VIEWS:
        return node.attr
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
    _escapes(tree, out)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            name = _attribute_of(node, "s")
            if name is not None and id(node) not in written_nodes and name in fields:
                out.reads.setdefault(name, node.lineno)
            if name in NETWORKS:
                out.networks.setdefault(name, node.lineno)
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


def _is_state(node: ast.AST | None) -> bool:
    """``s``, ``c`` or a part of the state (``s.c``, ``s.p``, a lever view)."""
    if isinstance(node, ast.Name):
        return node.id in ("s", "c")
    return _attribute_of(node, "s") in _STATE_PARTS if node is not None else False


def _escapes(tree: ast.AST, out: Anatomy) -> None:
    """Every way round the check: the state or its inputs under another name, reflection
    on them, the state handed to a function that does not take it as ``s`` (the check
    reads ``s.<field>``), its ``__dict__``, a size read that is not one of the batch's
    shared sizes, a stream drawn by a name rather than through the module's STREAMS."""
    from sim.model.engine import SHAPE
    takes_state = {node.name: [a.arg for a in node.args.posonlyargs + node.args.args]
                   for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            callee = node.func.id if isinstance(node.func, ast.Name) else None
            params = takes_state.get(callee or "", [])
            handed = [i for i, arg in enumerate(node.args) if isinstance(arg, ast.Name) and arg.id == "s"]
            handed_by_name = [k.arg for k in node.keywords if isinstance(k.value, ast.Name) and k.value.id == "s"]
            if any(i >= len(params) or params[i] != "s" for i in handed) or any(k != "s" for k in handed_by_name) \
                    or (handed_by_name and callee not in takes_state):
                out.escapes.append(f"line {line}: hands the state to "
                                   f"{callee or ast.unparse(node.func)}() under another name, where the "
                                   f"check cannot follow what it reads; give a function of this module "
                                   f"that takes it as s, or pass the arrays by name")
        if isinstance(node, ast.Attribute) and node.attr == "__dict__" and _is_state(node.value):
            out.escapes.append(f"line {line}: the state's __dict__ hides what it reads or writes")
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            allowed = (len(targets) == 1 and isinstance(targets[0], ast.Name) and targets[0].id == "c"
                       and node.value is not None and _attribute_of(node.value, "s") == "c")  # c = s.c
            if _is_state(node.value) and not allowed:
                out.escapes.append(f"line {line}: binds the state or a part of it to another name "
                                   f"(the check reads s.<field> and c.<input>)")
        elif isinstance(node, (ast.FunctionDef, ast.Lambda)):
            for parameter in node.args.args + node.args.kwonlyargs + node.args.posonlyargs:
                hint = parameter.annotation
                typed_state = (isinstance(hint, ast.Name) and hint.id == "State") or \
                    (isinstance(hint, ast.Constant) and hint.value == "State")
                if parameter.arg != "s" and (typed_state or parameter.arg == "state"):
                    out.escapes.append(f"line {line}: takes the state as {parameter.arg!r}; call it s, so the "
                                       f"check sees what it reads")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _REFLECTION and node.args and _is_state(node.args[0]):
                out.escapes.append(f"line {line}: {func.id}() on the state hides what it reads or writes")
            if isinstance(func, ast.Name) and func.id == "streams":
                arg = node.args[0] if node.args else None
                if (isinstance(arg, ast.Attribute) and arg.attr == "name" and isinstance(arg.value, ast.Name)):
                    out.streams.setdefault(arg.value.id, line)  # streams(START_X.name): a declared stream
                else:
                    out.escapes.append(f"line {line}: draws a stream by a name of its own; draw one of "
                                       f"the module's STREAMS")
        elif isinstance(node, ast.Attribute) and _attribute_of(node.value, "s") == "p" and node.attr not in SHAPE:
            out.escapes.append(f"line {line}: reads s.p.{node.attr}, which runs in a batch need not share; "
                               f"s.p holds only the sizes they do ({', '.join(SHAPE)})")


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
        lever = _lever_passed(keyword.value)
        if keyword.arg in LEVER_NAMES and lever is not None and lever != keyword.arg:
            out.bad_calls.append(f"line {node.lineno}: {name}({keyword.arg}=...) is given the lever "
                                 f"{lever!r} under another lever's name")


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
    networks: set[str] = field(default_factory=set)


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
                             if value in getattr(module, "STREAMS", ())},
                    networks=set(getattr(reads, "networks", ())))


def check(module: ModuleType, source: str | None = None) -> list[str]:
    """Every way ``module`` (or ``source`` given as its text) breaks its declarations."""
    from sim.inputs.schema import INPUTS
    from sim.model.state import FIELDS, State
    fields = set(FIELDS) | set(State.DERIVED)
    text = inspect.getsource(module) if source is None else source
    anatomy = analyse(text, fields=fields, mechanism_functions=mechanism_functions())
    d = declared(module)
    name = module.__name__.rsplit(".", 1)[-1]
    problems = [f"{name}: {bad}" for bad in anatomy.bad_calls + anatomy.escapes]
    problems += [f"{name}: {bad}" for bad in _field_declarations(text, name, FIELDS)]
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
    for net, line in anatomy.networks.items():
        if net not in d.networks:
            problems.append(f"{name}: line {line} reads the network {net!r} without declaring it in "
                            f"READS.networks")
    problems += [f"{name}: declares it reads the network {net!r} but does not"
                 for net in d.networks - set(anatomy.networks)]
    problems += [f"{name}: READS.networks names {net!r}, which is none of {', '.join(NETWORKS)}"
                 for net in d.networks - set(NETWORKS)]
    for var, line in anatomy.streams.items():
        if var not in d.streams:
            problems.append(f"{name}: line {line} draws from {var}, which is not one of its STREAMS")
    for var in set(d.streams) - set(anatomy.streams):
        problems.append(f"{name}: declares the stream {d.streams[var]!r} ({var}) but never draws from it")
    return problems


def _field_declarations(source: str, module: str, fields: dict) -> list[str]:
    """Fields the source's ``Owns`` declares twice, or that another module declares."""
    problems, seen = [], set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == "Owns":
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    f = item.target.id
                    if f in seen:
                        problems.append(f"line {item.lineno} declares the field {f!r} a second time")
                    seen.add(f)
                    owner = getattr(fields.get(f), "owner", module)
                    if owner != module:
                        problems.append(f"line {item.lineno} declares the field {f!r}, which {owner} declares "
                                        f"too (a field has one owner; read it through READS.fields)")
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
