"""Calibration: the model against the observed bands (docs/science.md, docs/calibration.md).

The status quo is the ``npm`` preset at its steady state (the organisation's past regime);
observations of change (central staff growing while NPM intensified, pay removed in
Scotland) are run as the change they describe. ``steersim calibrate`` writes a table
and a figure: the model's value with its 95% CI over seeds beside each observed band.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.execution.ensemble import run_many
from sim.inputs.events import SetLevers
from sim.inputs.scenario import load_scenario
from sim.science.stats import mean_ci

SEVEN_YEARS, STEADY = 364, 260
#: An emergency department under a 4-hour target: a narrow, measurable goal, hard
#: pressure, little checking of the figures (England 2004/05).
ACCIDENT_AND_EMERGENCY = dict(measurability=0.9, complex_share=0.05, target_pressure=1.0,
                              audit_rate=0.2, indicators=8)


@dataclass(frozen=True)
class Target:
    name: str
    observed: str              # what was observed, in words
    source: str
    band: tuple[float, float]  # the band the model should fall in
    statistic: Callable        # series -> per-seed values
    unit: str = "share"


def _last_year(metric, scenario="npm", end=STEADY):
    def stat(series):
        block = series[(series["scenario"] == scenario) & series["week"].between(end - 51, end)]
        return block.groupby("seed")[metric].mean().to_numpy()
    return stat


def _central_growth(scenario, weeks):
    def stat(series):
        block = series[series["scenario"] == scenario]
        share = block.groupby(["seed", "week"])["overhead_share"].mean().unstack()
        ratio = share / (1.0 - share)  # central posts per frontline or manager post
        return (ratio.loc[:, weeks - 3:weeks].mean(axis=1) / ratio.iloc[:, :4].mean(axis=1) - 1).to_numpy()
    return stat


def _removal(series):
    perf = series[series["scenario"] == "pay removed"].groupby(["seed", "week"])["reported_performance"].mean().unstack()
    return (perf.loc[:, 144:156].mean(axis=1) / perf.loc[:, 92:104].mean(axis=1) - 1.0).to_numpy()


TARGETS: tuple[Target, ...] = (
    Target("direct client time (npm)", "nurses 43% by time log; physicians 40%; primary care about "
           "a third; teachers 34% teaching", "Anskär et al. 2018; Läkartidningen 2014; Skolverket 2013",
           (0.30, 0.45), _last_year("direct_time_share")),
    Target("frontline admin share (npm)", "physicians 37% patient-related admin; primary care about a "
           "third indirect work; teachers 23% documentation and admin",
           "Läkartidningen 2014; Anskär et al. 2018; Skolverket 2013", (0.23, 0.45), _last_year("admin_share")),
    Target("citizens' trust (npm)", "trust in national government: Sweden 43%, OECD 39%",
           "OECD Trust Survey 2023", (0.35, 0.50), _last_year("citizen_trust")),
    Target("central staff growth in 7 years as NPM intensifies", "regions 2010-17: managers, "
           "caseworkers and administrators +36% (nurses +2.3%)", "Swedish regions (docs/science.md)",
           (0.15, 0.60), _central_growth("npm after a lighter history", SEVEN_YEARS), unit="relative change"),
    Target("central staff growth in 3 years, steady npm", "regions 2019-22: administration +8%, "
           "care staff +3%", "Swedish regions (docs/science.md)", (-0.02, 0.12),
           _central_growth("npm", 156), unit="relative change"),
    Target("recorded performance a year after pay is removed", "Scotland QOF: 12 of 16 indicators "
           "fell within a year", "Morales et al. 2023", (-0.40, -0.03), _removal, unit="relative change"),
    Target("reported minus true quality under a 4-hour-like target", "England A&E 2004/05: 96% "
           "within 4 hours officially, 77% in patient surveys", "Bevan & Hood 2006 (docs/science.md)",
           (0.10, 0.30), _last_year("gaming_gap", "emergency department"), unit="score difference"),
)


def scenarios():
    npm = load_scenario("npm")
    return [
        npm,
        dataclasses.replace(npm, name="npm after a lighter history",
                            inputs=dict(npm.inputs, past_regime="balanced")),
        dataclasses.replace(npm, name="pay removed", events=(
            SetLevers(104, dict(incentive_strength=0.0), label="pay removed"),)),
        dataclasses.replace(npm, name="emergency department",
                            inputs=dict(npm.inputs, **ACCIDENT_AND_EMERGENCY)),
    ]


def run_targets(seeds: Sequence[int], executor=None):
    """(table of targets, series) for the given seeds."""
    series = run_many(scenarios(), seeds, SEVEN_YEARS, executor=executor)
    rows = []
    for t in TARGETS:
        mean, lo, hi = mean_ci(t.statistic(series))
        rows.append(dict(target=t.name, observed=t.observed, source=t.source, unit=t.unit,
                         band_low=t.band[0], band_high=t.band[1], model=mean, ci_low=lo,
                         ci_high=hi, inside=bool(t.band[0] <= mean <= t.band[1])))
    return pd.DataFrame(rows), series


def plot(table: pd.DataFrame, path, seeds: Sequence[int]):
    import matplotlib
    matplotlib.use("Agg")
    import textwrap

    import matplotlib.pyplot as plt

    from sim.report.figures import save, versions
    fig, axes = plt.subplots(1, len(table), figsize=(3.1 * len(table), 4.4))
    for ax, row in zip(np.atleast_1d(axes), table.itertuples(index=False)):
        ax.axhspan(row.band_low, row.band_high, color="#3a9a5b", alpha=0.25, label="observed band")
        ax.errorbar([0], [row.model], yerr=[[row.model - row.ci_low], [row.ci_high - row.model]],
                    fmt="o", color="#1f5fa8", capsize=6, label="model (95% CI)")
        ax.set_xticks([])
        ax.set_xlim(-1, 1)
        pad = 0.1 * (row.band_high - row.band_low)
        ax.set_ylim(min(row.band_low, row.ci_low) - pad, max(row.band_high, row.ci_high) + pad)
        ax.set_title("\n".join(textwrap.wrap(row.target, 24)), fontsize=9)
        ax.set_ylabel(row.unit)
        ax.grid(alpha=0.3, axis="y")
    np.atleast_1d(axes)[0].legend(loc="lower left", fontsize=8)
    fig.suptitle("Calibration: the model against Swedish (and English) observations", x=0.01, ha="left")
    fig.text(0.01, 0.01, f"Steady state of the npm preset and the changes the observations describe; "
             f"{len(seeds)} seeds (1-{seeds[-1]}). {versions()}.", fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    return save(fig, path)
