"""Summaries with confidence intervals and paired differences between scenarios.

Every figure a user gets is a mean over seeds with a 95% confidence interval from
the t distribution over seeds (each seed's value is its mean over the last
``window`` weeks), so the interval says how sure we are of the ensemble mean.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from sim.model.metrics import METRICS

WINDOW = 52


def window_weeks(steps: int, window: int = WINDOW) -> int:
    """The weeks an outcome is averaged over: the last ``window``, or every week of a
    shorter run."""
    return min(window, steps)


def per_seed(series: pd.DataFrame, window: int = WINDOW) -> pd.DataFrame:
    """Each scenario's and seed's mean of every metric over its last ``window`` weeks."""
    last = series["week"].max()
    tail = series[series["week"] > last - window]
    return tail.groupby(["scenario", "seed"], sort=False)[list(METRICS)].mean()


def mean_ci(values, confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean and the t-based confidence interval of the mean (no interval, NaN, from one
    value: one seed says nothing about chance)."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(values.mean())
    if values.size < 2:
        return mean, np.nan, np.nan
    half = float(stats.t.ppf(0.5 + confidence / 2, values.size - 1) * values.std(ddof=1)
                 / np.sqrt(values.size))
    return mean, mean - half, mean + half


def summarise(series: pd.DataFrame, window: int = WINDOW) -> pd.DataFrame:
    """Rows (scenario, metric) with mean, ci_low, ci_high over seeds."""
    rows = []
    for scenario, block in per_seed(series, window).groupby(level="scenario", sort=False):
        for metric in METRICS:
            mean, lo, hi = mean_ci(block[metric])
            if METRICS[metric].bounded:  # a t interval over few seeds can cross a share's ends
                lo, hi = max(lo, 0.0), min(hi, 1.0)
            rows.append((scenario, metric, mean, lo, hi))
    return pd.DataFrame(rows, columns=["scenario", "metric", "mean", "ci_low", "ci_high"])


def paired_differences(series: pd.DataFrame, baseline: str, alternative: str,
                       window: int = WINDOW) -> pd.DataFrame:
    """alternative - baseline per metric, paired by seed, with 95% CI.

    Seeds are paired (common random numbers), so the interval reflects only how the
    regime's effect varies across seeds, not the seed-to-seed noise both share.
    """
    seeds = per_seed(series, window)
    a, b = seeds.loc[baseline], seeds.loc[alternative]
    common = a.index.intersection(b.index)
    rows = []
    for metric in METRICS:
        diff = b.loc[common, metric] - a.loc[common, metric]
        mean, lo, hi = mean_ci(diff)
        base = float(a.loc[common, metric].mean())
        alt = float(b.loc[common, metric].mean())
        rows.append((metric, base, alt, mean, lo, hi))
    return pd.DataFrame(rows, columns=["metric", baseline, alternative, "difference",
                                       "ci_low", "ci_high"])


def weekly_bands(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Per scenario and week: mean over seeds and the 95% CI of that mean."""
    grouped = series.groupby(["scenario", "week"], sort=False)[metric]
    mean, sd, n = grouped.mean(), grouped.std(ddof=1), grouped.count()
    half = stats.t.ppf(0.975, np.maximum(n - 1, 1)) * sd.fillna(0) / np.sqrt(n)
    return pd.DataFrame({"mean": mean, "low": mean - half, "high": mean + half}).reset_index()
