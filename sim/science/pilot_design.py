"""Design a pilot before it starts: with k units for d weeks, what can an evaluation
detect, how often does it see an effect that is not there, and how far is its estimate
from the truth?

For every seed the organisation is run once without a pilot and once per pilot size
with the scenario's pilot levers in k units (common random numbers: the same people,
needs and history). The evaluator's analysis is a difference-in-differences on the
unit panel (each unit's mean after the start less its mean in the pre-period, pilot
units against the rest) with a permutation test over units: the p-value is the share
of assignments of k units, drawn the way the pilot's were, whose estimate is at least
as large in absolute value. With few units that test is exact under random choice,
where clustered standard errors are not (Bertrand, Duflo & Mullainathan 2004; Young
2019). Because the model also knows the same units' outcome without the pilot, the
report sets each estimate beside the pilot's true effect on its own units over the
evaluated weeks (the first months' dip is in it when the pilot is no longer than the
evaluation window); spill-overs to the comparison units show up as bias.

- power: the share of pilot runs where the test rejects at ``alpha`` with the estimate
  on the side of the true effect;
- false positives: the share of placebo pilots (units chosen the same way in the run
  without a pilot) where it rejects;
- bias: the mean estimate less the mean true effect;
- minimum detectable effect: (z(1 - alpha/2) + z(power)) times the spread of the
  placebo estimates (Bloom 1995).

Choices an evaluator faces are options: which units (``random``, or ``volunteers``,
the units whose staff are most motivated before the start, as when units apply),
the pre-period, a survey of n respondents per unit and period instead of the
register value (``survey``), and a staggered roll-out (unit i starts ``stagger * i``
weeks after the first).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.errors import SteersimInputError
from sim.execution.ensemble import progress_bar, run_many, seed_task
from sim.execution.executor import Executor
from sim.inputs.events import SetLevers
from sim.inputs.scenario import Scenario
from sim.inputs.schema import INPUTS
from sim.model.metrics import UNIT_METRICS
from sim.science.discovery import wilson
from sim.science.pilot import pilot_event, pilot_of, without_pilot
from sim.science.pilot_result import PilotDesignResult

CHOICES = ("random", "volunteers")
PERMUTATIONS = 999          # random assignments per test when there are more than this
PLACEBOS = 10               # placebo assignments per run without a pilot
SURVEY_RESPONSE_SD = 0.25   # assumption: SD of one respondent's 0-1 answer about a unit


def _z(p: float) -> float:
    from statistics import NormalDist
    return NormalDist().inv_cdf(p)


@dataclass(frozen=True)
class Design:
    """What the evaluator decides. ``units``: pilot sizes; ``weeks``: durations (the
    evaluation at each); ``pre_weeks``: weeks observed before the start."""

    units: tuple[int, ...] = (1, 2, 4, 8)
    weeks: tuple[int, ...] = (26, 52, 104)
    metric: str = "service_quality"
    choice: str = "random"
    pre_weeks: int = 52
    post_weeks: int = 26     # the evaluation compares the pilot's last post_weeks with the pre-period
    survey: int = 0          # respondents per unit and period; 0: the register value
    stagger: int = 0         # weeks between one unit's start and the next's
    alpha: float = 0.05
    power_wanted: float = 0.8

    def check(self, n_units: int) -> Design:
        def bad(key, msg):
            raise SteersimInputError(msg, key=key)
        if self.metric not in UNIT_METRICS:
            bad("--metric", f"got {self.metric!r}; a metric measured per unit: {', '.join(UNIT_METRICS)}")
        if self.choice not in CHOICES:
            bad("--choose", f"got {self.choice!r}; one of {', '.join(CHOICES)}")
        if not self.units or any(not 1 <= k < n_units for k in self.units):
            bad("--units", f"got {','.join(map(str, self.units))}; each from 1 to {n_units - 1} "
                           f"(the organisation has {n_units} units and needs some to compare with)")
        if not self.weeks or any(w < 4 or w > 520 for w in self.weeks):
            bad("--weeks", f"got {','.join(map(str, self.weeks))}; each from 4 to 520")
        if not 4 <= self.pre_weeks <= 260:
            bad("--pre-weeks", f"got {self.pre_weeks}; from 4 to 260")
        if not 4 <= self.post_weeks <= 520:
            bad("--post-weeks", f"got {self.post_weeks}; from 4 to 520")
        if self.weeks and self.post_weeks > max(self.weeks):
            bad("--post-weeks", f"got {self.post_weeks}; at most the longest pilot tried "
                                f"({max(self.weeks)} weeks): the evaluation reads the pilot's last weeks")
        if self.survey < 0 or self.survey > 100_000:
            bad("--survey", f"got {self.survey}; 0 (the register value) or respondents per unit, up to 100000")
        if self.stagger < 0 or self.stagger * (max(self.units) - 1) >= min(self.weeks):
            bad("--stagger", f"got {self.stagger}; from 0 while the last unit still starts before the "
                             f"shortest duration ends ({min(self.weeks)} weeks)")
        if not 0 < self.alpha < 0.5 or not 0.5 <= self.power_wanted < 1:
            bad("--alpha", "alpha from 0 to 0.5 and the power wanted from 0.5 to 1")
        return dataclasses.replace(self, units=tuple(sorted(set(self.units))),
                                   weeks=tuple(sorted(set(self.weeks))))


def pilot_levers(scenario: Scenario) -> tuple[dict, bool]:
    """The levers the scenario's pilot sets, and whether it is co-created."""
    event = pilot_event(scenario)
    if event is None:
        raise SteersimInputError(
            f"scenario '{scenario.name}' has no pilot (a [[events]] entry of kind 'levers' with some "
            f"'units'); see scenarios/pilot.toml", key="scenario")
    return dict(event.levers), event.co_created


def starts(design: Design, k: int) -> np.ndarray:
    """Start week of each of k pilot units (staggered roll-out: one after another)."""
    return design.pre_weeks + 1 + design.stagger * np.arange(k)


def with_pilot(base: Scenario, levers: dict, co_created: bool, units: Sequence[int] | np.ndarray,
               design: Design, label: str) -> Scenario:
    events = tuple(SetLevers(int(week), levers, (int(u),), co_created, "pilot")
                   for u, week in zip(units, starts(design, len(units))))
    return dataclasses.replace(base, name=label, events=tuple(base.events) + events)


def post_start(start_weeks: np.ndarray, end: int, post_weeks: int) -> np.ndarray:
    """First week of each slot's evaluation window: its last ``post_weeks`` weeks, or
    all of its time in the pilot when that is shorter."""
    return np.maximum(start_weeks, end - post_weeks + 1)


def unit_changes(panel: np.ndarray, start_weeks: np.ndarray, end: int, pre_weeks: int,
                 noise: np.ndarray | None = None) -> np.ndarray:
    """Per schedule slot and unit: the unit's mean from that slot's first evaluated
    week to ``end`` less its mean over the pre-period. ``panel``: weeks x units."""
    pre = panel[:pre_weeks].mean(axis=0)
    out = np.stack([panel[s - 1:end].mean(axis=0) - pre for s in start_weeks])
    return out if noise is None else out + noise


def did(changes: np.ndarray, treated: np.ndarray) -> np.ndarray:
    """DiD for assignments ``treated`` (assignments x k unit indices; slot i starts at
    the i-th start week): each pilot unit's change less the mean change of the units
    not in the pilot over the same weeks, averaged over the pilot units."""
    n_units = changes.shape[1]
    k = treated.shape[1]
    slots = np.arange(k)
    mine = changes[slots, treated]                                   # assignments x k
    totals = changes.sum(axis=1)                                     # per slot
    in_pilot = changes[slots[:, None], treated[:, None, :]].sum(axis=2)  # assignments x k(slot)
    others = (totals[None, :] - in_pilot) / (n_units - k)
    return (mine - others).mean(axis=1)


def assignments(n_units: int, k: int, ordered: bool, rng: np.random.Generator) -> np.ndarray:
    """Assignments of k of n units for the permutation test: all of them when there are
    at most PERMUTATIONS + 1, else that many at random. ``ordered``: the slots differ
    (staggered starts, or each slot its own survey), so which unit gets which slot is
    part of the assignment."""
    count = math.perm(n_units, k) if ordered else math.comb(n_units, k)
    if count <= PERMUTATIONS + 1:
        from itertools import combinations, permutations
        return np.array(list((permutations if ordered else combinations)(range(n_units), k)))
    return np.argsort(rng.random((PERMUTATIONS, n_units)), axis=1)[:, :k]


def p_value(changes: np.ndarray, chosen: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    """(estimate, permutation p-value, two-sided) of the pilot in units ``chosen``. With
    every assignment listed, the observed one is among them; with a random sample, it is
    added to it (so p is never 0)."""
    k, n_units = len(chosen), changes.shape[1]
    ordered = not np.array_equal(changes, np.broadcast_to(changes[:1], changes.shape))
    others = assignments(n_units, k, ordered, rng)
    estimate = float(did(changes, chosen[None, :])[0])
    null = did(changes, others)
    exact = len(others) == (math.perm(n_units, k) if ordered else math.comb(n_units, k))
    extreme = np.sum(np.abs(null) >= abs(estimate) - 1e-12)
    return estimate, float(extreme / len(null) if exact else (extreme + 1) / (len(null) + 1))


def _panel(frame: pd.DataFrame, metric: str, seed: int, n_units: int) -> np.ndarray:
    block = frame[frame["seed"] == seed].sort_values(["week", "unit"])
    return block[metric].to_numpy().reshape(-1, n_units)


def chosen_units(choice: str, k: int, pre_motivation: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The pilot units: k at random, or the k whose staff were most motivated before."""
    if choice == "volunteers":
        return np.argsort(-pre_motivation, kind="stable")[:k]
    return rng.permutation(pre_motivation.size)[:k]


def plan(scenario: Scenario, design: Design, seeds: Sequence[int], executor=None,
         detect: float | None = None, progress: bool = False) -> PilotDesignResult:
    """Simulate the pilot designs in ``design`` over ``seeds`` (see the module's text)."""
    n_units = int(scenario.inputs.get("units", INPUTS["units"].default))
    design = design.check(n_units)
    levers, co_created = pilot_levers(scenario)
    base = without_pilot(scenario)
    base = dataclasses.replace(base, name="no pilot")
    steps = design.pre_weeks + max(design.weeks) + design.stagger * (max(design.units) - 1)
    quiet = run_many([base], seeds, steps, units=True, executor=executor)
    draws = {seed: np.random.default_rng([seed, 20_151]) for seed in seeds}
    choices: dict[tuple[int, int], np.ndarray] = {}
    motivation = {seed: _panel(quiet, "staff_motivation", seed, n_units)[:design.pre_weeks].mean(axis=0)
                  for seed in seeds}
    tasks = []
    for seed in seeds:
        scs = []
        for k in design.units:
            choices[(seed, k)] = chosen_units(design.choice, k, motivation[seed], draws[seed])
            scs.append(with_pilot(base, levers, co_created, choices[(seed, k)], design, f"pilot of {k}"))
        tasks.append((scs, seed, steps, True))
    piloted: dict[tuple[int, int], pd.DataFrame] = {}
    bar = progress_bar(len(tasks), progress, "seed", "simulated pilots")
    for i, frames in (executor or Executor(1)).imap(seed_task, tasks):
        for k, frame in zip(design.units, frames):
            piloted[(tasks[i][1], k)] = frame
        bar.update()
    bar.close()
    rows = []
    for seed in seeds:
        rng = np.random.default_rng([seed, 7])
        quiet_panel = _panel(quiet, design.metric, seed, n_units)
        for k in design.units:
            panel = _panel(piloted[(seed, k)], design.metric, seed, n_units)
            units = choices[(seed, k)]
            for weeks in design.weeks:
                end = design.pre_weeks + weeks
                week0 = post_start(starts(design, k), end, design.post_weeks)
                noise = _survey_noise(design, k, n_units, rng)
                changes = unit_changes(panel, week0, end, design.pre_weeks, noise)
                estimate, p = p_value(changes, units, rng)
                truth = float(np.mean([panel[s - 1:end, u].mean() - quiet_panel[s - 1:end, u].mean()
                                       for u, s in zip(units, week0)]))
                rows.append(dict(units=k, weeks=weeks, seed=seed, kind="pilot", estimate=estimate, p=p,
                                 true_effect=truth))
                base_changes = unit_changes(quiet_panel, week0, end, design.pre_weeks,
                                            _survey_noise(design, k, n_units, rng))
                for _ in range(PLACEBOS):
                    placebo = chosen_units(design.choice, k, motivation[seed], rng)
                    est, pp = p_value(base_changes, placebo, rng)
                    rows.append(dict(units=k, weeks=weeks, seed=seed, kind="placebo", estimate=est, p=pp,
                                     true_effect=0.0))
                    if design.choice == "volunteers":
                        break  # the same units every time: one placebo says it all
    tests = pd.DataFrame(rows)
    table = summarise(tests, design)
    if detect is None:
        longest = table[table["weeks"] == max(design.weeks)]
        detect = float(abs(longest["true_effect"].mean()))
    if design.choice == "volunteers":
        # the bias a region cares about: what volunteers show against what the same pilot
        # does in units drawn at random (the effect it would scale up to)
        drawn = plan(scenario, dataclasses.replace(design, choice="random"), seeds, executor, detect, progress)
        table = table.merge(drawn.table[["units", "weeks", "true_effect"]].rename(
            columns={"true_effect": "random_true_effect"}), on=["units", "weeks"])
        table["bias_vs_random"] = table["estimate"] - table["random_true_effect"]
    own = pilot_of(scenario)
    return PilotDesignResult(scenario.name, design, list(seeds), table, tests, float(detect),
                             own_units=len(own[0]) if own else 0,
                             own_weeks=52 if 52 in design.weeks else design.weeks[0])


def _survey_noise(design: Design, k: int, n_units: int, rng: np.random.Generator) -> np.ndarray | None:
    """Sampling error of a survey of ``design.survey`` respondents per unit, in the pre
    and in the post mean of each unit (so the change carries both). Without a staggered
    roll-out every slot evaluates the same weeks, so one post survey serves them all."""
    if not design.survey:
        return None
    sd = SURVEY_RESPONSE_SD / math.sqrt(design.survey)
    post = rng.normal(0, sd, (k if design.stagger else 1, n_units))
    return post + rng.normal(0, sd, n_units)[None, :]


def summarise(tests: pd.DataFrame, design: Design) -> pd.DataFrame:
    rows = []
    z = _z(1 - design.alpha / 2) + _z(design.power_wanted)
    for (k, weeks), group in tests.groupby(["units", "weeks"], sort=True):
        pilot, placebo = group[group["kind"] == "pilot"], group[group["kind"] == "placebo"]
        side = np.sign(pilot["true_effect"].mean())
        hits = int(((pilot["p"] <= design.alpha) & (np.sign(pilot["estimate"]) == side)).sum())
        power, lo, hi = wilson(hits, len(pilot))
        false = int((placebo["p"] <= design.alpha).sum())
        fp, fp_lo, fp_hi = wilson(false, len(placebo))
        rows.append(dict(units=int(k), weeks=int(weeks), true_effect=pilot["true_effect"].mean(),
                         estimate=pilot["estimate"].mean(),
                         bias=(pilot["estimate"] - pilot["true_effect"]).mean(),
                         rmse=float(np.sqrt(((pilot["estimate"] - pilot["true_effect"]) ** 2).mean())),
                         power=power, power_low=lo, power_high=hi,
                         false_positive=fp, false_positive_low=fp_lo, false_positive_high=fp_hi,
                         placebo_bias=placebo["estimate"].mean(),
                         mde=z * placebo["estimate"].std(ddof=1) if len(placebo) > 1 else np.nan,
                         runs=len(pilot), placebos=len(placebo)))
    return pd.DataFrame(rows)
