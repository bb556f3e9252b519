"""Ensembles: one scenario, many seeds; several scenarios on the same seeds.

Runs with the same seed see the same citizens, needs and shocks (common random
numbers), so a paired difference between two scenarios is the regime's effect.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from sim.inputs.scenario import Scenario


def run_one(scenario: Scenario, seed: int, steps: int | None = None,
            units: bool = False) -> pd.DataFrame:
    """The weekly series of every metric for one seed (weeks 1..steps); with ``units``,
    the unit-level panel (``SteeringModel.unit_history_frame``) instead."""
    model = scenario.model(seed)
    model.run(steps or scenario.steps)
    frame = model.unit_history_frame() if units else model.history_frame().iloc[1:].reset_index()
    model.remove_all_agents()  # Mesa keeps agents alive otherwise; frees the model
    frame.insert(0, "seed", seed)
    frame.insert(0, "scenario", scenario.name)
    return frame


def _run_args(args):
    return run_one(*args)


def run_many(scenarios: Sequence[Scenario], seeds: Sequence[int], steps: int | None = None,
             workers: int = 1, progress: bool = False, units: bool = False) -> pd.DataFrame:
    """Run every scenario on every seed; results in a stable order whatever ``workers``."""
    jobs = [(sc, int(seed), steps, units) for sc in scenarios for seed in seeds]
    bar = _bar(len(jobs), progress)
    if workers <= 1 or len(jobs) == 1:
        frames = []
        for job in jobs:
            frames.append(run_one(*job))
            bar.update()
    else:
        # forkserver: forking a process that already runs threads (BLAS, pytest) can deadlock
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
            frames = []
            for frame in pool.map(_run_args, jobs):
                frames.append(frame)
                bar.update()
    bar.close()
    return pd.concat(frames, ignore_index=True)


def _bar(total: int, show: bool):
    from tqdm import tqdm
    return tqdm(total=total, unit="run", disable=not show, leave=False, dynamic_ncols=True)


def seeds_for(n: int, first: int = 1) -> list[int]:
    """The seeds of an N-seed ensemble: first..first+N-1."""
    return list(range(first, first + n))

