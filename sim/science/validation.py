"""The stylized facts (docs/science.md), each run as an experiment with a minimum size.

A fact is one or more *checks*. A check is a statistic computed per seed on paired
runs (the variants of one experiment share each seed: common random numbers), with an
expected sign and a minimum effect size. It holds when the 95% CI of its mean over
seeds lies entirely on the expected side of zero *and* the mean reaches the minimum: a
fact whose effect is too small to matter holds in name only, so it does not hold. A
fact holds when all its checks hold. The facts themselves are in ``sim.science.facts``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.execution.ensemble import run_many
from sim.execution.executor import Executor
from sim.inputs.scenario import Scenario, load_scenario
from sim.science.stats import mean_ci

HORIZON = 260


@dataclass
class Check:
    label: str
    expected: int            # +1: the statistic should be > 0; -1: < 0
    values: np.ndarray       # one per seed
    minimum: float = 0.0     # the smallest mean, in the expected direction, that counts

    @property
    def ci(self) -> tuple[float, float, float]:
        return mean_ci(self.values)

    @property
    def holds(self) -> bool:
        mean, lo, hi = self.ci
        if self.expected > 0:
            return bool(lo > 0 and mean >= self.minimum)
        return bool(hi < 0 and mean <= -self.minimum)


@dataclass
class FactResult:
    fact: Fact
    checks: list[Check]
    series: pd.DataFrame = field(repr=False, default=None)

    @property
    def holds(self) -> bool:
        return all(c.holds for c in self.checks)


@dataclass(frozen=True)
class Fact:
    id: str
    statement: str
    design: str
    experiment: Callable  # (Lab) -> list[Check]
    figure_metrics: tuple[str, ...]
    source: str = ""

    def run(self, seeds: Sequence[int], size: dict | None = None,
            executor: Executor | None = None) -> FactResult:
        lab = Lab(list(seeds), dict(size or {}), executor or Executor(1))
        checks = self.experiment(lab)
        return FactResult(self, checks, lab.series())


class Lab:
    """What a fact's experiment uses: variants of presets at the lab's size, run on the
    lab's seeds, and per-seed statistics of their series."""

    def __init__(self, seeds, size, executor):
        self.seeds, self.size, self.executor = seeds, size, executor
        self._frames: list[pd.DataFrame] = []

    def variant(self, base: str, name: str, events=(), **inputs) -> Scenario:
        sc = load_scenario(base)
        return dataclasses.replace(sc, name=name, inputs=dict(sc.inputs, **self.size, **inputs),
                                   events=tuple(sc.events) + tuple(events))

    def run(self, *scenarios: Scenario, steps: int = HORIZON) -> pd.DataFrame:
        frame = run_many(scenarios, self.seeds, steps, executor=self.executor)
        self._frames.append(frame)
        return frame

    def series(self) -> pd.DataFrame | None:
        return pd.concat(self._frames, ignore_index=True) if self._frames else None

    @staticmethod
    def window(series: pd.DataFrame, scenario: str, metric: str, start: int, end: int) -> np.ndarray:
        """Per seed (in seed order): mean of ``metric`` over weeks start..end inclusive."""
        block = series[(series["scenario"] == scenario) & series["week"].between(start, end)]
        return block.groupby("seed")[metric].mean().sort_index().to_numpy()

    def last_year(self, series, scenario, metric, end: int = HORIZON) -> np.ndarray:
        return self.window(series, scenario, metric, end - 51, end)


def validate(facts: Sequence[Fact], seeds: Sequence[int], size: dict | None = None,
             executor: Executor | None = None, only=None, progress: Callable | None = None) -> list[FactResult]:
    """Run each of ``facts`` (``sim.science.facts.FACTS``; those in ``only`` if given)."""
    results = []
    for fact in facts:
        if only and fact.id not in only:
            continue
        results.append(fact.run(seeds, size, executor))
        if progress:
            progress(results[-1])
    return results


def table(results: Sequence[FactResult]) -> str:
    lines = [f"{'fact':<5} {'holds':<5}  check (expected sign, minimum): mean [95% CI over seeds]",
             "-" * 100]
    for r in results:
        lines.append(f"{r.fact.id:<5} {'yes' if r.holds else 'NO':<5}  {r.fact.statement}")
        for c in r.checks:
            mean, lo, hi = c.ci
            sign = ">" if c.expected > 0 else "<"
            bound = f"{sign} {'+' if c.expected > 0 else '-'}{c.minimum:g}"
            lines.append(f"{'':<13}{'ok ' if c.holds else 'X  '}{c.label} ({bound}): "
                         f"{mean:+.4f} [{lo:+.4f}, {hi:+.4f}]")
    held = sum(r.holds for r in results)
    lines.append(f"\n{held} of {len(results)} stylized facts hold (each check's 95% CI excludes "
                 f"zero in the expected direction and its mean reaches the stated minimum).")
    return "\n".join(lines)
