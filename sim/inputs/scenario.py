"""Scenarios: TOML files that name an organisation, a regime, behaviour, a horizon and
a timeline of events. Built-in presets live in scenarios/ at the top of the project.

A scenario file says only what differs from what it ``extends`` (a preset name or a
path relative to the file)::

    extends = "npm"
    description = "Half the indicators, audits kept"

    [levers]
    indicators = 12

    [run]
    steps = 260
    seeds = 10

    [[events]]            # a pilot: two units switch to the trust preset's levers
    week = 52
    kind = "levers"
    preset = "trust"
    units = [0, 1]
    co_created = true

Validation is strict and every error is one line naming the file, the key, the line
where it can be found, and what is allowed. Nothing runs until a scenario is valid.
See docs/scenarios.md for every key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.errors import SteersimInputError, did_you_mean
from sim.inputs.data import presets_dir
from sim.inputs.events import BudgetChange, Incident, RuleCut, SetLevers
from sim.inputs.schema import SPECS, Spec, lookup, make_params

PRESETS = ("npm", "trust", "hybrid", "rule_based", "pilot", "reform", "scandal")
TOP_KEYS = ("name", "description", "extends", "organisation", "levers", "behaviour", "run",
            "events")
SECTION_OF = {"organisation": "organisation", "levers": "regime", "behaviour": "behaviour"}
RUN_SPECS = {
    "steps": Spec("steps", "run", 260, "weeks", "weeks to simulate", low=1, high=5000, kind=int),
    "seeds": Spec("seeds", "run", 10, "runs", "replicates with seeds 1..N", low=1, high=10_000,
                  kind=int),
}
EVENT_KEYS = {
    "levers": ("week", "kind", "levers", "preset", "units", "co_created", "label"),
    "incident": ("week", "kind", "severity", "unit", "label"),
    "budget": ("week", "kind", "change", "units", "label"),
    "rule_cut": ("week", "kind", "share", "label"),
}


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: everything needed to build its models."""

    name: str
    description: str
    inputs: dict          # organisation + levers + behaviour, validated
    events: tuple = ()
    steps: int = 260
    seeds: int = 10
    source: str = "<defaults>"
    chain: tuple[str, ...] = field(default=())  # what it extends, nearest first

    def model(self, seed: int, **overrides):
        """A ``SteeringModel`` for this scenario and ``seed`` (with lever overrides)."""
        from sim.model.model import SteeringModel
        return SteeringModel(rng=seed, events=self.events, collect=False,
                             **{**self.inputs, **overrides})

    def with_inputs(self, overrides: dict[str, Any], source: str = "--set") -> "Scenario":
        """A copy with some inputs changed (validated)."""
        checked = {k: lookup(k, source=source).check(v, source=source) for k, v in overrides.items()}
        inputs = dict(self.inputs, **checked)
        _check_events(self.events, inputs, self.steps, source)
        return Scenario(self.name, self.description, dict(inputs), self.events,
                        self.steps, self.seeds, self.source, self.chain)


def preset_names() -> list[str]:
    return sorted(p.stem for p in presets_dir().glob("*.toml"))


def load_scenario(ref: str | Path) -> Scenario:
    """Load a preset by name (``"npm"``) or a scenario file by path."""
    path = _resolve(str(ref), base=Path.cwd(), source=None)
    return _build(path, seen=())


def _resolve(ref: str, base: Path, source: str | None, key: str | None = None,
             line: int | None = None) -> Path:
    if not ref.endswith(".toml") and "/" not in ref and "\\" not in ref:
        path = presets_dir() / f"{ref}.toml"
        if path.exists():
            return path
        raise SteersimInputError(
            f"no scenario '{ref}'{did_you_mean(ref, preset_names())}; presets: "
            f"{', '.join(preset_names())}, or give a path to a .toml file",
            source=source, key=key, line=line)
    path = (base / ref) if not Path(ref).is_absolute() else Path(ref)
    if not path.is_file():
        raise SteersimInputError(f"file not found: {ref}", source=source, key=key, line=line)
    return path


def _line_of(text: str, key: str, after: int = 0) -> int | None:
    """Best-effort line number of ``key = ...`` or ``[key]`` in a TOML text."""
    pattern = re.compile(rf"^[ \t]*(\[+[ \t]*{re.escape(key)}[ \t]*\]+|{re.escape(key)}[ \t]*=)", re.M)
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line > after:
            return line
    inline = re.search(rf"\b{re.escape(key)}\s*=", text)
    return text.count("\n", 0, inline.start()) + 1 if inline else None


def _build(path: Path, seen: tuple[str, ...]) -> Scenario:
    source = _display(path)
    if str(path.resolve()) in seen:
        chain = " -> ".join(_display(Path(p)) for p in (*seen, str(path.resolve())))
        raise SteersimInputError(f"'extends' goes round in a cycle: {chain}", source=source,
                                 key="extends")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SteersimInputError(f"cannot read file: {exc}", source=source) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        raise SteersimInputError(f"not valid TOML: {msg}", source=source,
                                 line=int(m.group(1)) if m else None) from None
    line = lambda key: _line_of(text, key)  # noqa: E731

    for key in data:
        if key not in TOP_KEYS:
            raise SteersimInputError(
                f"unknown key{did_you_mean(key, TOP_KEYS)}; allowed at the top: "
                f"{', '.join(TOP_KEYS)}", source=source, key=key, line=line(key))

    if "extends" in data:
        ref = data["extends"]
        if not isinstance(ref, str):
            raise SteersimInputError(f"got {ref!r}; give a preset name or a path as a string",
                                     source=source, key="extends", line=line("extends"))
        parent = _build(_resolve(ref, path.parent, source, "extends", line("extends")),
                        (*seen, str(path.resolve())))
        inputs, events = dict(parent.inputs), list(parent.events)
        steps, seeds, description = parent.steps, parent.seeds, parent.description
        chain = (parent.name, *parent.chain)
    else:
        inputs, events = {}, []
        steps, seeds, description = RUN_SPECS["steps"].default, RUN_SPECS["seeds"].default, ""
        chain = ()

    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise SteersimInputError(f"got {data[key]!r}; must be a string", source=source,
                                     key=key, line=line(key))
    description = data.get("description", description)

    for section, group in SECTION_OF.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise SteersimInputError(f"must be a table [{section}]", source=source, key=section,
                                     line=line(section))
        for key, value in table.items():
            spec = lookup(key, source=source, line=line(key), group=group)
            inputs[key] = spec.check(value, source=source, line=line(key))

    run = data.get("run", {})
    if not isinstance(run, dict):
        raise SteersimInputError("must be a table [run]", source=source, key="run", line=line("run"))
    for key, value in run.items():
        if key not in RUN_SPECS:
            raise SteersimInputError(f"unknown key{did_you_mean(key, RUN_SPECS)}; allowed in "
                                     f"[run]: {', '.join(RUN_SPECS)}", source=source,
                                     key=f"run.{key}", line=line(key))
    steps = RUN_SPECS["steps"].check(run.get("steps", steps), source=source, line=line("steps"))
    seeds = RUN_SPECS["seeds"].check(run.get("seeds", seeds), source=source, line=line("seeds"))

    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        raise SteersimInputError("must be a list of [[events]] tables", source=source,
                                 key="events", line=line("events"))
    events_line = 0
    for i, raw in enumerate(raw_events):
        events_line = _line_of(text, "events", after=events_line) or events_line
        events.append(_event(raw, i, path, source, events_line))

    full = make_params(inputs, source=source)  # fills defaults; values already checked
    _check_events(events, full.values, steps, source)
    name = data.get("name", path.stem)
    return Scenario(name, description, dict(inputs), tuple(events), steps,
                    seeds, source, chain)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _event(raw: Any, i: int, path: Path, source: str, at: int | None):
    where = f"events[{i}]"

    def fail(msg, key=None):
        raise SteersimInputError(msg, source=source, key=f"{where}.{key}" if key else where,
                                 line=at)

    if not isinstance(raw, dict):
        fail("each event must be a table")
    kind = raw.get("kind", "levers")
    if kind not in EVENT_KEYS:
        fail(f"got {kind!r}{did_you_mean(str(kind), EVENT_KEYS)}; allowed: "
             f"{', '.join(EVENT_KEYS)}", "kind")
    for key in raw:
        if key not in EVENT_KEYS[kind]:
            fail(f"unknown key{did_you_mean(key, EVENT_KEYS[kind])} for a '{kind}' event; "
                 f"allowed: {', '.join(EVENT_KEYS[kind])}", key)
    if "week" not in raw:
        fail("missing; give the week (1 = first week) the event happens", "week")
    week = raw["week"]
    if not isinstance(week, int) or isinstance(week, bool):
        fail(f"got {week!r}; must be a whole number of weeks", "week")
    label = raw.get("label", kind)
    if not isinstance(label, str):
        fail(f"got {label!r}; must be a string", "label")

    def number(key, low, high, default=None):
        if key not in raw:
            if default is None:
                fail(f"missing; a number from {low} to {high}", key)
            return default
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            fail(f"got {value!r}; allowed: a number from {low} to {high}", key)
        return float(value)

    def units():
        value = raw.get("units", "all")
        if value == "all":
            return None
        if (not isinstance(value, list) or not value
                or not all(isinstance(u, int) and not isinstance(u, bool) for u in value)):
            fail(f"got {value!r}; allowed: \"all\" or a list of unit numbers like [0, 1]", "units")
        return tuple(value)

    if kind == "levers":
        levers = {}
        if "preset" in raw:
            ref = raw["preset"]
            if not isinstance(ref, str):
                fail(f"got {ref!r}; a preset name or path", "preset")
            other = _build(_resolve(ref, path.parent, source, f"{where}.preset", at), ())
            levers.update({k: v for k, v in other.inputs.items() if SPECS[k].group == "regime"})
        table = raw.get("levers", {})
        if not isinstance(table, dict):
            fail("must be a table of lever = value", "levers")
        for key, value in table.items():
            spec = lookup(key, source=source, line=at, group="regime")
            levers[key] = spec.check(value, source=source, line=at)
        if not levers:
            fail("a 'levers' event needs 'preset' or a 'levers' table (or both)")
        co = raw.get("co_created", False)
        if not isinstance(co, bool):
            fail(f"got {co!r}; true or false", "co_created")
        return SetLevers(week, dict(levers), units(), co, label)
    if kind == "incident":
        unit = raw.get("unit", 0)
        if not isinstance(unit, int) or isinstance(unit, bool):
            fail(f"got {unit!r}; a unit number", "unit")
        return Incident(week, number("severity", 0, 1), unit, label)
    if kind == "budget":
        return BudgetChange(week, number("change", -0.8, 1.0), units(), label)
    return RuleCut(week, number("share", 0, 1), label)


def _check_events(events, inputs, steps: int, source: str) -> None:
    n_units = inputs.get("units", SPECS["units"].default)
    for i, event in enumerate(events):
        key = f"events[{i}]"
        if event.week < 1:
            raise SteersimInputError(f"week {event.week} is in the past; weeks start at 1",
                                     source=source, key=f"{key}.week")
        if event.week > steps:
            raise SteersimInputError(f"week {event.week} is beyond the horizon of {steps} weeks "
                                     f"(run.steps)", source=source, key=f"{key}.week")
        targets = getattr(event, "units", None) or ()
        if isinstance(event, Incident):
            targets = (event.unit,)
        bad = [u for u in targets if not 0 <= u < n_units]
        if bad:
            raise SteersimInputError(f"unit {bad[0]} does not exist; units are 0 to {n_units - 1}",
                                     source=source, key=key)
