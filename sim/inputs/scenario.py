"""Scenarios: TOML files that name an organisation, a regime, behaviour, coefficients, a
horizon and a timeline of events. The presets ship with steersim (``steersim list``).

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

The structure is checked by ``sim.inputs.files`` (one schema, from the input
registry); every error is one line naming the file, the line, the key and what is
allowed, and nothing runs until a scenario is valid. A file may refer (``extends``, an
event's ``preset``) only to files in its own folder or below, to the presets, or to
folders added with ``allow_root``; see docs/scenarios.md for every key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from sim.errors import SteersimInputError, did_you_mean
from sim.inputs.data import examples_dir, presets_dir
from sim.inputs.events import CAPACITY_RANGE, BudgetChange, Incident, RuleCut, SetLevers
from sim.inputs.files import SECTIONS, LeversEvent, ScenarioFile, one_line
from sim.inputs.schema import INPUTS, LEVERS, PAYMENT_SHARES, check_payment, last_share, lookup, make_params

DEFAULT_STEPS, DEFAULT_SEEDS = 260, 10
_ALLOWED_ROOTS: list[Path] = []


def allow_root(folder: str | Path) -> None:
    """Let scenario files refer to files under ``folder`` too."""
    if not Path(folder).is_dir():
        raise SteersimInputError(f"no folder {str(folder)!r}; --allow takes an existing folder", key="--allow")
    _ALLOWED_ROOTS.append(Path(folder).resolve())


def reset_allowed_roots() -> None:
    """Forget folders allowed by an earlier command (one process may run several)."""
    _ALLOWED_ROOTS.clear()


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: everything needed to build its models."""

    name: str
    description: str
    inputs: dict          # organisation, levers, behaviour, coefficients: validated
    events: tuple = ()
    steps: int = DEFAULT_STEPS
    seeds: int = DEFAULT_SEEDS
    source: str = "<defaults>"
    chain: tuple[str, ...] = field(default=())  # what it extends, nearest first

    def with_inputs(self, overrides: dict[str, Any], source: str = "--set") -> Scenario:
        """A copy with some inputs changed (validated)."""
        checked = {k: lookup(k, source=source).check(v, source=source) for k, v in overrides.items()}
        inputs = dict(self.inputs, **checked)
        changed = last_share(checked)
        if changed:  # the error names the share this call set
            check_payment(inputs, source=source, key=changed)
        check_events(self.events, inputs, self.steps, source)
        return Scenario(self.name, self.description, inputs, self.events, self.steps,
                        self.seeds, self.source, self.chain)

    def levers(self) -> dict:
        """This scenario's value of every lever (defaults filled in)."""
        return {k: self.inputs.get(k, INPUTS[k].default) for k in LEVERS}


def preset_names() -> list[str]:
    return sorted(p.stem for p in presets_dir().glob("*.toml"))


def example_names() -> list[str]:
    return sorted(p.stem for p in examples_dir().glob("*.toml"))


def _shipped_example(ref: str) -> Path | None:
    """``examples/NAME`` (with or without .toml) names a shipped example, so an
    installed steersim reaches them from any folder."""
    m = re.fullmatch(r"examples/([\w.-]+?)(\.toml)?", ref.replace("\\", "/"))
    if m is None:
        return None
    path = examples_dir() / f"{m.group(1)}.toml"
    return path if path.is_file() else None


def load_scenario(ref: str | Path) -> Scenario:
    """Load a preset by name (``"npm"``) or a scenario file by path."""
    path = resolve(str(ref), base=Path.cwd(), source=None, key="SCENARIO", checked=False)
    return _build(path, seen=())


def resolve(ref: str, base: Path, source: str | None, key: str | None = None,
            line: int | None = None, checked: bool = True) -> Path:
    """The file ``ref`` names: a preset, or a path relative to ``base``. When ``checked``,
    it must lie under ``base``, the shipped presets and examples, or an allowed root."""
    if not ref.endswith(".toml") and "/" not in ref and "\\" not in ref:
        path = presets_dir() / f"{ref}.toml"
        if path.is_file():
            return path
        raise SteersimInputError(
            f"no scenario '{ref}'{did_you_mean(ref, preset_names())}; presets: "
            f"{', '.join(preset_names())}, or give a path to a .toml file",
            source=source, key=key, line=line)
    if "\x00" in ref:
        raise SteersimInputError("got a path with a NUL character", source=source, key=key, line=line)
    path = Path(ref) if Path(ref).is_absolute() else base / ref
    shipped = _shipped_example(ref)
    if shipped is not None and not path.is_file():
        return shipped
    if checked:
        real = path.resolve()
        roots = [base.resolve(), presets_dir().resolve(), examples_dir().resolve(), *_ALLOWED_ROOTS]
        if not any(real.is_relative_to(root) for root in roots):
            raise SteersimInputError(
                f"refers to {ref!r}, outside the scenario's folder and the presets; copy the "
                f"file beside this one, or allow its folder with --allow", source=source,
                key=key, line=line)
    if path.is_dir():
        raise SteersimInputError(f"{ref} is a folder; give a scenario file (.toml) or a preset",
                                 source=source, key=key, line=line)
    if not path.is_file():
        hint = ""
        if re.match(r"examples[/\\]", ref):
            names = sorted(p.stem for p in examples_dir().glob("*.toml"))
            hint = f"{did_you_mean(Path(ref).stem, names)}; shipped examples: {', '.join(names)}"
        raise SteersimInputError(f"file not found: {ref}{hint}", source=source, key=key, line=line)
    return path


def read_toml(path: Path, source: str) -> tuple[str, dict]:
    """(text, data) of a TOML file, or a one-line error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SteersimInputError("not a UTF-8 text file; save it as UTF-8", source=source) from None
    except OSError as exc:
        raise SteersimInputError(f"cannot read file: {exc.strerror or exc}", source=source) from None
    if text.startswith("\ufeff"):  # Notepad's byte order mark, which TOML does not allow
        raise SteersimInputError("starts with a byte order mark (BOM), which TOML does not allow; "
                                 "save it as UTF-8 without BOM", source=source, line=1)
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc).splitlines()[0]
        m = re.search(r"line (\d+)", msg)
        raise SteersimInputError(f"not valid TOML: {msg}", source=source,
                                 line=int(m.group(1)) if m else None) from None


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _build(path: Path, seen: tuple[str, ...]) -> Scenario:
    source = display(path)
    here = str(path.resolve())
    if here in seen:
        cycle = " -> ".join(display(Path(p)) for p in (*seen, here))
        raise SteersimInputError(f"refers back to itself in a cycle: {cycle}", source=source,
                                 key="extends")
    text, data = read_toml(path, source)
    try:
        parsed = ScenarioFile.model_validate(data)
    except ValidationError as exc:
        raise one_line(exc, source, text) from None
    where = lambda *keys: _line(text, keys)
    chain: tuple[str, ...]  # the presets and files this one extends, nearest first
    if parsed.extends is not None:
        parent = _build(resolve(parsed.extends, path.parent, source, "extends", where("extends")),
                        (*seen, here))
        inputs, events = dict(parent.inputs), list(parent.events)
        steps, seeds, description = parent.steps, parent.seeds, parent.description
        chain = (parent.name, *parent.chain)
    else:
        inputs, events, chain = {}, [], ()
        steps, seeds, description = DEFAULT_STEPS, DEFAULT_SEEDS, ""
    for section in SECTIONS:
        table = getattr(parsed, section)
        if table is not None:
            for key, value in table.model_dump(exclude_none=True).items():
                inputs[key] = INPUTS[key].check(value, source=source, line=where(section, key))
    if parsed.run is not None:
        steps = parsed.run.steps or steps
        seeds = parsed.run.seeds or seeds
    for i, raw in enumerate(parsed.events):
        events.append(_event(raw, i, path, source, text, (*seen, here)))
    # the error names the last payment share the file itself sets (else the last one set)
    last = (last_share(name for name in PAYMENT_SHARES if name in inputs and where("levers", name) is not None)
            or last_share(name for name in PAYMENT_SHARES if inputs.get(name)) or PAYMENT_SHARES[-1])
    check_payment(inputs, source=source, key=f"levers.{last}", line=where("levers", last) if last in inputs else None)
    make_params(inputs, source=source)  # fills defaults; values already checked
    check_events(events, inputs, steps, source, text)
    name = parsed.name if parsed.name is not None else _file_name(path, source)
    return Scenario(name, parsed.description or description, inputs, tuple(events), steps, seeds,
                    source, chain)


def _file_name(path: Path, source: str) -> str:
    """A scenario's default name is its file's; it must be a plain folder name too."""
    from sim.inputs.files import NAME_PATTERN, NAME_RULE
    if not re.match(NAME_PATTERN, path.stem):
        raise SteersimInputError(f"the file name {path.stem!r} cannot name results; give the "
                                 f"scenario `name = ...`, {NAME_RULE}", source=source, key="name")
    return path.stem


def _line(text: str, keys: tuple) -> int | None:
    from sim.inputs.files import line_of
    return line_of(text, keys)


def _event(raw, i: int, path: Path, source: str, text: str, seen: tuple[str, ...]):
    at = _line(text, ("events", i))
    key = f"events[{i}]"
    label = raw.label or raw.kind
    units = None if getattr(raw, "units", "all") == "all" else tuple(raw.units)
    if isinstance(raw, LeversEvent):
        levers: dict = {}
        if raw.preset is not None:
            other = _build(resolve(raw.preset, path.parent, source, f"{key}.preset", at), seen)
            levers.update(other.levers())
        if raw.levers is not None:
            for name, value in raw.levers.model_dump(exclude_none=True).items():
                levers[name] = INPUTS[name].check(value, source=source, line=at, key=name)
        if not levers:
            raise SteersimInputError("a 'levers' event needs 'preset' or a 'levers' table (or both)",
                                     source=source, key=key, line=at)
        return SetLevers(raw.week, levers, units, raw.co_created, label)
    if raw.kind == "incident":
        return Incident(raw.week, float(raw.severity), raw.unit, label)
    if raw.kind == "budget":
        return BudgetChange(raw.week, float(raw.change), units, label)
    return RuleCut(raw.week, float(raw.share), label)


def _check_budgets(events, n_units: int, source: str, text: str) -> None:
    """Budget changes compound per unit in week order; none may take a unit's paid hours
    outside ``CAPACITY_RANGE`` (one line naming the event that does)."""
    low, high = CAPACITY_RANGE
    capacity = np.ones(n_units)
    budgets = [(e.week, i, e) for i, e in enumerate(events) if isinstance(e, BudgetChange)]
    for _, i, event in sorted(budgets, key=lambda t: t[:2]):
        units = np.arange(n_units) if event.units is None else np.array(
            [u for u in event.units if 0 <= u < n_units], dtype=int)  # others: the unit check
        capacity[units] *= 1 + event.change
        outside = (capacity[units] < low - 1e-12) | (capacity[units] > high + 1e-12)
        if outside.any():
            unit = int(units[np.argmax(outside)])
            line = _line(text, ("events", i, "change")) if text else None
            raise SteersimInputError(
                f"after this budget change unit {unit} would have {capacity[unit]:.2f} of its "
                f"paid hours; budget changes may leave a unit {low:g} to {high:g} of them "
                f"(together)", source=source, key=f"events[{i}].change", line=line)


def _check_payments(events, inputs, n_units: int, source: str, text: str) -> None:
    """Every unit's payment shares add up to at most 1 after each reform that sets them."""
    shares = {name: [inputs.get(name, INPUTS[name].default)] * n_units for name in PAYMENT_SHARES}
    for i, event in sorted(enumerate(events), key=lambda pair: pair[1].week):
        levers = getattr(event, "levers", None) or {}
        if not any(name in levers for name in PAYMENT_SHARES):
            continue
        units = getattr(event, "units", None) or range(n_units)
        for unit in (u for u in units if 0 <= u < n_units):
            for name in PAYMENT_SHARES:
                shares[name][unit] = levers.get(name, shares[name][unit])
            check_payment({name: shares[name][unit] for name in PAYMENT_SHARES}, source=source,
                          line=_line(text, ("events", i, "week")) if text else None,
                          key=f"events[{i}].levers.{last_share(levers)}")


def check_events(events, inputs, steps: int, source: str, text: str = "") -> None:
    """Events must fall inside the horizon, name units that exist, and leave every unit's
    paid hours within ``CAPACITY_RANGE`` after its budget changes."""
    n_units = inputs.get("units", INPUTS["units"].default)
    _check_budgets(events, n_units, source, text)
    _check_payments(events, inputs, n_units, source, text)
    for i, event in enumerate(events):
        key = f"events[{i}]"
        line = _line(text, ("events", i, "week")) if text else None
        if event.week < 1:
            raise SteersimInputError(f"week {event.week} is in the past; weeks start at 1",
                                     source=source, key=f"{key}.week", line=line)
        if event.week > steps:
            raise SteersimInputError(f"week {event.week} is beyond the horizon of {steps} weeks "
                                     f"(run.steps)", source=source, key=f"{key}.week", line=line)
        targets = (event.unit,) if isinstance(event, Incident) else (getattr(event, "units", None) or ())
        bad = [u for u in targets if not 0 <= u < n_units]
        if bad:
            raise SteersimInputError(f"unit {bad[0]} does not exist; units are 0 to {n_units - 1}",
                                     source=source, key=f"{key}.units", line=line)
