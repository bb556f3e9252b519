"""Experiments: sweeps and ensembles over levers, behaviour, coefficients and events.

An experiment file (TOML; examples ship in experiments/) names a base scenario (or
several, to compare regimes), the inputs to vary, the design (``grid``, ``lhs``,
``sobol``, ``morris``; sampled with SALib), replicates per point, and the metrics and
window they are summarised over::

    name = "indicators_x_discretion"
    scenario = "npm"              # or scenarios = ["npm", "trust"]
    design = "grid"
    replicates = 3
    steps = 260
    window = 52
    metrics = ["service_quality", "admin_share"]

    [vary]
    indicators = [4, 8, 16, 32]                        # values (grid) or choices
    discretion = { low = 0.1, high = 0.9, steps = 5 }  # a range: grid points or bounds
    "events[0].week" = [52, 104, 156]                  # an event's field

    [set]                          # fixed inputs for every scenario and run
    complex_share = 0.1

Seeds are derived from the experiment, not the worker: replicate r of every point uses
seed ``seed + r`` (common random numbers across points), so a sweep gives the same
table serially, on local processes or on a Dask cluster. The structure is checked by
``sim.inputs.files`` like a scenario file's.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from sim.errors import SteersimInputError, did_you_mean
from sim.inputs.data import experiments_dir
from sim.inputs.files import FIELD_SPECS, ExperimentFile, line_of, one_line
from sim.inputs.scenario import Scenario, display, load_scenario, read_toml, resolve
from sim.inputs.schema import INPUTS, PAYMENT_SHARES, check_payment
from sim.inputs.spec import Spec, fmt
from sim.model.metrics import METRICS

DESIGNS = ("grid", "lhs", "sobol", "morris")
EVENT_KEY = re.compile(r"^events\[(\d+)\]\.(week|co_created|severity|change|share)$")
DEFAULT_METRICS = ("service_quality", "admin_share", "citizen_trust", "gaming_gap")
#: Designs larger than this are refused unless asked for (``--max-runs``).
MAX_RUNS = 1_000_000
_EVENT_SPECS = {"week": FIELD_SPECS["week"], "severity": FIELD_SPECS["severity"],
                "change": FIELD_SPECS["change"], "share": FIELD_SPECS["share"],
                "co_created": Spec("co_created", "event", False, "", "", kind=bool)}


@dataclass(frozen=True)
class Factor:
    """One input that varies: its values (grid, choices) or its bounds (sampling)."""

    name: str
    values: tuple = ()
    low: float | None = None
    high: float | None = None
    steps: int | None = None
    kind: type = float

    @property
    def size(self) -> int:
        return len(self.values) if self.values else (self.steps or 5)

    def grid(self) -> list:
        if self.values:
            return list(self.values)
        low, high = self.bounds()
        return [self._cast(v) for v in np.linspace(low, high, self.size)]

    def bounds(self) -> tuple[float, float]:
        if self.values:  # sampled designs pick among the values by index
            return (0.0, float(len(self.values)))
        assert self.low is not None and self.high is not None, f"factor {self.name} has neither values nor bounds"
        return (self.low, self.high)

    def from_unit(self, x: float):
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
    metrics: tuple[str, ...] = DEFAULT_METRICS
    seed: int = 1
    series: bool = False
    source: str = ""
    text: str = field(default="", repr=False)

    def __post_init__(self):
        # one store column per name: a metric would overwrite the varied input it is named
        # like ('indicators' is a lever and a metric), in a file or built by robustness alike
        for f in self.factors:
            if f.name in self.metrics:
                raise SteersimInputError(f"{f.name!r} is both varied and a metric; the store keeps one "
                                         f"column per name, so drop it from `metrics` (the varied value is "
                                         f"stored with every run)", source=self.source or None, key="metrics")

    @property
    def n_points(self) -> int:
        """Design points, computed without building them."""
        k = len(self.factors)
        if self.design == "given":
            return self.samples
        if self.design == "grid":
            return math.prod(f.size for f in self.factors)
        if self.design == "sobol":
            return self.samples * (k + 2)
        if self.design == "morris":
            return self.samples * (k + 1)
        return self.samples

    @property
    def n_runs(self) -> int:
        return self.n_points * len(self.scenarios) * self.replicates

    def problem(self) -> dict:
        """The SALib problem: names and bounds of the factors."""
        return {"num_vars": len(self.factors), "names": [f.name for f in self.factors],
                "bounds": [list(f.bounds()) for f in self.factors]}

    def sample_matrix(self) -> np.ndarray:
        problem = self.problem()
        if self.design == "lhs":
            from SALib.sample import latin
            return latin.sample(problem, self.samples, seed=self.seed)
        if self.design == "sobol":
            from SALib.sample import sobol
            return sobol.sample(problem, self.samples, calc_second_order=False, seed=self.seed)
        from SALib.sample import morris
        return morris.sample(problem, self.samples, num_levels=4, seed=self.seed)

    def points(self):
        """Every design point as {factor: value}, lazily."""
        if self.design == "given":  # points given one by one (a plausible set)
            for i in range(self.samples):
                yield {f.name: f.values[i] for f in self.factors}
            return
        if self.design == "grid":
            names = [f.name for f in self.factors]
            for combo in itertools.product(*(f.grid() for f in self.factors)):
                yield dict(zip(names, combo))
            return
        for row in self.sample_matrix():
            yield {f.name: f.from_unit(x) for f, x in zip(self.factors, row)}

    def runs(self):
        """Every run, lazily: run_id, point, scenario, replicate, seed and factor values."""
        per_point = len(self.scenarios) * self.replicates
        for point, values in enumerate(self.points()):
            for rep in range(self.replicates):
                for k, sc in enumerate(self.scenarios):
                    # run ids count scenario-major within a point, as they always have
                    run_id = point * per_point + k * self.replicates + rep
                    yield dict(run_id=run_id, point=point, scenario=sc.name, replicate=rep,
                               seed=self.seed + rep, **values)

    def jobs(self):
        """The runs grouped into jobs: every scenario of one point and replicate, run
        together so they share their history (``sim.model.past``)."""
        job: list[dict] = []
        for run in self.runs():
            if job and (run["point"], run["replicate"]) != (job[0]["point"], job[0]["replicate"]):
                yield job
                job = []
            job.append(run)
        if job:
            yield job

    def scenario_for(self, run: dict) -> Scenario:
        """The base scenario with this run's factor values applied (inputs and events)."""
        sc = next(s for s in self.scenarios if s.name == run["scenario"])
        inputs, events = dict(sc.inputs), list(sc.events)
        for f in self.factors:
            m = EVENT_KEY.match(f.name)
            if m:
                i, attr = int(m.group(1)), m.group(2)
                events[i] = dataclasses.replace(events[i], **{attr: run[f.name]})
            else:
                inputs[f.name] = run[f.name]
        return dataclasses.replace(sc, inputs=inputs, events=tuple(events))


def load_experiment(ref: str | Path, max_runs: int = MAX_RUNS) -> Experiment:
    """Read and validate an experiment file (a path, or the name of a shipped one)."""
    path = Path(ref)
    if not path.is_file() and not str(ref).endswith(".toml") and "/" not in str(ref):
        shipped = experiments_dir() / f"{ref}.toml"
        if shipped.is_file():
            path = shipped
    if path.is_dir():
        raise SteersimInputError(f"{ref} is a folder; give an experiment file (.toml) or a shipped "
                                 f"experiment's name", key="EXPERIMENT")
    if not path.is_file():
        names = sorted(p.stem for p in experiments_dir().glob("*.toml"))
        raise SteersimInputError(f"file not found: {ref}{did_you_mean(str(ref), names)}; shipped experiments: "
                                 f"{', '.join(names)}",
                                 key="EXPERIMENT")
    source = display(path)
    text, data = read_toml(path, source)
    try:
        parsed = ExperimentFile.model_validate(data)
    except ValidationError as exc:
        raise one_line(exc, source, text, kind="experiment") from None
    at = lambda *keys: line_of(text, keys)
    if parsed.scenario is not None and parsed.scenarios is not None:
        raise SteersimInputError("give either scenario or scenarios, not both", source=source,
                                 key="scenarios", line=at("scenarios"))
    if parsed.scenario is None and parsed.scenarios is None:
        raise SteersimInputError("missing; name the scenario to vary (a preset or a path), or give "
                                 "'scenarios' to compare several at every point", source=source, key="scenario")
    key = "scenarios" if parsed.scenarios else "scenario"
    refs: list[str] = parsed.scenarios or [str(parsed.scenario)]
    if len(set(refs)) < len(refs):
        dup = next(r for r in refs if refs.count(r) > 1)
        raise SteersimInputError(f"'{dup}' is listed twice; each scenario once", source=source,
                                 key="scenarios", line=at("scenarios"))
    scenarios = [load_scenario(resolve(r, path.parent, source, key, at(key))) for r in refs]
    names = [s.name for s in scenarios]
    if len(set(names)) < len(names):
        raise SteersimInputError(f"two scenarios are named '{names[0]}'; give one a different "
                                 f"`name =`", source=source, key="scenarios", line=at("scenarios"))
    if parsed.set is not None:
        fixed = parsed.set.model_dump(exclude_none=True)
        scenarios = [sc.with_inputs(fixed, source=source) for sc in scenarios]
    steps = parsed.steps or scenarios[0].steps
    window = parsed.window or min(52, steps)
    if window > steps:
        raise SteersimInputError(f"window {window} is longer than steps {steps}", source=source,
                                 key="window", line=at("window"))
    varied_weeks = {int(k.group(1)) for name in parsed.vary if (k := EVENT_KEY.match(name)) and k.group(2) == "week"}
    for sc in scenarios:
        # an event whose week the experiment varies is checked at its varied weeks (each
        # of which must lie inside the horizon), not at the base scenario's week
        late = [e for i, e in enumerate(sc.events) if e.week > steps and i not in varied_weeks]
        if late:
            raise SteersimInputError(f"scenario '{sc.name}' has an event in week {late[0].week}, "
                                     f"beyond steps = {steps}; give steps = {late[0].week} or more",
                                     source=source, key="steps", line=at("steps"))
    metrics = parsed.metrics or list(DEFAULT_METRICS)
    for m in metrics:
        if m not in METRICS:
            raise SteersimInputError(f"no metric {m!r}{did_you_mean(m, METRICS)} (see `steersim list`)",
                                     source=source, key="metrics", line=at("metrics"))
    factors = tuple(_factor(name, raw, scenarios, steps, source, at(name))
                    for name, raw in parsed.vary.items())
    for f in factors:
        if f.name == "units":
            _check_units_named(f, scenarios, source, at(f.name))
    check_payment_shares(factors, scenarios, source, at)
    design = parsed.design
    if design in ("sobol", "morris") and len(factors) < 2:
        raise SteersimInputError(f"a {design} design needs at least two factors", source=source,
                                 key="vary", line=at("vary"))
    if design == "sobol" and parsed.samples & (parsed.samples - 1):
        low = 1 << (parsed.samples.bit_length() - 1)
        raise SteersimInputError(f"got samples = {parsed.samples}; Sobol sampling needs a power of "
                                 f"two, such as {low} or {low * 2}", source=source, key="samples",
                                 line=at("samples"))
    exp = Experiment(name=parsed.name or _name(path, source), description=parsed.description or "",
                     scenarios=tuple(scenarios), design=design, factors=factors,
                     samples=parsed.samples, replicates=parsed.replicates, steps=steps,
                     window=window, metrics=tuple(metrics), seed=parsed.seed, series=parsed.series,
                     source=source, text=text)
    if exp.n_runs > max_runs:
        raise SteersimInputError(f"the design makes {exp.n_runs:,} runs, more than the limit of "
                                 f"{max_runs:,}; make it smaller, or raise the limit with --max-runs",
                                 source=source, key=design)
    return exp


def _name(path: Path, source: str) -> str:
    from sim.inputs.files import NAME_PATTERN, NAME_RULE
    if not re.match(NAME_PATTERN, path.stem):
        raise SteersimInputError(f"the file name {path.stem!r} cannot name results; give the "
                                 f"experiment `name = ...`, {NAME_RULE}", source=source, key="name")
    return path.stem


def _factor(name: str, raw, scenarios, steps: int, source: str, line) -> Factor:
    key = f"vary.{name}"
    m = EVENT_KEY.match(name)
    if m:
        i, attr = int(m.group(1)), m.group(2)
        for sc in scenarios:
            if i >= len(sc.events) or not hasattr(sc.events[i], attr):
                raise SteersimInputError(f"scenario '{sc.name}' has no event {i} with a '{attr}'",
                                         source=source, key=key, line=line)
        spec = _EVENT_SPECS[attr]
        if attr == "week":
            spec = dataclasses.replace(spec, high=steps)
    else:
        if name not in INPUTS:
            raise SteersimInputError(f"no input '{name}'{did_you_mean(name, INPUTS)}; vary an input "
                                     f"(see `steersim list`) or events[i].week", source=source,
                                     key=key, line=line)
        spec = INPUTS[name]
    if isinstance(raw, list):
        values = tuple(spec.check(v, source=source, key=key, line=line) for v in raw)
        if len(set(values)) < len(values):
            raise SteersimInputError(f"a value is listed twice: {list(values)}", source=source,
                                     key=key, line=line)
        return Factor(name, values, kind=spec.kind)
    if spec.choices or spec.kind is bool:
        raise SteersimInputError("a choice takes a list of values, not a range", source=source,
                                 key=key, line=line)
    low = spec.check(raw.low, source=source, key=f"{key}.low", line=line)
    high = spec.check(raw.high, source=source, key=f"{key}.high", line=line)
    if not low < high:
        raise SteersimInputError(f"low ({fmt(low)}) must be below high ({fmt(high)})", source=source,
                                 key=key, line=line)
    return Factor(name, (), float(low), float(high), raw.steps, kind=spec.kind)


def check_payment_shares(factors, scenarios, source: str, at, prefix: str = "vary.") -> None:
    """No point of the design may pay a provider more than all of its payment: the shares
    per visit, per listed citizen and per case, at their highest in the design, add up to at most 1
    (refused before any run, rather than runs failing one by one)."""
    varied = {f.name: f for f in factors if f.name in PAYMENT_SHARES}
    if not varied:
        return
    name = next(iter(varied))
    for sc in scenarios:
        highest = {share: (max(varied[share].values) if varied[share].values else varied[share].high)
                   if share in varied else sc.inputs.get(share, INPUTS[share].default) for share in PAYMENT_SHARES}
        check_payment(highest, source=source, key=f"{prefix}{name}", line=at(name),
                      where=f" at their highest in this design (scenario '{sc.name}')")


def _check_units_named(factor: Factor, scenarios, source: str, line) -> None:
    """Every unit a scenario's events name must exist at the fewest units the
    experiment gives the organisation (a run would otherwise fail, or pilot nothing)."""
    fewest = int(round(min(factor.values) if factor.values else float(factor.low or 0)))
    for sc in scenarios:
        for i, event in enumerate(sc.events):
            named = (event.unit,) if hasattr(event, "unit") else (getattr(event, "units", None) or ())
            if named and max(named) >= fewest:
                raise SteersimInputError(
                    f"varies units down to {fewest}, but scenario '{sc.name}' events[{i}] (week {event.week}) "
                    f"names unit {max(named)}; vary units from {max(named) + 1}", source=source,
                    key="vary.units", line=line)


def shipped_experiments() -> list[str]:
    return sorted(p.stem for p in experiments_dir().glob("*.toml"))


__all__ = ["Experiment", "Factor", "load_experiment", "shipped_experiments", "DESIGNS", "Any"]
