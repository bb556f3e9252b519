"""steersim: an agent-based model of how public organisations are steered.

The library (each returns a result object with tables, ``.figure()``, ``.report(path)``):

* ``sim.run(scenario, seeds=..., steps=...)``: one scenario over several seeds;
* ``sim.compare(a, b, ...)``: scenarios on the same seeds (common random numbers);
* ``sim.sweep(experiment)``: a sweep from an experiment file, on processes or Dask;
* ``sim.validate()``: the stylized facts as experiments;
* ``sim.robustness(a, b)``: where each regime wins over the uncertain inputs;
* ``sim.pilot_design(scenario)``: what a pilot of k units for d weeks can detect.

* ``sim.run_batch(runs, steps=...)``: any runs, batched, as one tidy table (a row per
  run and week, a column per input that varies and per metric).

Results show themselves in a notebook (a table and sentences) and draw themselves
(``result.plot()``). And the pieces: ``SteeringModel`` (the Mesa model, one run),
``load_scenario`` / ``Scenario``, ``sim.inputs("regime")`` (the inputs of a group or a
mechanism, with default, unit, range and source; ``INPUTS`` is the same as a dict) and
``METRICS`` (every outcome). Names load on first use, so ``import sim`` is quick.
"""

from importlib import import_module

__version__ = "0.2.0"

_WHERE = {
    "SteeringModel": "sim.model.model", "METRICS": "sim.model.metrics",
    "INPUTS": "sim.inputs.schema", "Scenario": "sim.inputs.scenario",
    "load_scenario": "sim.inputs.scenario", "SteersimInputError": "sim.errors",
    "run": "sim.api", "compare": "sim.api", "sweep": "sim.api", "validate": "sim.api",
    "robustness": "sim.api", "calibrate": "sim.api", "pilot_design": "sim.api", "run_batch": "sim.api",
}
__all__ = sorted([*_WHERE, "inputs"]) + ["__version__"]


def __getattr__(name):
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    if name == "inputs":  # the package, callable: sim.inputs("regime")
        return import_module("sim.inputs")
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


def __dir__():
    return __all__
