"""Experiments: sweeps and ensembles over levers, behaviour and events.

An experiment file (TOML, under experiments/) names a base scenario (or several, to
compare regimes), the inputs to vary, the design (``grid``, ``lhs``, ``sobol``,
``morris``; sampled with SALib), replicates per point, and the metrics and window
they are summarised over::

    name = "indicators_x_discretion"
    scenario = "npm"              # or scenarios = ["npm", "trust"]
    design = "grid"
    replicates = 3
    steps = 260
    window = 52
    metrics = ["service_quality", "admin_share"]

    [vary]
    indicators = [4, 8, 16, 32]                     # values (grid) or choices
    discretion = { low = 0.1, high = 0.9, steps = 5 } # a range: grid points or bounds
    "events[0].week" = [52, 104, 156]               # an event's field

    [set]                          # fixed inputs for every scenario and run
    complex_share = 0.1

Seeds are derived from the experiment, not the worker: replicate r of every point
uses seed ``seed + r`` (common random numbers across points), so a sweep gives the
same table serially, on local processes or on a Dask cluster.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sim.errors import SteersimInputError, did_you_mean
from sim.model.metrics import METRICS
from sim.inputs.schema import SPECS, Spec
from sim.inputs.scenario import Scenario, load_scenario

DESIGNS = ("grid", "lhs", "sobol", "morris")
TOP_KEYS = ("name", "description", "scenario", "scenarios", "design", "samples", "replicates",
            "steps", "window", "metrics", "seed", "series", "set", "vary")
EVENT_KEY = re.compile(r"^events\[(\d+)\]\.(week|co_created|severity|change|share)$")


@dataclass(frozen=True)
class Factor:
    """One input that varies: its values (grid, choices) or its bounds (sampling)."""

    name: str
    values: tuple = ()                  # explicit values or choices
    low: float | None = None
    high: float | None = None
    steps: int | None = None
    kind: type = float

    @property
    def is_choice(self) -> bool:
        return bool(self.values) and any(isinstance(v, (str, bool)) for v in self.values)

    def grid(self) -> list:
        if self.values:
            return list(self.values)
        return [self._cast(v) for v in np.linspace(self.low, self.high, self.steps or 5)]

    def bounds(self) -> tuple[float, float]:
        if self.values:  # sampled designs: pick among the values by index
            return (0.0, float(len(self.values)))
        return (self.low, self.high)

    def from_unit(self, x: float):
        """A sampled value (within ``bounds``) as the input's value."""
        if self.values:
            return self.values[min(int(x), len(self.values) - 1)]
        return self._cast(x)

    def _cast(self, x):
        return int(round(x)) if self.kind is int else float(x)


@dataclass(frozen=True)
class Experiment:
    name: str
    description: str
    scenarios: tuple[Scenario, ...]
    design: str
    factors: tuple[Factor, ...]
    samples: int = 64
    replicates: int = 1
    steps: int = 260
    window: int = 52
    metrics: tuple[str, ...] = ("service_quality", "admin_share", "citizen_trust", "gaming_gap")
    seed: int = 1
    series: bool = False
    source: str = ""
    text: str = field(default="", repr=False)

    # ---------------------------------------------------------------- the design
    def problem(self) -> dict:
        """The SALib problem: names and bounds of the factors."""
        return {"num_vars": len(self.factors), "names": [f.name for f in self.factors],
                "bounds": [list(f.bounds()) for f in self.factors]}

    def sample_matrix(self) -> np.ndarray:
        """The design's points in factor space (rows), before casting to input values."""
        problem = self.problem()
        if self.design == "lhs":
            from SALib.sample import latin
            return latin.sample(problem, self.samples, seed=self.seed)
        if self.design == "sobol":
            from SALib.sample import sobol
            return sobol.sample(problem, self.samples, calc_second_order=False, seed=self.seed)
        if self.design == "morris":
            from SALib.sample import morris
            return morris.sample(problem, self.samples, num_levels=4, seed=self.seed)
        raise ValueError(self.design)

    def points(self) -> list[dict[str, Any]]:
        """Every design point as {factor: value} (before the scenario factor)."""
        if self.design == "grid":
            names = [f.name for f in self.factors]
            return [dict(zip(names, combo)) for combo in itertools.product(*(f.grid() for f in self.factors))]
        return [{f.name: f.from_unit(x) for f, x in zip(self.factors, row)}
                for row in self.sample_matrix()]

    def runs(self) -> list[dict[str, Any]]:
        """Every run: run_id, point, replicate, seed, scenario and the factor values."""
        out, run_id = [], 0
        for point, values in enumerate(self.points()):
            for sc in self.scenarios:
                for rep in range(self.replicates):
                    out.append(dict(run_id=run_id, point=point, scenario=sc.name, replicate=rep,
                                    seed=self.seed + rep, **values))
                    run_id += 1
        return out

    def scenario_for(self, run: dict) -> Scenario:
        """The base scenario with this run's factor values applied (inputs and events)."""
        sc = next(s for s in self.scenarios if s.name == run["scenario"])
        inputs, events = dict(sc.inputs), list(sc.events)
        for f in self.factors:
            value = run[f.name]
            m = EVENT_KEY.match(f.name)
            if m:
                i, attr = int(m.group(1)), m.group(2)
                events[i] = dataclasses.replace(events[i], **{attr: value})
            else:
                inputs[f.name] = value
        return dataclasses.replace(sc, inputs=inputs, events=tuple(events))


def _fail(msg, source, key=None):
    raise SteersimInputError(msg, source=source, key=key)


def load_experiment(path: str | Path) -> Experiment:
    """Read and validate an experiment file; one-line errors like scenario files."""
    path = Path(path)
    source = str(path)
    if not path.is_file():
        _fail(f"file not found: {path}", None, "EXPERIMENT")
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _fail(f"not valid TOML: {exc}", source)
    for key in data:
        if key not in TOP_KEYS:
            _fail(f"unknown key{did_you_mean(key, TOP_KEYS)}; allowed: {', '.join(TOP_KEYS)}",
                  source, key)
    refs = data.get("scenarios", [data.get("scenario", "npm")])
    if isinstance(refs, str) or not isinstance(refs, list) or not refs:
        _fail("give a list of preset names or paths", source, "scenarios")
    scenarios = []
    for ref in refs:
        if not isinstance(ref, str):
            _fail(f"got {ref!r}; a preset name or a path", source, "scenarios")
        ref_path = path.parent / ref
        scenarios.append(load_scenario(ref_path if ref.endswith(".toml") else ref))
    fixed = data.get("set", {})
    if not isinstance(fixed, dict):
        _fail("must be a table [set] of input = value, applied to every scenario", source, "set")
    if fixed:
        scenarios = [sc.with_inputs(fixed, source=source) for sc in scenarios]
    design = data.get("design", "grid")
    if design not in DESIGNS:
        _fail(f"got {design!r}{did_you_mean(str(design), DESIGNS)}; allowed: {', '.join(DESIGNS)}",
              source, "design")
    ints = {k: Spec(k, "run", 0, "", "", low=lo, high=hi, kind=int)
            for k, lo, hi in (("samples", 2, 1_000_000), ("replicates", 1, 10_000),
                              ("steps", 1, 5000), ("window", 1, 5000), ("seed", 0, 2**31 - 1))}
    values = {k: ints[k].check(data[k], source=source) for k in ints if k in data}
    steps = values.get("steps", scenarios[0].steps)
    window = values.get("window", min(52, steps))
    if window > steps:
        _fail(f"window {window} is longer than steps {steps}", source, "window")
    metrics = data.get("metrics", list(Experiment.metrics))
    if not isinstance(metrics, list) or not metrics:
        _fail("give a list of metric names", source, "metrics")
    for m in metrics:
        if m not in METRICS:
            _fail(f"no metric {m!r}{did_you_mean(str(m), METRICS)} (see `steersim list`)",
                  source, "metrics")
    series = data.get("series", False)
    if not isinstance(series, bool):
        _fail(f"got {series!r}; true or false", source, "series")
    vary = data.get("vary")
    if not isinstance(vary, dict) or not vary:
        _fail("give a [vary] table with at least one input to vary", source, "vary")
    factors = tuple(_factor(name, spec, scenarios, steps, source) for name, spec in vary.items())
    if design in ("sobol", "morris") and len(factors) < 2:
        _fail(f"a {design} design needs at least two factors", source, "vary")
    return Experiment(name=data.get("name", path.stem), description=data.get("description", ""),
                      scenarios=tuple(scenarios), design=design, factors=factors,
                      samples=values.get("samples", 64), replicates=values.get("replicates", 1),
                      steps=steps, window=window, metrics=tuple(metrics),
                      seed=values.get("seed", 1), series=series, source=source, text=text)


def _factor(name: str, raw, scenarios, steps: int, source: str) -> Factor:
    key = f"vary.{name}"
    m = EVENT_KEY.match(name)
    if m:
        i, attr = int(m.group(1)), m.group(2)
        for sc in scenarios:
            if i >= len(sc.events) or not hasattr(sc.events[i], attr):
                _fail(f"scenario '{sc.name}' has no event {i} with a '{attr}'", source, key)
        spec = {"week": Spec(name, "event", 1, "week", "", low=1, high=steps, kind=int),
                "co_created": Spec(name, "event", False, "", "", kind=bool),
                "severity": Spec(name, "event", 0.5, "", "", low=0, high=1),
                "change": Spec(name, "event", 0.0, "", "", low=-0.8, high=1.0),
                "share": Spec(name, "event", 0.5, "", "", low=0, high=1)}[attr]
    else:
        if name not in SPECS:
            _fail(f"no input '{name}'{did_you_mean(name, SPECS)}; vary a lever, an "
                  f"organisation or behaviour input, or events[i].week", source, key)
        spec = SPECS[name]
    if isinstance(raw, list):
        if not raw:
            _fail("give at least one value", source, key)
        return Factor(name, tuple(spec.check(v, source=source) for v in raw), kind=spec.kind)
    if isinstance(raw, dict):
        unknown = set(raw) - {"low", "high", "steps", "dist"}
        if unknown:
            _fail(f"unknown key '{sorted(unknown)[0]}'; a range has low, high and steps",
                  source, key)
        if spec.choices or spec.kind is bool:
            _fail("a choice takes a list of values, not a range", source, key)
        if raw.get("dist", "uniform") != "uniform":
            _fail(f"got dist = {raw['dist']!r}; allowed: 'uniform'", source, key)
        if "low" not in raw or "high" not in raw:
            _fail("a range needs low and high", source, key)
        low, high = spec.check(raw["low"], source=source), spec.check(raw["high"], source=source)
        if not low < high:
            _fail(f"low ({low}) must be below high ({high})", source, key)
        n = raw.get("steps", 5)
        if not isinstance(n, int) or isinstance(n, bool) or not 2 <= n <= 1000:
            _fail(f"got steps = {n!r}; a whole number from 2 to 1000", source, key)
        return Factor(name, (), float(low), float(high), n, kind=spec.kind)
    _fail(f"got {raw!r}; give a list of values or a range {{ low = ..., high = ... }}", source, key)
