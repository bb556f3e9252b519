"""Runs in batches: what a sweep, an ensemble, ``validate``, ``robustness`` and
``calibrate`` hand to the engine (``sim.model.engine``). Runs that share their ``SHAPE``
go together, as many to a batch as pays (``batch_size``); a run's numbers do not depend
on its batch, so the batching is invisible in the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sim.model.engine import SHAPE, Engine


def batch_runs(runs: Sequence[tuple], record_units: bool = True) -> Engine:
    """An engine of ``runs``: each a (scenario, seed) or (scenario, seed, input
    overrides), as ``Scenario.model`` takes them."""
    seeds, params, events = [], [], []
    for scenario, seed, *rest in runs:
        seeds.append(int(seed))
        params.append(_params(scenario, rest[0] if rest else {}))
        events.append(list(scenario.events))
    return Engine(seeds, params, events, record_units=record_units)


def _params(scenario, overrides: dict):
    from sim.inputs.schema import make_params
    return make_params({**scenario.inputs, **overrides})


#: About how many agents a batch holds: past this a bigger batch buys little (the
#: arithmetic outweighs the per-call cost it shares out) and its arrays outgrow the
#: processor's cache (benchmarks/README.md).
BATCH_AGENTS = 60_000
#: The most runs in one batch (a stopped sweep loses at most a batch per process).
MAX_BATCH = 64


def batch_size(params) -> int:
    """Runs per batch for runs of the size ``params`` describes."""
    agents = params.politicians + params.units * (params.staff_per_unit + 1) + params.citizens
    return max(1, min(MAX_BATCH, BATCH_AGENTS // agents))


def scenario_batch_size(scenario) -> int:
    """Runs per batch for runs of ``scenario``."""
    return batch_size(_params(scenario, {}))


@dataclass
class RunRecord:
    """What one run of a batch leaves: its metrics at every week from 0 (week x
    metric), its units' metrics from week 1 (week x metric x unit) and which units
    were in a pilot; or the error that stopped it."""

    history: np.ndarray | None = None
    units: np.ndarray | None = None
    pilot: np.ndarray | None = None
    error: Exception | None = None


def run_all(runs: Sequence[tuple], steps: int, units: bool = False,
            size: int | None = None) -> list[RunRecord]:
    """Run ``runs`` ((scenario, seed[, overrides]) each) for ``steps`` weeks in batches
    (``batch_size``, or ``size``) of runs that share their ``SHAPE``; one record per
    run, in order. A batch that fails is run again one run at a time, so a run's error
    stays with that run and the others' results are kept."""
    records: list[RunRecord] = [RunRecord() for _ in runs]
    groups: dict[tuple, list[int]] = {}
    params = []
    for i, (scenario, _seed, *rest) in enumerate(runs):
        try:
            params.append(_params(scenario, rest[0] if rest else {}))
        except Exception as exc:
            params.append(None)
            records[i].error = exc
            continue
        groups.setdefault(tuple(params[i].values[k] for k in SHAPE), []).append(i)
    for members in groups.values():
        step = size or batch_size(params[members[0]])
        for start in range(0, len(members), step):
            chunk = members[start:start + step]
            try:
                _run_chunk(runs, params, chunk, steps, units, records)
            except Exception:
                for i in chunk:
                    try:
                        _run_chunk(runs, params, [i], steps, units, records)
                    except Exception as exc:
                        records[i].error = exc
    return records


def _run_chunk(runs, params, chunk, steps, units, records) -> None:
    engine = Engine([int(runs[i][1]) for i in chunk], [params[i] for i in chunk],
                    [list(runs[i][0].events) for i in chunk], record_units=units)
    engine.run(steps)
    for r, i in enumerate(chunk):
        records[i] = RunRecord(
            history=engine.history_of(r),
            units=np.stack([week[r] for week in engine.unit_records]) if units else None,
            pilot=engine.state.pilot[r].copy())
