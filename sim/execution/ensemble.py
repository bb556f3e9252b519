"""Ensembles: scenarios on seeds, with common random numbers.

Runs with the same seed start from the same history and meet the same people, needs
and shocks (common random numbers), so a paired difference between two scenarios is
the regime's effect. A task is a batch of runs advanced together by one engine
(``sim.model.engine``), the scenarios of a seed side by side, so their shared history
is simulated once (``sim.model.history``); a run made before in this process comes
from the run cache (``sim.execution.cache``). A run's numbers do not depend on the
batch it ran in.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sim.execution import cache, memory
from sim.execution.executor import Executor
from sim.execution.progress import progress_bar
from sim.inputs.scenario import Scenario
from sim.model import metrics as _metrics
from sim.model.batching import run_all, scenario_batch_size


def _frame(record, scenario: Scenario, seed: int, units: bool) -> pd.DataFrame:
    if record.error is not None:
        raise record.error
    if units:
        frame = _metrics.unit_frame(list(record.units), record.pilot)
    else:
        frame = _metrics.history_frame(record.history).iloc[1:].reset_index()
    frame.insert(0, "seed", seed)
    frame.insert(0, "scenario", scenario.name)
    return frame


def run_one(scenario: Scenario, seed: int, steps: int, units: bool = False) -> pd.DataFrame:
    """The weekly series of every metric for one seed (weeks 1..steps); with ``units``,
    the unit-level panel (``SteeringModel.unit_history_frame``) instead."""
    return batch_task(([(scenario, seed)], steps, units))[0]


def batch_task(args) -> list[pd.DataFrame]:
    """(runs as (scenario, seed), steps, units) -> each run's frame: one task, run as
    batches (``sim.model.batching.run_all``)."""
    runs, steps, units = args
    records = run_all(runs, steps, units=units)
    return [_frame(record, sc, int(seed), units) for record, (sc, seed) in zip(records, runs)]


def seed_task(args) -> list[pd.DataFrame]:
    """(scenarios, seed, steps, units) -> each scenario's frame on that seed: one task."""
    scenarios, seed, steps, units = args
    return batch_task(([(sc, seed) for sc in scenarios], steps, units))


def run_many(scenarios: Sequence[Scenario], seeds: Sequence[int], steps: int | None = None,
             workers: int | None = None, units: bool = False, progress: bool | None = None,
             executor: Executor | None = None, label: str | None = None) -> pd.DataFrame:
    """Every scenario on every seed; rows in a stable order (scenario, seed, week)
    whatever runs them. ``progress`` as ``sim.execution.progress.progress_bar`` takes it,
    labelled ``label`` (default: the scenarios' names)."""
    executor = executor or Executor(workers)
    steps_of = {sc.name: steps or sc.steps for sc in scenarios}
    frames: dict[tuple[str, int], pd.DataFrame] = {}
    todo: dict[int, list[tuple[Scenario, int]]] = {}
    code = cache.code_key()
    for seed in seeds:
        for sc in scenarios:
            hit = cache.get(cache.key(sc, seed, steps_of[sc.name], units, code))
            if hit is not None:  # the same run under another name: relabel a copy
                frames[(sc.name, int(seed))] = hit.assign(scenario=sc.name)
            else:
                todo.setdefault(steps_of[sc.name], []).append((sc, int(seed)))
    executor = executor.for_work(sum(memory.work(sc, 1, horizon) for horizon, runs in todo.items()
                                     for sc, _ in runs))
    tasks = [(chunk, horizon, units) for horizon, runs in todo.items()
             for chunk in _chunks(runs, executor.processes)]
    if tasks and not executor.scheduler:  # a cluster's workers have memory of their own
        memory.check_fits([sc for t in tasks for sc, _ in t[0]], max(len(t[0]) for t in tasks),
                          min(executor.processes, len(tasks)))
    names = ", ".join(dict.fromkeys(sc.name for sc in scenarios))
    bar = progress_bar(sum(len(t[0]) for t in tasks), progress, "run",
                       f"{label or names} ({_batch_label(tasks)})")
    for i, result in executor.imap(batch_task, tasks):
        for (sc, seed), frame in zip(tasks[i][0], result):
            frames[(sc.name, seed)] = frame
            cache.put(cache.key(sc, seed, tasks[i][1], units, code), frame)
        bar.update(len(result))
    bar.close()
    return pd.concat([frames[(sc.name, int(seed))] for sc in scenarios for seed in seeds],
                     ignore_index=True)


def _chunks(runs: list, processes: int) -> list[list]:
    """Runs in tasks of up to a batch (``scenario_batch_size``), seed by seed, and at least two
    tasks per process while there are runs enough, so the processes stay evenly loaded."""
    size = scenario_batch_size(runs[0][0])
    size = max(1, min(size, -(-len(runs) // (2 * max(processes, 1)))))
    return [runs[i:i + size] for i in range(0, len(runs), size)]


def _batch_label(tasks) -> str:
    largest = max((len(t[0]) for t in tasks), default=0)
    return f"batches of up to {largest} runs"


def seeds_for(n: int, first: int = 1) -> list[int]:
    """The seeds of an N-seed ensemble: first..first+N-1."""
    return list(range(first, first + n))
