"""Ensembles: scenarios on seeds, with common random numbers.

Runs with the same seed start from the same history and meet the same people, needs
and shocks (common random numbers), so a paired difference between two scenarios is
the regime's effect. A task is a batch of runs advanced together by one engine
(``sim.model.engine``), the scenarios of a seed side by side, so their shared history
is simulated once (``sim.model.past``); a run made before in this process comes
from the run cache (``sim.execution.cache``). A run's numbers do not depend on the
batch it ran in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

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
    runs = [(sc, int(seed)) for seed in seeds for sc in scenarios]  # seed by seed: shared histories
    frames = dict(zip(((sc.name, seed) for sc, seed in runs),
                      run_list(runs, steps, workers, units, progress, executor, label)))
    return pd.concat([frames[(sc.name, int(seed))] for sc in scenarios for seed in seeds],
                     ignore_index=True)


def run_list(runs: Sequence[tuple[Scenario, int]], steps: int | None = None, workers: int | None = None,
             units: bool = False, progress: bool | None = None, executor: Executor | None = None,
             label: str | None = None) -> list[pd.DataFrame]:
    """The weekly frame of each of ``runs`` ((scenario, seed) each, run for ``steps`` or
    the scenario's own weeks), in order: from the run cache where the same code made it
    before, the rest in batches on ``executor``."""
    executor = executor or Executor(workers)
    frames: list[pd.DataFrame | None] = [None] * len(runs)
    todo: dict[int, list[tuple[int, Scenario, int]]] = {}
    code = cache.code_key()
    for i, (sc, seed) in enumerate(runs):
        horizon = steps or sc.steps
        hit = cache.get(cache.key(sc, seed, horizon, units, code))
        if hit is not None:  # the same run, perhaps under another name: relabel a copy
            frames[i] = hit.assign(scenario=sc.name)
        else:
            todo.setdefault(horizon, []).append((i, sc, int(seed)))
    executor = executor.for_work(sum(memory.work(sc, 1, horizon) for horizon, waiting in todo.items()
                                     for _, sc, _ in waiting))
    # seed by seed, so that a task's runs share their seed's history (built once per process)
    tasks = [(chunk, horizon) for horizon, waiting in todo.items()
             for chunk in _chunks(sorted(waiting, key=lambda run: run[2]), executor.processes)]
    if tasks and not executor.scheduler:  # a cluster's workers have memory of their own
        memory.check_fits([sc for chunk, _ in tasks for _, sc, _ in chunk], max(len(c) for c, _ in tasks),
                          min(executor.processes, len(tasks)))
    names = ", ".join(dict.fromkeys(sc.name for sc, _ in runs))
    bar = progress_bar(sum(len(chunk) for chunk, _ in tasks), progress, "run",
                       f"{label or names} ({_batch_label(tasks)})")
    work = [([(sc, seed) for _, sc, seed in chunk], horizon, units) for chunk, horizon in tasks]
    for t, result in executor.imap(batch_task, work):
        chunk, horizon = tasks[t]
        for (i, sc, seed), frame in zip(chunk, result):
            frames[i] = frame
            cache.put(cache.key(sc, seed, horizon, units, code), frame)
        bar.update(len(result))
    bar.close()
    return cast(list[pd.DataFrame], frames)  # every task has handed back its frames


def _chunks(runs: list, processes: int) -> list[list]:
    """Runs ((index, scenario, seed) each) in tasks of up to a batch (``scenario_batch_size``),
    seed by seed, and at least two tasks per process while there are runs enough, so the
    processes stay evenly loaded."""
    size = scenario_batch_size(runs[0][1])
    size = max(1, min(size, -(-len(runs) // (2 * max(processes, 1)))))
    return [runs[i:i + size] for i in range(0, len(runs), size)]


def _batch_label(tasks) -> str:
    from sim.i18n import translator
    largest = max((len(chunk) for chunk, _ in tasks), default=0)
    return translator()("batches of up to {n} runs").format(n=largest)


def seeds_for(n: int, first: int = 1) -> list[int]:
    """The seeds of an N-seed ensemble: first..first+N-1."""
    return list(range(first, first + n))
