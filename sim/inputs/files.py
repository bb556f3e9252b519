"""The structure of scenario and experiment files, as pydantic models built from the one
input registry (``sim.inputs.schema.INPUTS``).

Every table of inputs (``[organisation]``, ``[levers]``, ``[behaviour]``,
``[coefficients]``, an event's ``levers``, an experiment's ``[set]``) is a model whose
fields are the inputs of that group, with their types, bounds and documentation; events
are a union told apart by ``kind``. The same models give editors a JSON Schema
(``steersim schema scenario``). A validation error becomes one line naming the file,
the line, the key, what was given and what is allowed (``one_line``), with the message
the input's own ``Spec.check`` gives, so an input reads the same wherever it is wrong.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    create_model,
)

from sim.errors import SteersimInputError, did_you_mean
from sim.inputs.schema import INPUTS, RENAMED, SPEC_LIST
from sim.inputs.spec import Spec, short

#: A scenario's or experiment's name: it becomes a folder name under results/.
NAME_PATTERN = r"^[^\W_][\w.\- ]{0,63}$"
NAME_RULE = ("a plain name of 1-64 letters, digits, spaces, '.', '_' or '-', starting with a "
             "letter or digit (it becomes a folder name)")
SECTIONS = {"organisation": "organisation", "levers": "regime", "behaviour": "behaviour",
            "coefficients": "coefficient"}
_STRICT = ConfigDict(extra="forbid", strict=True)
Number = StrictInt | StrictFloat
Name = Annotated[StrictStr, Field(pattern=NAME_PATTERN, description=NAME_RULE)]


def _field(spec: Spec):
    """The pydantic type and field of one input, optional (a file names what it changes)."""
    extra: dict[str, Any] = {"unit": spec.unit, "source": spec.source}
    if spec.plausible:
        extra["plausible"] = list(spec.plausible)
    if spec.choices:
        kind: Any = Literal[spec.choices]
        return (kind | None, Field(None, description=spec.doc, json_schema_extra=extra))
    kind = StrictInt if spec.kind is int else (StrictBool if spec.kind is bool else Number)
    return (kind | None, Field(None, ge=spec.low, le=spec.high, description=spec.doc,
                               json_schema_extra=extra))


@cache
def section_model(groups: tuple[str, ...]) -> type[BaseModel]:
    """A model of a table holding inputs of ``groups``."""
    fields = {s.name: _field(s) for s in SPEC_LIST if s.group in groups}
    return create_model("_".join(groups).title().replace("_", ""), __config__=_STRICT, **fields)


Levels = Annotated[list[StrictBool | StrictInt | StrictFloat | StrictStr], Field(min_length=1)]
Units = Literal["all"] | Annotated[list[StrictInt], Field(min_length=1)]


class _Event(BaseModel):
    model_config = _STRICT
    week: StrictInt = Field(description="the week (1 = first week of the run) it happens")
    label: StrictStr | None = Field(None, description="what the event is called in reports")


class LeversEvent(_Event):
    kind: Literal["levers"] = "levers"
    levers: section_model(("regime",)) | None = None  # type: ignore[valid-type]
    preset: StrictStr | None = Field(None, description="take the levers of this preset or file")
    units: Units = Field("all", description='"all" or a list of unit numbers like [0, 1]')
    co_created: StrictBool = Field(False, description="worked out with staff and unions, not imposed")


class IncidentEvent(_Event):
    kind: Literal["incident"]
    severity: Number = Field(ge=0, le=1, description="severity 0-1")
    unit: StrictInt = Field(0, ge=0, description="the unit where it happens")


class BudgetEvent(_Event):
    kind: Literal["budget"]
    change: Number = Field(ge=-0.8, le=1.0, description="relative change in paid hours, -0.1 = a 10% cut")
    units: Units = "all"


class RuleCutEvent(_Event):
    kind: Literal["rule_cut"]
    share: Number = Field(ge=0, le=1, description="share of all rules removed at once")


Event = Annotated[LeversEvent | IncidentEvent | BudgetEvent | RuleCutEvent,
                  Field(discriminator="kind")]
EVENT_KINDS = ("levers", "incident", "budget", "rule_cut")


class RunSection(BaseModel):
    model_config = _STRICT
    steps: StrictInt | None = Field(None, ge=1, le=5000, description="weeks to simulate")
    seeds: StrictInt | None = Field(None, ge=1, le=10_000, description="replicates with seeds 1..N")


def _scenario_model() -> Any:
    sections = {name: (section_model((group,)) | None, None) for name, group in SECTIONS.items()}
    return create_model(  # type: ignore[call-overload]  # fields built from the input table
        "ScenarioFile", __config__=_STRICT,
        name=(Name | None, Field(None, description="the scenario's name (default: the file's)")),
        description=(StrictStr | None, None),
        extends=(StrictStr | None, Field(None, description="a preset name or a path to a .toml file")),
        run=(RunSection | None, None), events=(list[Event], []), **sections)


ScenarioFile: Any = _scenario_model()  # built from the input table, so typed loosely
DESIGNS = ("grid", "lhs", "sobol", "morris")


class Range(BaseModel):
    model_config = _STRICT
    low: Number
    high: Number
    steps: StrictInt = Field(5, ge=2, le=1000, description="grid points (grid designs)")
    dist: Literal["uniform"] = "uniform"


class ExperimentFile(BaseModel):
    model_config = _STRICT
    name: Name | None = None
    description: StrictStr | None = None
    scenario: StrictStr | None = Field(None, description="a preset name or a path")
    scenarios: Annotated[list[StrictStr], Field(min_length=1)] | None = None
    design: Literal[DESIGNS] = "grid"  # type: ignore[valid-type]
    samples: StrictInt = Field(64, ge=2, le=1_000_000, description="points (lhs) or base sample N (sobol, a power of 2) or trajectories (morris)")
    replicates: StrictInt = Field(1, ge=1, le=10_000)
    steps: StrictInt | None = Field(None, ge=1, le=5000)
    window: StrictInt | None = Field(None, ge=1, le=5000)
    metrics: Annotated[list[StrictStr], Field(min_length=1)] | None = None
    seed: StrictInt = Field(1, ge=0, le=2**31 - 1)
    series: StrictBool = False
    set: section_model(("organisation", "regime", "behaviour", "coefficient")) | None = None  # type: ignore[valid-type]
    vary: Annotated[dict[StrictStr, Levels | Range], Field(min_length=1)]


def json_schema(kind: str) -> dict:
    """The JSON Schema of a scenario or experiment file (for editors that validate TOML)."""
    model = {"scenario": ScenarioFile, "experiment": ExperimentFile}[kind]
    schema = model.model_json_schema()
    schema["title"] = f"steersim {kind} file"
    return schema


# ------------------------------------------------------------------ errors
def line_of(text: str, path: tuple) -> int | None:
    """Best-effort line of the key at ``path`` (e.g. ('levers', 'discretion') or
    ('events', 2, 'week')) in a TOML text."""
    lines = text.splitlines()
    start, end, keys = 0, len(lines), [p for p in path if isinstance(p, str)]
    if path and path[0] == "events" and len(path) > 1 and isinstance(path[1], int):
        heads = [i for i, ln in enumerate(lines) if re.match(r"\s*\[\[\s*events\s*\]\]", ln)]
        if path[1] < len(heads):
            start = heads[path[1]]
            end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
                       len(lines))
        keys = keys[1:]
    elif keys and keys[0] in (*SECTIONS, "run", "set", "vary"):
        head = next((i for i, ln in enumerate(lines) if re.match(rf"\s*\[\s*{keys[0]}\s*\]", ln)), None)
        if head is not None:
            start = head
            end = next((i for i in range(head + 1, len(lines)) if lines[i].lstrip().startswith("[")),
                       len(lines))
            keys = keys[1:] or keys
    for key in reversed(keys):
        for i in range(start, end):
            if re.match(rf'\s*"?{re.escape(key)}"?\s*=', lines[i]) or re.match(
                    rf"\s*\[+\s*{re.escape(key)}\s*\]", lines[i]):
                return i + 1
    return start + 1 if start else None


def _key(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


#: Fields of files that are not model inputs, as specs, so their errors read like an input's.
FIELD_SPECS = {s.name: s for s in (
    Spec("week", "event", 1, "week", "", low=1, high=5000, kind=int),
    Spec("severity", "event", 0.5, "severity", "", low=0, high=1),
    Spec("change", "event", 0.0, "relative change", "", low=-0.8, high=1.0),
    Spec("share", "event", 0.5, "share", "", low=0, high=1),
    Spec("unit", "event", 0, "unit number", "", low=0, high=100_000, kind=int),
    Spec("steps", "run", 260, "weeks", "", low=1, high=5000, kind=int),
    Spec("seeds", "run", 10, "runs", "", low=1, high=10_000, kind=int),
    Spec("samples", "run", 64, "points", "", low=2, high=1_000_000, kind=int),
    Spec("replicates", "run", 1, "runs", "", low=1, high=10_000, kind=int),
    Spec("window", "run", 52, "weeks", "", low=1, high=5000, kind=int),
    Spec("seed", "run", 1, "seed", "", low=0, high=2**31 - 1, kind=int),
)}
_INPUT_TABLES = (*SECTIONS, "set")


def _spec_at(path: tuple) -> Spec | None:
    """The spec of the key at ``path``: an input inside an input table, or a file field."""
    if not path or not isinstance(path[-1], str):
        return None
    parent = path[-2] if len(path) > 1 else None
    if parent in _INPUT_TABLES:
        return INPUTS.get(path[-1])
    if path[-1] == "units" and parent != "organisation":
        return None  # an event's units: "all" or a list
    return FIELD_SPECS.get(path[-1])


def _unknown(path: tuple, model_path: str) -> str:
    name, parent = path[-1], path[:-1]
    section = next((p for p in reversed(parent) if isinstance(p, str)), None)
    if section in SECTIONS or section in ("set",) or (section == "levers" and "events" in parent):
        group = SECTIONS.get(section)
        pool = [s.name for s in SPEC_LIST if group in (None, s.group)] if section != "set" else list(INPUTS)
        what = {"regime": "lever", None: "input"}.get(group, f"{group} input")
        if name in RENAMED:
            return f"'{name}' was renamed '{RENAMED[name]}' (docs/migration.md)"
        where = ""
        spec = INPUTS.get(name)
        if spec is not None and group and spec.group != group:
            home = next(k for k, g in SECTIONS.items() if g == spec.group)
            where = f"; '{name}' is a{'n' if spec.group[0] in 'aeiou' else ''} {spec.group} input: put it under [{home}]"
        return f"no {what} '{name}'{did_you_mean(str(name), pool)}{where} (see `steersim list`)"
    fields = _fields_of(model_path)
    return f"unknown key{did_you_mean(str(name), fields)}; allowed: {', '.join(fields)}"


def _fields_of(model_path: str) -> list[str]:
    models = {"scenario": ScenarioFile, "experiment": ExperimentFile, "run": RunSection,
              "levers": LeversEvent, "incident": IncidentEvent, "budget": BudgetEvent,
              "rule_cut": RuleCutEvent}
    return list(models[model_path].model_fields)


def one_line(error: ValidationError, source: str, text: str, kind: str = "scenario") -> SteersimInputError:
    """The first problem in ``error`` as one line: file:line 'key': what, allowed."""
    err = error.errors()[0]
    path, kind_of, given = tuple(err["loc"]), err["type"], err.get("input")
    # a union's member name sits in the location ('events', 0, 'incident', 'week')
    model_path = kind
    clean: list = []
    for i, p in enumerate(path):
        if p in EVENT_KINDS and i and isinstance(path[i - 1], int) and path[i - 2:i - 1] == ("events",):
            model_path = p
            continue
        if isinstance(p, str) and p.startswith(("int", "float", "bool", "str", "list", "literal")):
            continue
        clean.append(p)
    path = tuple(clean)
    if path[:1] == ("run",):
        model_path = "run"
    line = line_of(text, path)
    key = _key(path) if path else None
    spec = _spec_at(path)
    if kind_of == "extra_forbidden":
        return SteersimInputError(_unknown(path, model_path), source=source, key=key, line=line)
    if spec is not None and kind_of not in ("missing",):
        try:
            value = spec.check(given, source=source, line=line, key=key)
        except SteersimInputError as exc:
            return exc
        # the value means something allowed, but a file states it as TOML's own type
        return SteersimInputError(f"got {short(given)}; allowed: {spec.allowed()}, written as "
                                  f"{str(value).lower() if spec.kind is bool else repr(value)}",
                                  source=source, key=key, line=line)
    if kind_of == "union_tag_invalid" or (kind_of == "union_tag_not_found" and isinstance(given, dict) and "kind" in given):
        kind_given = given.get("kind") if isinstance(given, dict) else given
        return SteersimInputError(
            f"got {short(kind_given)}{did_you_mean(str(kind_given), EVENT_KINDS)}; allowed: "
            f"{', '.join(EVENT_KINDS)}", source=source, key=f"{key}.kind", line=line)
    if path[:1] == ("vary",) and len(path) == 2 and isinstance(given, dict):
        return _range_error(given, source, key, line)
    if kind_of == "too_short" and isinstance(given, dict):
        return SteersimInputError("empty; give at least one input, like discretion = [0.2, 0.8]",
                                  source=source, key=key, line=line)
    if kind_of == "union_tag_not_found":
        return SteersimInputError(f"missing; say what happens: kind = one of {', '.join(EVENT_KINDS)}",
                                  source=source, key=f"{key}.kind", line=line)
    if kind_of == "missing":
        return SteersimInputError("missing; " + _missing_hint(path[-1]), source=source, key=key,
                                  line=line)
    if path and path[-1] == "units":
        return SteersimInputError(f'got {short(given)}; allowed: "all" or a list of unit numbers '
                                  f'like [0, 1]', source=source, key=key, line=line)
    if kind_of == "string_pattern_mismatch" and path and path[-1] == "name":
        return SteersimInputError(f"got {short(given)}; allowed: {NAME_RULE}", source=source,
                                  key=key, line=line)
    if kind_of == "literal_error" and isinstance(given, str):
        options = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        return SteersimInputError(f"got {short(given)}{did_you_mean(given, options)}; allowed: "
                                  f"{', '.join(options)}", source=source, key=key, line=line)
    return SteersimInputError(f"got {short(given)}; {_allowed(err)}", source=source, key=key,
                              line=line)


def _range_error(given: dict, source: str, key: str | None, line: int | None) -> SteersimInputError:
    """What is wrong with a range in [vary] (pydantic reports the list it also tried)."""
    try:
        Range.model_validate(given)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else ""
        fields = list(Range.model_fields)
        if err["type"] == "extra_forbidden":
            why = f"unknown key '{name}'{did_you_mean(name, fields)}; allowed: {', '.join(fields)}"
        elif err["type"] == "missing":
            why = f"'{name}' missing; {_missing_hint(name)}"
        else:
            why = f"'{name}': got {short(err.get('input'))}; {_allowed(err)}"
        return SteersimInputError(why, source=source, key=key, line=line)
    return SteersimInputError(f"got {short(given)}; a list of values, or a range "
                              f"{{ low = ..., high = ... }}", source=source, key=key, line=line)


def _missing_hint(name) -> str:
    return {"week": "give the week (1 = first week) the event happens",
            "severity": "a number from 0 to 1", "change": "a number from -0.8 to 1",
            "share": "a number from 0 to 1", "low": "a range needs low and high",
            "high": "a range needs low and high", "vary": "give a [vary] table with at least one input"}.get(
        str(name), "this key is required")


def _allowed(err: Any) -> str:
    ctx, kind = err.get("ctx") or {}, err["type"]
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"out of range; {err['msg'].lower()}"
    if kind == "literal_error":
        return f"allowed: {ctx.get('expected', '')}"
    if kind.startswith("dict") or kind == "model_type" or kind == "model_attributes_type":
        return "must be a table (section) of key = value"
    if kind.startswith("list") or kind == "too_short":
        return "must be a non-empty list, like [1, 2]" if kind == "too_short" else "must be a list"
    if kind.startswith("int"):
        return "allowed: a whole number"
    if kind.startswith(("float", "int", "number")):
        return "allowed: a number"
    if kind.startswith("bool"):
        return "allowed: true or false"
    if kind.startswith("string"):
        return "allowed: text in quotes"
    if kind.startswith("union"):
        return "allowed: a list of values, or a range { low = ..., high = ... }"
    return err["msg"]

