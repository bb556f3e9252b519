"""The library: what the ``steersim`` command does, as functions returning results.

    >>> import sim
    >>> r = sim.compare("npm", "trust", seeds=2, steps=52)   # doctest: +SKIP
    >>> r.table                                               # doctest: +SKIP
    >>> r.report("results/my_comparison")                     # doctest: +SKIP

Scenarios are preset names, paths to scenario files or ``Scenario`` objects; ``set``
overrides inputs for every scenario (validated like ``--set``). Every function checks
its inputs before anything runs and raises ``SteersimInputError`` with one line saying
what is wrong and what is allowed.

``workers``: local processes, by default all cores (work too small to pay for starting
processes runs in this one; a script needs no ``if __name__ == "__main__"`` guard).
``progress``: True (a bar in a terminal, a widget in Jupyter, a line every few seconds
in a log), False, or None, the default: shown only where someone watches (a terminal or
a notebook). Results show themselves in a notebook and draw themselves with ``.plot()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from sim.errors import SteersimInputError
from sim.execution.ensemble import run_many, seeds_for
from sim.execution.executor import Executor
from sim.inputs.scenario import Scenario, load_scenario
from sim.inputs.spec import Spec
from sim.model.metrics import METRICS, summarise
from sim.results import BatchResult, CalibrationResult, CompareResult, RunResult, ValidationResult
from sim.science.stats import WINDOW


def whole(option: str, value, low: int, high: int) -> int:
    """A whole-number option checked like every input (one-line error)."""
    return Spec(option, "option", low, "", "", low=low, high=high, kind=int).check(value, key=option)


def scenario(ref: str | Path | Scenario, set: dict[str, Any] | None = None, source: str = "set") -> Scenario:
    """A scenario from a preset name, a file or a ``Scenario``, with ``set`` applied
    (errors name ``source``: the argument, or the CLI's ``--set``)."""
    sc = ref if isinstance(ref, Scenario) else load_scenario(ref)
    return sc.with_inputs(set, source=source) if set else sc


def _horizon(scenarios: Sequence[Scenario], seeds, steps) -> tuple[int, list[int]]:
    # Paired scenarios run one horizon and one set of seeds; where their files disagree,
    # which one wins changes the answer (a one-year pilot read after three), so ask.
    for given, attr, flag in ((steps, "steps", "--steps"), (seeds, "seeds", "--seeds")):
        own = {sc.name: getattr(sc, attr) for sc in scenarios}
        if given is None and len(set(own.values())) > 1:
            listed = " and ".join(f"{name} {value}" for name, value in own.items())
            raise SteersimInputError(
                f"the scenarios' own {attr} differ ({listed}, their [run] {attr}); give {flag} N "
                f"to compare them over one", key=flag)
    steps = whole("--steps", steps if steps is not None else scenarios[0].steps, 1, 5000)
    if isinstance(seeds, (list, tuple, range)):
        seeds = [whole("--seeds", s, 0, 2**31 - 1) for s in seeds]
        if not seeds:
            raise SteersimInputError("give at least one seed", key="--seeds")
    else:
        seeds = seeds_for(whole("--seeds", seeds if seeds is not None else scenarios[0].seeds, 1, 10_000))
    for sc in scenarios:
        late = [e for e in sc.events if e.week > steps]
        if late:
            raise SteersimInputError(
                f"scenario '{sc.name}' has an event in week {late[0].week}, beyond --steps {steps}; "
                f"give --steps {late[0].week} or more", key="--steps")
    return steps, seeds


def run(scenario_ref="npm", *, seeds=None, steps=None, set=None, workers=None, progress=None,
        executor: Executor | None = None) -> RunResult:
    """One scenario over ``seeds`` (a number N for seeds 1..N, or a list)."""
    sc = scenario(scenario_ref, set)
    steps, seeds = _horizon([sc], seeds, steps)
    series = run_many([sc], seeds, steps, progress=progress, executor=executor or Executor(workers))
    return RunResult(sc, seeds, steps, series)


def compare(*scenario_refs, seeds=None, steps=None, set=None, workers=None, progress=None,
            uncertainty: int | None = None, plausible=None, executor: Executor | None = None) -> CompareResult:
    """Scenarios on the same seeds (default ``npm`` then ``trust``); differences are
    against the first. ``uncertainty=N`` (2-100,000) adds the uncertainty over worlds: the
    paired difference over N sampled worlds (``sim.science.robustness``), drawn from the
    ``plausible`` set if one is given."""
    refs = scenario_refs or ("npm", "trust")
    if len(refs) < 2:
        raise SteersimInputError("compare needs at least two scenarios (default: npm trust)",
                                 key="scenarios")
    scenarios = [scenario(r, set) for r in refs]
    names = [s.name for s in scenarios]
    if len(names) != len(dict.fromkeys(names)):
        dup = next(n for n in names if names.count(n) > 1)
        raise SteersimInputError(f"two scenarios share the name '{dup}'; give one a different "
                                 f"`name =`", key="scenarios")
    steps, seeds = _horizon(scenarios, seeds, steps)
    worlds = whole("--uncertainty", uncertainty, 2, 100_000) if uncertainty is not None else 0
    if plausible is not None and not worlds:
        raise SteersimInputError("a plausible set is sampled for the uncertainty over worlds: "
                                 "give --uncertainty N too", key="--plausible")
    if plausible is not None:  # checked before anything runs
        from sim.science.robustness import distinct_worlds
        plausible = distinct_worlds(plausible, worlds, "--uncertainty")
    executor = executor or Executor(workers)
    series = run_many(scenarios, seeds, steps, progress=progress, executor=executor)
    from sim.science.pilot import evaluate as evaluate_pilot
    from sim.science.stats import paired_differences
    diffs = {other: paired_differences(series, names[0], other) for other in names[1:]}
    pilots = {}
    for sc in scenarios:
        result = evaluate_pilot(sc, seeds, steps, executor=executor)
        if result is not None:
            pilots[sc.name] = result
    world = None
    if worlds:
        from sim.science.robustness import world_uncertainty
        world = world_uncertainty(scenarios, worlds, steps, executor=executor, plausible=plausible,
                                  progress=progress)
    return CompareResult(scenarios, seeds, steps, series, diffs, pilots, world)


def validate(*, seeds=10, only=None, workers=None, progress=None, size=None) -> ValidationResult:
    """The stylized facts as paired experiments, each with its minimum effect size."""
    from sim.science.facts import FACTS
    from sim.science.validation import validate as run_facts
    n = whole("--seeds", seeds, 2, 10_000) if not isinstance(seeds, (list, range)) else len(seeds)
    known = [f.id for f in FACTS]
    if only is not None and not only:
        raise SteersimInputError(f"give at least one fact id, e.g. SF4; facts: {', '.join(known)}",
                                 key="--only")
    for fact_id in only or []:
        if fact_id not in known:
            from sim.errors import did_you_mean
            raise SteersimInputError(f"no fact '{fact_id}'{did_you_mean(fact_id, known)}; facts: "
                                     f"{', '.join(known)}", key="--only")
    chosen = list(seeds) if isinstance(seeds, (list, range)) else seeds_for(n)
    results = run_facts(FACTS, chosen, size=size, executor=Executor(workers), only=only, progress=progress)
    return ValidationResult(results, chosen)


def calibrate(*, seeds=10, workers=None, plausible: int = 0, vary=None, progress=None) -> CalibrationResult:
    """The status quo (the npm preset at its steady state) against the observed bands;
    with ``plausible=N``, also the worlds among N sampled ones that are consistent with
    every band (history matching: ``result.plausible``)."""
    from sim.science.calibration import run_targets
    from sim.science.plausible import history_match
    from sim.science.robustness import choose_uncertainties
    chosen = seeds_for(whole("--seeds", seeds, 2, 10_000))
    worlds = whole("--plausible", plausible, 10, 100_000) if plausible else 0
    varied = choose_uncertainties(vary, scenarios=[scenario("npm")]) if worlds else None
    executor = Executor(workers)
    table, series = run_targets(chosen, executor=executor)
    result = CalibrationResult(table, series, chosen)
    if worlds:
        result.plausible = history_match(worlds, list(varied or []), executor, progress=progress)
    return result


def sweep(experiment, *, out=None, workers=None, scheduler=None, resume=False, progress=None, announce=None):
    """Run an experiment file (grid, LHS, Sobol, Morris) into a Parquet store.
    ``announce(text)`` is told what will run once the folder is owned and checked."""
    from sim.execution.sweep import sweep as run_sweep
    from sim.inputs.experiment import Experiment, load_experiment
    exp = experiment if isinstance(experiment, Experiment) else load_experiment(experiment)
    out = Path(out) if out else Path("results") / "sweeps" / exp.name
    return run_sweep(exp, out, executor=Executor(workers, scheduler), resume=resume,
                     progress=progress, announce=announce)


def robustness(a="npm", b="trust", *, samples: int = 200, seeds: int = 1, vary=None, fix=None,
               metrics=None, steps=None, design: str = "lhs", plausible=None, out=None,
               workers=None, scheduler=None, resume=False, progress=None):
    """Where each regime wins over the uncertain inputs: an LHS (or Sobol) design over
    their plausible ranges (or a plausible set), both scenarios on the same seeds at every
    point, stored and resumable in ``out``. Returns a ``RobustnessResult``."""
    from sim.errors import require_extra
    from sim.execution.sweep import sweep as run_sweep
    from sim.science.robustness import (
        DEFAULT_METRICS,
        analyse,
        choose_uncertainties,
        from_plausible,
        make_experiment,
        parse_ranges,
    )
    require_extra("ema_workbench", "robustness", "steersim robustness (PRIM, from the EMA Workbench)")
    scenarios = [scenario(a), scenario(b)]
    if scenarios[0].name == scenarios[1].name:
        raise SteersimInputError(f"both scenarios are named '{scenarios[0].name}'", key="scenarios")
    if design not in ("lhs", "sobol"):
        raise SteersimInputError(f"got {design!r}; allowed: lhs, sobol", key="--design")
    samples = whole("--samples", samples, 4, 1_000_000)
    if design == "sobol" and samples & (samples - 1):
        raise SteersimInputError(f"got {samples}; a Sobol design needs a power of two", key="--samples")
    metrics = tuple(metrics or DEFAULT_METRICS)
    for m in metrics:
        if m not in METRICS:
            from sim.errors import did_you_mean
            raise SteersimInputError(f"no metric '{m}'{did_you_mean(m, METRICS)}", key="--metrics")
    steps, _ = _horizon(scenarios, 1, steps)
    if plausible is not None:
        from sim.science.robustness import read_plausible
        plausible = read_plausible(plausible)
    names = choose_uncertainties(vary, fix, scenarios)
    exp = make_experiment(scenarios, names, samples, whole("--seeds", seeds, 1, 1000), steps, metrics,
                          design=design, fix=fix, ranges=parse_ranges(vary)[1])
    if plausible is not None:
        exp = from_plausible(exp, plausible, samples)
    out = Path(out) if out else Path("results") / exp.name
    store = run_sweep(exp, out, executor=Executor(workers, scheduler), resume=resume, progress=progress)
    return analyse(exp, store.runs())


def pilot_design(scenario_ref="pilot", *, units=(1, 2, 4, 8), weeks=(26, 52, 104), metric="service_quality",
                 seeds: int = 60, choose: str = "random", pre_weeks: int = 52, post_weeks: int = 26,
                 survey: int = 0, stagger: int = 0, detect: float | None = None, set=None,
                 workers=None, scheduler=None, progress=None):
    """What an evaluation of the scenario's pilot can detect with ``units`` pilot units
    for ``weeks`` weeks: power, false positives of placebo pilots, bias against the
    model's true effect and the minimum detectable effect, over ``seeds`` runs
    (``sim.science.pilot_design``). Returns a ``PilotDesignResult``."""
    from sim.science.pilot_design import Design, plan
    sc = scenario(scenario_ref, set)

    def numbers(key, values):
        values = [values] if isinstance(values, int) else list(values)
        return tuple(whole(key, v, 1, 100_000) for v in values)
    design = Design(units=numbers("--units", units), weeks=numbers("--weeks", weeks), metric=metric,
                    choice=choose, pre_weeks=whole("--pre-weeks", pre_weeks, 1, 100_000),
                    post_weeks=whole("--post-weeks", post_weeks, 1, 100_000),
                    survey=whole("--survey", survey, 0, 10_000_000), stagger=whole("--stagger", stagger, 0, 100_000))
    if detect is not None:
        detect = Spec("detect", "option", 0.01, "", "", low=1e-6, high=1.0).check(detect, key="--detect")
    runs = seeds_for(whole("--seeds", seeds, 5, 10_000))
    return plan(sc, design, runs, executor=Executor(workers, scheduler), detect=detect, progress=progress)


def run_batch(runs, steps: int | None = None, *, workers=None, progress=None,
              executor: Executor | None = None) -> BatchResult:
    """Any runs at once, batched as a sweep's are, as one tidy table.

    ``runs`` is a list of ``(scenario, seed)`` or ``(scenario, seed, {input: value})``:
    a preset name, a scenario file or a ``Scenario``; a seed from 0 to 2**31-1; inputs
    validated like ``set``. Every run lasts ``steps`` weeks (1-5,000; default: the first
    scenario's). Runs made before in this process by the same code come from the run
    cache. Returns a ``BatchResult``: ``.frame`` (one row per run and week, a column per
    varied input and metric), ``.summary()``, ``.plot()``.

        >>> r = sim.run_batch([("trust", s) for s in range(1, 101)], steps=260)   # doctest: +SKIP
        >>> r.frame.groupby("week")["service_quality"].mean()                   # doctest: +SKIP
    """
    from sim.execution.ensemble import run_list
    from sim.inputs.schema import INPUTS
    if isinstance(runs, (str, Path, Scenario)) or not hasattr(runs, "__iter__"):
        raise SteersimInputError("give a list of (scenario, seed) or (scenario, seed, {input: value})", key="runs")
    specs: list[tuple[Scenario, int]] = []
    for i, item in enumerate(runs):
        if not isinstance(item, (tuple, list)) or len(item) not in (2, 3) or \
                (len(item) == 3 and not isinstance(item[2], dict)):
            raise SteersimInputError(f"got {item!r}; each run is (scenario, seed) or (scenario, seed, "
                                     f"{{input: value}})", key=f"runs[{i}]")
        sc = scenario(item[0], item[2] if len(item) == 3 else None, source=f"runs[{i}]")
        specs.append((sc, whole(f"runs[{i}] seed", item[1], 0, 2**31 - 1)))
    if not specs:
        raise SteersimInputError("give at least one run", key="runs")
    steps = whole("steps", steps if steps is not None else specs[0][0].steps, 1, 5000)
    for i, (sc, _) in enumerate(specs):
        late = [e for e in sc.events if e.week > steps]
        if late:
            raise SteersimInputError(f"scenario '{sc.name}' has an event in week {late[0].week}, beyond "
                                     f"steps {steps}", key=f"runs[{i}]")
    frames = run_list(specs, steps, progress=progress, executor=executor or Executor(workers), label="batch")
    table = pd.DataFrame([{"run": i, "scenario": sc.name, "seed": seed,
                           **{n: sc.inputs.get(n, spec.default) for n, spec in INPUTS.items()}}
                          for i, (sc, seed) in enumerate(specs)])
    series = pd.concat([f.drop(columns=["scenario", "seed"]).assign(run=i) for i, f in enumerate(frames)],
                       ignore_index=True)
    return BatchResult(table, steps, series[["run", *[c for c in series.columns if c != "run"]]])


# ------------------------------------------------------------------ one run, for other tools
def summarise_run(sc: Scenario, seed: int, steps: int, window: int = WINDOW,
                  metrics=tuple(METRICS), keep_series: bool = False):
    """Run one model; ({metric: mean over the last ``window`` weeks}, series or None).
    The model is freed before returning, so a long sweep's memory stays flat."""
    from sim.model.batching import run_all
    record = run_all([(sc, seed)], steps)[0]
    if record.error is not None or record.history is None:
        raise record.error or RuntimeError("a run left no history")
    return summarise(record.history, window, metrics, keep_series)


def evaluate(seed: int = 1, steps: int = 260, window: int = WINDOW, scenario: str = "npm",
             **inputs) -> dict[str, float]:
    """Every outcome, averaged over the last ``window`` weeks of one run: a pure entry
    point for other tools (the EMA Workbench, SALib scripts). ``inputs`` are any inputs
    (validated); the rest come from ``scenario``."""
    seed = whole("seed", seed, 0, 2**31 - 1)
    steps = whole("steps", steps, 1, 5000)
    window = whole("window", window, 1, 5000)
    sc = load_scenario(scenario)
    if inputs:
        sc = sc.with_inputs(inputs, source="evaluate()")
    summary, _ = summarise_run(sc, seed, steps, window)
    return summary
