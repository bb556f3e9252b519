"""The robustness figure: the distribution of B - A over sampled worlds, and a map of the
two uncertainties that decide it most."""

from __future__ import annotations

import numpy as np

from sim.model.metrics import METRICS
from sim.report.figures import plt, save, versions


def plot(result, metric: str, path=None):
    a, b = result.names
    d = result.difference(metric)
    ok = np.isfinite(d)
    drivers = result.drivers(metric, 2)["input"].tolist()
    fig, (left, right) = plt.subplots(1, 2, figsize=(12.5, 4.8))
    left.hist(d[ok], bins=30, color="#1f5fa8", alpha=0.8)
    left.axvline(0, color="#333333", lw=1)
    share = result.win_share(metric)[0]
    left.set_title(f"{metric.replace('_', ' ')}: {b} - {a} over {ok.sum()} worlds\n"
                   f"{b} better in {100 * share:.0f}% of them", fontsize=11)
    left.set_xlabel(f"difference ({METRICS[metric].unit})")
    left.set_ylabel("worlds")
    if len(drivers) >= 2:
        x, y = result.points.loc[ok, drivers[0]], result.points.loc[ok, drivers[1]]
        limit = float(np.nanmax(np.abs(d[ok]))) or 1.0
        pts = right.scatter(x, y, c=d[ok], cmap="RdBu", vmin=-limit, vmax=limit, s=22, edgecolors="none")
        bar = fig.colorbar(pts, ax=right)
        bar.set_label(f"{b} - {a} (blue: {b} higher)")
        right.set_xlabel(drivers[0])
        right.set_ylabel(drivers[1])
        right.set_title("The two strongest uncertainties", fontsize=11)
    else:
        right.axis("off")
    fig.suptitle(f"Robustness: {a} vs {b}", x=0.01, ha="left")
    fig.text(0.01, 0.01, f"{result.experiment.design.upper()} design over {len(result.inputs)} uncertain "
             f"inputs (plausible ranges), {result.experiment.replicates} seed(s) per world, "
             f"{result.experiment.steps} weeks; each world runs both regimes on the same seeds. {versions()}.",
             fontsize=8)
    fig.tight_layout(rect=(0, 0.05, 1, 0.94))
    return save(fig, path)
