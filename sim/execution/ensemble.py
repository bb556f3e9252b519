"""Ensembles: scenarios on seeds, with common random numbers.

Runs with the same seed start from the same history and meet the same people, needs
and shocks (common random numbers), so a paired difference between two scenarios is
the regime's effect. All scenarios of one seed run in one task, so their shared
history is simulated once (``sim.model.history``); a run made before in this process
comes from the run cache (``sim.execution.cache``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sim.execution import cache
from sim.execution.executor import Executor
from sim.inputs.scenario import Scenario


def run_one(scenario: Scenario, seed: int, steps: int, units: bool = False) -> pd.DataFrame:
    """The weekly series of every metric for one seed (weeks 1..steps); with ``units``,
    the unit-level panel (``SteeringModel.unit_history_frame``) instead."""
    model = scenario.model(seed)
    model.run(steps)
    frame = model.unit_history_frame() if units else model.history_frame().iloc[1:].reset_index()
    model.remove_all_agents()  # Mesa keeps agents alive otherwise; frees the model
    frame.insert(0, "seed", seed)
    frame.insert(0, "scenario", scenario.name)
    return frame


def seed_task(args) -> list[pd.DataFrame]:
    """(scenarios, seed, steps, units) -> each scenario's frame on that seed: one task."""
    scenarios, seed, steps, units = args
    return [run_one(sc, seed, steps, units) for sc in scenarios]


def run_many(scenarios: Sequence[Scenario], seeds: Sequence[int], steps: int | None = None,
             workers: int | None = 1, units: bool = False, progress: bool = False,
             executor: Executor | None = None) -> pd.DataFrame:
    """Every scenario on every seed; rows in a stable order (scenario, seed, week)
    whatever runs them."""
    executor = executor or Executor(workers)
    steps_of = {sc.name: steps or sc.steps for sc in scenarios}
    frames: dict[tuple[str, int], pd.DataFrame] = {}
    todo: dict[int, list[Scenario]] = {}
    for sc in scenarios:
        for seed in seeds:
            hit = cache.get(cache.key(sc, seed, steps_of[sc.name], units))
            if hit is not None:  # the same run under another name: relabel a copy
                frames[(sc.name, int(seed))] = hit.assign(scenario=sc.name)
            else:
                todo.setdefault(int(seed), []).append(sc)
    tasks = [(scs, seed, steps_of[scs[0].name], units) for seed, scs in todo.items()]
    if len({steps_of[s.name] for s in scenarios}) > 1:  # different horizons: one task each
        tasks = [([sc], seed, steps_of[sc.name], units) for seed, scs in todo.items() for sc in scs]
    bar = progress_bar(len(tasks), progress, "runs")
    for i, result in executor.imap(seed_task, tasks):
        for sc, frame in zip(tasks[i][0], result):
            frames[(sc.name, tasks[i][1])] = frame
            cache.put(cache.key(sc, tasks[i][1], tasks[i][2], units), frame)
        bar.update()
    bar.close()
    return pd.concat([frames[(sc.name, int(seed))] for sc in scenarios for seed in seeds],
                     ignore_index=True)


def progress_bar(total: int, show: bool, unit: str = "run", desc: str | None = None):
    from tqdm import tqdm
    return tqdm(total=total, unit=unit, disable=not show, leave=False, dynamic_ncols=True,
                desc=desc)


def seeds_for(n: int, first: int = 1) -> list[int]:
    """The seeds of an N-seed ensemble: first..first+N-1."""
    return list(range(first, first + n))
