"""Calibration: the default ``npm`` scenario against the Swedish bands of SCIENCE.md.

``steersim calibrate`` runs these targets and writes a table and a figure (model
value with its 95% CI next to the observed band) to results/calibration/; the
figures in docs/calibration.md come from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim.science.stats import mean_ci
from sim.run.ensemble import run_many
from sim.inputs.events import SetLevers
from sim.inputs.scenario import load_scenario

SEVEN_YEARS = 364


@dataclass(frozen=True)
class Target:
    name: str
    observed: str              # what was observed, in words
    source: str
    band: tuple[float, float]  # the band the model should fall in
    statistic: Callable        # series -> per-seed values
    unit: str = "share"


def _last_year(metric, scenario="npm", end=260):
    def stat(series):
        block = series[(series["scenario"] == scenario) & series["week"].between(end - 51, end)]
        return block.groupby("seed")[metric].mean().to_numpy()
    return stat


def _growth(metric, scenario="npm", weeks=SEVEN_YEARS):
    def stat(series):
        block = series[series["scenario"] == scenario]
        first = block[block["week"] <= 4].groupby("seed")[metric].mean()
        last = block[block["week"] > weeks - 4].groupby("seed")[metric].mean()
        return (last / first - 1.0).to_numpy()
    return stat


def _overhead_growth(series):
    """Growth of central staff over seven years (frontline posts are fixed)."""
    block = series[series["scenario"] == "npm"]
    share = block.groupby(["seed", "week"])["overhead_share"].mean().unstack()
    ratio = share / (1.0 - share)  # central staff per frontline/manager post
    return (ratio.iloc[:, -4:].mean(axis=1) / ratio.iloc[:, :4].mean(axis=1) - 1.0).to_numpy()


def _removal(series):
    block = series[series["scenario"] == "pay removed"]
    perf = block.groupby(["seed", "week"])["reported_performance"].mean().unstack()
    before = perf.loc[:, 92:104].mean(axis=1)
    after = perf.loc[:, 144:156].mean(axis=1)
    return (after / before - 1.0).to_numpy()


TARGETS: tuple[Target, ...] = (
    Target("direct client time (npm)", "nurses 43% by time log; physicians 40%; primary care "
           "about a third; teachers 34% teaching", "Anskär et al. 2018; Läkartidningen 2014; "
           "Skolverket 2013", (0.30, 0.45), _last_year("direct_time_share")),
    Target("frontline admin share (npm)", "physicians 37% patient-related admin; primary care "
           "about a third indirect work; teachers 23% documentation and admin",
           "Läkartidningen 2014; Anskär et al. 2018; Skolverket 2013", (0.23, 0.45),
           _last_year("admin_share")),
    Target("growth of central staff over 7 years (npm)", "regions 2010-17: managers, "
           "caseworkers and administrators +36% (nurses +2.3%)", "SCIENCE calibration bands",
           (0.15, 0.60), _overhead_growth, unit="relative change"),
    Target("citizens' trust (npm)", "trust in national government: Sweden 43%, OECD 39%",
           "OECD Trust Survey 2023", (0.35, 0.50), _last_year("citizen_trust")),
    Target("recorded performance a year after pay is removed", "Scotland QOF: 12 of 16 "
           "indicators fell within a year", "Morales et al. 2023", (-0.40, -0.03),
           _removal, unit="relative change"),
)


def run_targets(seeds: Sequence[int], workers: int = 1):
    npm = load_scenario("npm")
    removed = dataclasses.replace(npm, name="pay removed", events=(
        SetLevers(104, dict(incentive_strength=0.0), label="pay removed"),))
    series = pd.concat([run_many([npm], seeds, SEVEN_YEARS, workers=workers),
                        run_many([removed], seeds, 156, workers=workers)], ignore_index=True)
    rows = []
    for t in TARGETS:
        mean, lo, hi = mean_ci(t.statistic(series))
        rows.append(dict(target=t.name, observed=t.observed, source=t.source, unit=t.unit,
                         band_low=t.band[0], band_high=t.band[1], model=mean, ci_low=lo,
                         ci_high=hi, inside=bool(t.band[0] <= mean <= t.band[1])))
    return pd.DataFrame(rows), series


def plot(table: pd.DataFrame, path: Path, seeds: Sequence[int]) -> Path:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sim.report.report import versions
    fig, axes = plt.subplots(1, len(table), figsize=(3.4 * len(table), 4.2))
    for ax, row in zip(np.atleast_1d(axes), table.itertuples(index=False)):
        ax.axhspan(row.band_low, row.band_high, color="#3a9a5b", alpha=0.25, label="observed band")
        ax.errorbar([0], [row.model], yerr=[[row.model - row.ci_low], [row.ci_high - row.model]],
                    fmt="o", color="#1f5fa8", capsize=6, label="model (95% CI)")
        ax.set_xticks([])
        ax.set_xlim(-1, 1)
        pad = 0.1 * (row.band_high - row.band_low)
        ax.set_ylim(min(row.band_low, row.ci_low) - pad, max(row.band_high, row.ci_high) + pad)
        ax.set_title("\n".join(_wrap(row.target, 26)), fontsize=10)
        ax.set_ylabel(row.unit)
        ax.grid(alpha=0.3, axis="y")
    np.atleast_1d(axes)[0].legend(loc="lower left", fontsize=8)
    fig.suptitle("Calibration: the npm preset against Swedish observations", x=0.01, ha="left")
    fig.text(0.01, 0.01, f"Scenario npm, {len(seeds)} seeds (1-{seeds[-1]}), 364 weeks "
             f"(pay removal: 156 weeks). {versions()}.", fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, format="png")
    plt.close(fig)
    return path


def _wrap(text: str, width: int) -> list[str]:
    import textwrap
    return textwrap.wrap(text, width)
