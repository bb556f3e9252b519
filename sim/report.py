"""Figures and tables for a comparison of scenarios.

Every figure has a title, axis labels with units, a legend and a caption naming the
scenarios, the seeds and the versions, so a figure that travels alone still says
where it came from.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from .analysis import weekly_bands  # noqa: E402
from .metrics import KEY_METRICS, METRICS  # noqa: E402

COLOURS = ("#1f5fa8", "#d1603d", "#3a9a5b", "#8e5ea2", "#b8860b", "#555555")


def versions() -> str:
    from . import __version__
    try:
        mesa = md.version("mesa")
    except md.PackageNotFoundError:
        mesa = "?"
    return f"steersim {__version__}, mesa {mesa}"


def caption(scenarios: Sequence[str], seeds: Sequence[int], steps: int) -> str:
    seed_text = (f"seeds {seeds[0]}-{seeds[-1]}" if len(seeds) > 1 else f"seed {seeds[0]}")
    return (f"Scenarios: {', '.join(scenarios)}. {len(seeds)} runs each ({seed_text}, common "
            f"random numbers), {steps} weeks. Lines: mean over seeds; bands: 95% CI of the "
            f"mean. {versions()}.")


def plot_comparison(series: pd.DataFrame, path: Path, metrics: Sequence[str] = KEY_METRICS,
                    title: str | None = None) -> Path:
    """Key metrics over time, one colour per scenario, mean and 95% band; saved as PNG."""
    scenarios = list(dict.fromkeys(series["scenario"]))
    seeds = sorted(series["seed"].unique().tolist())
    steps = int(series["week"].max())
    cols = 4
    rows = -(-len(metrics) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.3 * rows + 1.2), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
        bands = weekly_bands(series, metric)
        for colour, scenario in zip(COLOURS * 3, scenarios):
            b = bands[bands["scenario"] == scenario]
            ax.plot(b["week"], b["mean"], color=colour, lw=1.8, label=scenario)
            ax.fill_between(b["week"], b["low"], b["high"], color=colour, alpha=0.2, lw=0)
        spec = METRICS[metric]
        ax.set_title(metric.replace("_", " "), fontsize=11)
        ax.set_xlabel("week")
        ax.set_ylabel(spec.unit)
        if spec.bounded:
            lo, hi = ax.get_ylim()
            ax.set_ylim(max(0.0, lo), min(1.0, hi))
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", ncol=len(scenarios), frameon=False,
               fontsize=11)
    fig.suptitle(title or " vs ".join(scenarios), fontsize=14, x=0.01, ha="left")
    fig.text(0.01, 0.01, caption(scenarios, seeds, steps), fontsize=8.5, wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, format="png")
    plt.close(fig)
    return path


def fmt(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.0f}"


def differences_table(diff: pd.DataFrame, baseline: str, alternative: str,
                      metrics: Sequence[str] | None = None) -> str:
    """A plain-text table: metric, unit, baseline, alternative, difference [95% CI]."""
    rows = diff if metrics is None else diff[diff["metric"].isin(metrics)]
    header = (f"{'metric':<22} {'unit':<30} {baseline:>12} {alternative:>12}  "
              f"{'difference [95% CI]':<28} ")
    lines = [header, "-" * len(header)]
    for metric, base, alt, d, lo, hi in rows.itertuples(index=False, name=None):
        sure = "*" if (lo > 0 or hi < 0) else " "
        lines.append(f"{metric:<22} {METRICS[metric].unit[:30]:<30} {fmt(base):>12} "
                     f"{fmt(alt):>12}  {fmt(d):>8} [{fmt(lo)}, {fmt(hi)}]{sure}")
    lines.append("* the 95% CI of the paired difference excludes zero")
    return "\n".join(lines)
