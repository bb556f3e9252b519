"""A pure entry point for other tools (the EMA Workbench, SALib scripts, notebooks):
inputs and a seed in, a dict of outcome summaries out."""

from __future__ import annotations

import numpy as np

from sim.model.metrics import INDEX, METRICS
from sim.inputs.scenario import Scenario, load_scenario


def summarise_run(scenario: Scenario, seed: int, steps: int, window: int = 52,
                  metrics=tuple(METRICS), keep_series: bool = False):
    """Run one model and return ({metric: mean over the last ``window`` weeks}, series or None).

    The model is freed before returning (Mesa otherwise keeps its agents alive), so a
    long sweep's memory stays flat."""
    model = scenario.model(seed)
    model.run(steps)
    tail = np.vstack(model.history[-window:])
    summary = {m: float(np.nanmean(tail[:, INDEX[m]])) for m in metrics}
    series = model.history_frame().iloc[1:][list(metrics)].reset_index() if keep_series else None
    model.remove_all_agents()
    return summary, series


def evaluate(seed: int = 1, steps: int = 260, window: int = 52, scenario: str = "npm",
             **inputs) -> dict[str, float]:
    """Every outcome, averaged over the last ``window`` weeks of one run.

    ``inputs`` are any levers, organisation or behaviour inputs (validated); the rest
    come from ``scenario`` (a preset name or a path). Example::

        >>> evaluate(seed=3, indicators=8, low_motivation_share=0.4)["service_quality"]  # doctest: +SKIP
    """
    sc = load_scenario(scenario)
    if inputs:
        sc = sc.with_inputs(inputs, source="evaluate()")
    summary, _ = summarise_run(sc, seed, steps, window)
    return summary
