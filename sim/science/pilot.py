"""Pilot evaluation the way an evaluator would do it: pilot units against the other
units, before and after, as a difference-in-differences (DiD) estimate.

Because the model can also run the same world without the pilot (common random
numbers), the report can set the evaluator's estimate beside the pilot's true effect
on its units, and show where they differ (spill-overs through organisation-wide
levers, chance differences between few units).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd

from sim.execution.ensemble import run_many
from sim.inputs.events import SetLevers
from sim.inputs.scenario import Scenario
from sim.inputs.schema import INPUTS
from sim.model.metrics import UNIT_METRICS
from sim.science.stats import mean_ci

PRE_WEEKS = 52
POST_WEEKS = 52


def _is_pilot(event, scenario: Scenario) -> bool:
    """A lever event aimed at some units but not all: a pilot."""
    n_units = scenario.inputs.get("units", INPUTS["units"].default)
    return isinstance(event, SetLevers) and event.units is not None and 0 < len(event.units) < n_units


def pilot_event(scenario: Scenario) -> SetLevers | None:
    """The scenario's first pilot event, or None."""
    return next((e for e in scenario.events if _is_pilot(e, scenario)), None)


def pilot_of(scenario: Scenario) -> tuple[tuple[int, ...], int] | None:
    """(pilot units, start week) of the scenario's pilot, or None."""
    event = pilot_event(scenario)
    return (tuple(event.units), event.week) if event is not None and event.units else None


def without_pilot(scenario: Scenario) -> Scenario:
    """The same scenario with its partial-unit lever events removed: the counterfactual."""
    kept = tuple(e for e in scenario.events if not _is_pilot(e, scenario))
    return dataclasses.replace(scenario, name=f"{scenario.name} (no pilot)", events=kept)


def windows(start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Pre window: up to 52 weeks before the start; post: the last 52 weeks after it."""
    pre = (max(1, start - PRE_WEEKS), start - 1)
    post = (max(start, end - POST_WEEKS + 1), end)
    return pre, post


def did_per_seed(panel: pd.DataFrame, pilot_units: Sequence[int], start: int,
                 metric: str) -> np.ndarray:
    """DiD per seed: (pilot post - pilot pre) - (others post - others pre)."""
    end = int(panel["week"].max())
    (a, b), (c, d) = windows(start, end)
    treated = panel["unit"].isin(pilot_units)
    pre = panel["week"].between(a, b)
    post = panel["week"].between(c, d)
    cell = lambda t, w: panel[t & w].groupby("seed")[metric].mean()
    did = (cell(treated, post) - cell(treated, pre)) - (cell(~treated, post) - cell(~treated, pre))
    return did.sort_index().to_numpy()


def true_effect_per_seed(with_pilot: pd.DataFrame, counterfactual: pd.DataFrame,
                         pilot_units: Sequence[int], start: int, metric: str) -> np.ndarray:
    """What the pilot did to its own units: with - without, same seeds, post window."""
    end = int(with_pilot["week"].max())
    _, (c, d) = windows(start, end)

    def post_mean(panel):
        sel = panel["unit"].isin(pilot_units) & panel["week"].between(c, d)
        return panel[sel].groupby("seed")[metric].mean().sort_index()
    return (post_mean(with_pilot) - post_mean(counterfactual)).to_numpy()


def evaluate(scenario: Scenario, seeds: Sequence[int], steps: int | None = None,
             executor=None) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """DiD estimate and true effect, with 95% CIs over seeds, for each unit metric.

    Returns (table, panel) or None when the scenario has no pilot."""
    found = pilot_of(scenario)
    if found is None:
        return None
    units, start = found
    steps = steps or scenario.steps
    if start <= 1:
        return None  # no before period to compare with
    panel = run_many([scenario, without_pilot(scenario)], seeds, steps, units=True, executor=executor)
    with_p = panel[panel["scenario"] == scenario.name]
    without_p = panel[panel["scenario"] != scenario.name]
    rows = []
    for metric in UNIT_METRICS:
        est = mean_ci(did_per_seed(with_p, units, start, metric))
        true = mean_ci(true_effect_per_seed(with_p, without_p, units, start, metric))
        rows.append(dict(metric=metric, did=est[0], did_low=est[1], did_high=est[2],
                         true=true[0], true_low=true[1], true_high=true[2]))
    table = pd.DataFrame(rows)
    table.attrs.update(units=units, start=start, steps=steps, seeds=list(seeds))
    return table, with_p
