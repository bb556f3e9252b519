"""Replicating the study library: each study's two arms on common seeds, its outcomes
in the study's terms beside what it published, and a verdict.

For every seed the baseline and the treated arm are run (the same people, needs and
past: common random numbers). An outcome's effect is computed per seed over its window
(``measure``: ``difference`` in the metric's own units, ``points`` = 100 x the
difference of a share, ``relative`` to the baseline, or ``d_unit``: the difference in
SDs of the baseline's unit means) and summarised by its mean and 95% CI over seeds.

Verdicts, by what the study published:

* an interval: *inside the published interval* when the model's mean is in it; else
  *right sign, wrong size* or *wrong sign*;
* a point or only a sign: *right sign* (the size is not tested: no interval was
  confirmed) or *wrong sign*; an effect whose CI straddles 0 is *no clear effect*;
* a null ("no diversion was found"): *inside the equivalence bound* when the model's
  CI lies within the study's bound (its CI or minimum detectable effect), else *outside
  the equivalence bound*; with no bound published, *not testable* (the model's effect is
  still shown);
* none: nothing the model can be tested on was published (*not represented*, with the
  reason; where the file names an observable anyway, its effect is *shown, not tested*, for
  a check to compare with another).

A study's checks are patterns written in its file before the run (``sim.inputs.study``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from sim.execution.ensemble import progress_bar
from sim.execution.executor import Executor
from sim.inputs.study import Check, Outcome, Study
from sim.model.batching import run_all, scenario_batch_size
from sim.model.metrics import INDEX, STAFF_FIELDS, UNIT_METRICS
from sim.science.denominators import DENOMINATORS
from sim.science.stats import mean_ci

#: Verdicts that count as the model reproducing what was published.
HOLDS = ("inside the published interval", "inside the equivalence bound")
#: Verdicts on the sign alone: the size was not tested.
SIGN_ONLY = ("right sign",)
#: The share of a unit ranking in a quartile.
QUARTILE = 4


@dataclass
class Arms:
    """Both arms' weekly records, per seed: (seeds, weeks+1, metrics), the units'
    (seeds, weeks, unit metric, units), and each worker's fields at the end
    (field -> (seeds, staff))."""

    baseline: np.ndarray
    treatment: np.ndarray
    baseline_units: np.ndarray
    treatment_units: np.ndarray
    baseline_staff: dict
    treatment_staff: dict


@dataclass
class OutcomeResult:
    outcome: Outcome
    values: np.ndarray       # the model's effect per seed, in the outcome's measure
    verdict: str
    detail: str = ""

    @property
    def ci(self) -> tuple[float, float, float]:
        return mean_ci(self.values) if self.values.size else (np.nan, np.nan, np.nan)


@dataclass
class CheckResult:
    check: Check
    values: np.ndarray       # the check's statistic per seed: > 0 where the pattern holds
    holds: bool
    detail: str = ""


@dataclass
class StudyResult:
    study: Study
    seeds: list[int]
    outcomes: list[OutcomeResult]
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def signs_hold(self) -> bool:
        return all(o.verdict in HOLDS + SIGN_ONLY for o in self.outcomes
                   if o.outcome.published.kind in ("interval", "point", "sign"))

    @property
    def verdict(self) -> str:
        """holds: every outcome inside what was published and every check holds; sign
        only: no outcome's size could be tested but every sign is right and every check
        holds; does not hold: anything else."""
        tested = [o for o in self.outcomes if o.outcome.published.kind != "none"]
        wrong = [o for o in tested if o.verdict not in HOLDS + SIGN_ONLY + ("not testable",)]
        if wrong or not all(c.holds for c in self.checks):
            return "does not hold"
        if any(o.verdict in HOLDS for o in tested) or self.checks:
            return "holds"
        return "sign only"


def run_arms(study: Study, seeds: Sequence[int], executor: Executor | None = None) -> Arms:
    """Both arms of ``study`` on every seed, in batches (the baseline and the treated
    arm of one seed share a past, so they burn it in once)."""
    executor = executor or Executor(1)
    runs = [(arm, seed) for seed in seeds for arm in (study.baseline, study.treatment)]
    # whole seeds to a batch (both arms share the seed's past), at least two tasks per process
    size = max(1, min(scenario_batch_size(study.baseline) // 2, -(-len(seeds) // (2 * executor.processes))))
    chunks = [runs[i:i + 2 * size] for i in range(0, len(runs), 2 * size)]
    keep = tuple(sorted({STAFF_FIELDS[o.observable] for o in study.outcomes if o.measure in ("d_staff", "d_citizen")}))
    results: dict[int, list] = {}
    tasks = [(chunk, study.steps, keep) for chunk in chunks]
    for i, records in executor.imap(_task, tasks):
        results[i] = records
    records = [r for i in sorted(results) for r in results[i]]
    base, treat = records[0::2], records[1::2]
    return Arms(np.stack([r[0] for r in base]), np.stack([r[0] for r in treat]),
                np.stack([r[1] for r in base]), np.stack([r[1] for r in treat]),
                {f: np.stack([r[2][f] for r in base]) for f in keep},
                {f: np.stack([r[2][f] for r in treat]) for f in keep})


def _task(args) -> list[tuple]:
    runs, steps, keep = args
    out = []
    for record in run_all(runs, steps, units=True, keep=keep):
        if record.error is not None:
            raise record.error
        out.append((record.history, record.units, record.fields or {}))
    return out


def effect(study: Study, outcome, arms: Arms) -> np.ndarray:
    """The model's effect on ``outcome`` per seed, in the outcome's measure."""
    first, last = study.window(outcome)
    if outcome.measure in ("d_staff", "d_citizen"):
        # each worker's value at the end of the run; the baseline arm's spread across staff
        field = STAFF_FIELDS[outcome.observable]
        base, treat = arms.baseline_staff[field], arms.treatment_staff[field]
        spread = base.std(axis=1, ddof=1)
        d_staff = (treat.mean(axis=1) - base.mean(axis=1)) / np.where(spread > 0, spread, np.nan)
        if outcome.measure == "d_citizen":
            return DENOMINATORS[outcome.denominator].staff_effect_sd * d_staff
        return d_staff
    if outcome.measure == "d_unit":
        j = UNIT_METRICS.index(outcome.observable)
        # unit records start at week 1: row w-1 is week w
        base = arms.baseline_units[:, first - 1:last, j, :].mean(axis=1)   # (seeds, units)
        treat = arms.treatment_units[:, first - 1:last, j, :].mean(axis=1)
        spread = base.std(axis=1, ddof=1)
        return (treat.mean(axis=1) - base.mean(axis=1)) / np.where(spread > 0, spread, np.nan)
    j = INDEX[outcome.observable]
    base = arms.baseline[:, first:last + 1, j].mean(axis=1)
    treat = arms.treatment[:, first:last + 1, j].mean(axis=1)
    if outcome.measure == "relative":
        return (treat - base) / base
    if outcome.measure == "points":
        return 100 * (treat - base)
    return treat - base


def verdict(published, values: np.ndarray) -> tuple[str, str]:
    """(verdict, detail) of the model's per-seed ``values`` against ``published``."""
    if published.kind == "none":
        return ("shown, not tested" if len(values) else "not represented"), published.why or ""
    mean, lo, hi = mean_ci(values)
    clear = lo > 0 or hi < 0
    if published.kind == "null":
        if published.bound is None:
            # not a pass: the model's effect is shown, and said to be clear where it is
            return "not testable", ("no equivalence bound was published; the model shows a clear effect "
                                    "(its CI over seeds excludes 0) where the study found none" if clear else
                                    "no equivalence bound was published; the model's CI over seeds includes 0")
        inside = -published.bound <= lo and hi <= published.bound
        return ("inside the equivalence bound" if inside else "outside the equivalence bound",
                f"bound +/-{published.bound:g} {published.units}")
    expected = np.sign(published.estimate) if published.direction is None else published.direction
    if published.kind == "interval" and published.low <= mean <= published.high:
        return "inside the published interval", ""
    if not clear:
        return "no clear effect", "the model's CI over seeds includes 0"
    if np.sign(mean) != expected:
        return "wrong sign", ""
    if published.kind == "interval":
        return "right sign, wrong size", f"published {published.low:g} to {published.high:g}"
    return "right sign", "size not tested: no published interval was confirmed"


def replicate_study(study: Study, seeds: Sequence[int] | None = None, executor: Executor | None = None,
                    pilot_seeds: int = 10) -> StudyResult:
    seeds = list(seeds) if seeds is not None else list(range(1, study.seeds + 1))
    arms = run_arms(study, seeds, executor)
    outcomes = []
    values_of: dict[str, np.ndarray] = {}
    for outcome in study.outcomes:
        # an outcome the study gives no direction for is still shown when it names an observable
        # (a check may compare it with another); it is shown, not tested
        values = effect(study, outcome, arms) if outcome.observable is not None else np.array([])
        values_of[outcome.id] = values
        outcomes.append(OutcomeResult(outcome, values, *verdict(outcome.published, values)))
    checks = [_check(study, check, values_of, arms, seeds[:pilot_seeds], executor) for check in study.checks]
    return StudyResult(study, seeds, outcomes, checks)


def _check(study: Study, check, values_of: dict, arms: Arms, seeds, executor) -> CheckResult:
    """The check's statistic per seed, positive where its pattern holds; it holds when
    the 95% CI of its mean over seeds is above 0."""
    outcome = next(o for o in study.outcomes if o.id == check.outcome)
    if check.kind == "smaller_than":
        stat = check.share * np.abs(values_of[check.than]) - np.abs(values_of[check.outcome])
    elif check.kind == "relative_below":
        stat = check.limit - values_of[check.outcome]
    elif check.kind == "within":
        values = values_of[check.outcome]
        mean, lo, hi = mean_ci(values)
        inside = check.low <= lo and hi <= check.high
        return CheckResult(check, values, bool(inside),
                           f"model {mean:+.3g} [{lo:+.3g}, {hi:+.3g}], band {check.low:g} to {check.high:g}")
    elif check.kind == "worse_before_better":
        j = INDEX[outcome.observable]
        gap = arms.treatment[:, :, j] - arms.baseline[:, :, j]
        week = study.week - 1
        early = gap[:, week + check.early[0]:week + check.early[1] + 1].mean(axis=1)
        late = gap[:, week + check.late[0]:week + check.late[1] + 1].mean(axis=1)
        stat = np.minimum(-early, late)  # a dip first, a gain later: both must hold
    elif check.kind == "quartiles":
        stat = _quartiles(study, outcome, arms, check.share)
    else:
        return _pilot_power(study, check, outcome, seeds, executor)
    mean, lo, _ = mean_ci(stat)
    return CheckResult(check, stat, bool(lo > 0), f"statistic {mean:+.4g} (95% CI lower {lo:+.4g})")


def _quartiles(study: Study, outcome, arms: Arms, share: float) -> np.ndarray:
    """Per seed: ``share`` x the bottom quartile's loss less the top quartile's, units
    ranked by their mean in the weeks before the change (the league table the study
    ranked schools by). Both arms are the same run until the change, so the ranking
    carries none of the noise in the window; ranking on the window itself would make the
    luckiest units look like losers (regression to the mean)."""
    first, last = study.window(outcome)
    j = UNIT_METRICS.index(outcome.observable)
    before = arms.baseline_units[:, :study.week - 1, j, :].mean(axis=1)
    base = arms.baseline_units[:, first - 1:last, j, :].mean(axis=1)
    treat = arms.treatment_units[:, first - 1:last, j, :].mean(axis=1)
    out = []
    for rank, b, t in zip(before, base, treat):
        order = np.argsort(rank)
        n = max(1, len(order) // QUARTILE)
        bottom, top = (t - b)[order[:n]].mean(), (t - b)[order[-n:]].mean()
        out.append(share * abs(bottom) - abs(top))
    return np.array(out)


def _pilot_power(study: Study, check, outcome, seeds, executor) -> CheckResult:
    """Power of a pilot of ``check.units`` units for ``check.weeks`` weeks to detect the
    treatment's effect on ``outcome`` (``sim.science.pilot_design``); holds when below
    ``check.limit``."""
    from sim.inputs.events import SetLevers
    from sim.science.pilot_design import Design, plan
    change = study.treatment.events[0]
    pilot = dataclasses.replace(study.baseline, name=f"{study.id}: pilot",
                                events=(SetLevers(1, dict(change.levers), (0,), change.co_created, "pilot"),))
    design = Design(units=(check.units,), weeks=(check.weeks,), metric=outcome.observable,
                    post_weeks=min(26, check.weeks))
    result = plan(pilot, design, seeds, executor)
    power = float(result.table["power"].iloc[0])
    # a share of a few simulated pilots: say how uncertain it is (Wilson 95%)
    low, high = (float(result.table[k].iloc[0]) for k in ("power_low", "power_high"))
    return CheckResult(check, np.array([check.limit - power]), power < check.limit,
                       f"power {100 * power:.0f}% [95% CI {100 * low:.0f}-{100 * high:.0f}%] over the simulated "
                       f"pilots of {len(seeds)} seeds (limit {100 * check.limit:.0f}%)")


def replicate(studies: Sequence[Study], seeds: int | None = None, executor: Executor | None = None,
              progress: bool = False) -> list[StudyResult]:
    """Every study in ``studies`` on ``seeds`` seeds (or its own number)."""
    bar = progress_bar(len(studies), progress, "study")
    out = []
    for study in studies:
        out.append(replicate_study(study, range(1, (seeds or study.seeds) + 1), executor))
        bar.update()
    bar.close()
    return out
