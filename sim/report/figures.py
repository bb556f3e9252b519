"""Figures. Every figure has a title, axis labels with units, a legend and a caption
naming the scenarios, the seeds and the versions, so a figure that travels alone still
says where it came from.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Sequence
from pathlib import Path

import matplotlib

from sim.execution.progress import in_notebook

# Draw off screen (commands, servers, CI), but leave a notebook's inline backend alone:
# there result.plot() shows its figure in the page.
if not in_notebook():
    matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.execution.files import write_atomic
from sim.model.metrics import KEY_METRICS, METRICS
from sim.science.stats import weekly_bands

COLOURS = ("#1f5fa8", "#d1603d", "#3a9a5b", "#8e5ea2", "#b8860b", "#555555")


def versions(_=str) -> str:
    """The code and model that made a figure or report: the package version, the model
    fingerprint (a hash of the coefficients, the week plan and the regression baseline) and Mesa's
    version; `_` translates the word "model"."""
    from sim import __version__
    try:
        mesa = md.version("mesa")
    except md.PackageNotFoundError:
        mesa = "?"
    from sim.model.fingerprint import fingerprint
    return f"steersim {__version__} ({_('model')} {fingerprint()}), mesa {mesa}"


def caption(scenarios: Sequence[str], seeds: Sequence[int], steps: int, _=str, world=False) -> str:
    seed_text = (_("seeds {a}-{b}").format(a=seeds[0], b=seeds[-1]) if len(seeds) > 1
                 else _("seed {a}").format(a=seeds[0]))
    text = _("Scenarios: {names}. {n} runs each ({seeds}, common random numbers), {steps} weeks. "
             "Lines: mean over seeds; dark bands: 95% CI of the mean over seeds.").format(
        names=", ".join(scenarios), n=len(seeds), seeds=seed_text, steps=steps)
    if world:
        text += " " + _("Light bands on the right: each scenario's final-year level over "
                        "plausible worlds (5th-95th percentile).")
    return text + f" {versions(_)}."


def comparison_data(series: pd.DataFrame, metrics: Sequence[str] = KEY_METRICS, world=None) -> pd.DataFrame:
    """What ``plot_comparison`` draws, as a table: per metric, scenario and week the mean
    over seeds and its 95% band (``kind`` "seeds"), and with ``world`` the 5th-95th
    percentile of each scenario's final-year level over plausible worlds (``kind``
    "worlds", no week). Reports write it beside the figure (comparison.csv)."""
    frames = [weekly_bands(series, m).assign(metric=m, kind="seeds") for m in metrics]
    if world is not None:
        frames.append(pd.DataFrame([{"scenario": sc, "metric": m, "kind": "worlds", "low": lo, "high": hi}
                                    for (sc, m), (lo, hi) in world.items() if m in metrics]))
    data = pd.concat(frames, ignore_index=True)
    return data[["kind", "metric", "scenario", "week", "mean", "low", "high"]]


def data_digest(data: pd.DataFrame) -> str:
    """A short hash of a figure's data (its CSV at 8 significant digits), stored in the PNG
    so a figure can be checked against its data without comparing image bytes."""
    import hashlib
    return hashlib.sha256(data_csv(data).encode("utf-8")).hexdigest()[:16]


def data_csv(data: pd.DataFrame) -> str:
    return data.to_csv(index=False, float_format="%.8g", lineterminator="\n")


def plot_comparison(series: pd.DataFrame, path=None, metrics: Sequence[str] = KEY_METRICS,
                    title: str | None = None, world=None, lang: str = "en"):
    """Key metrics over time, one colour per scenario, mean and 95% band over seeds; with
    ``world`` (per metric and scenario: 5th/95th percentile of the final-year level over
    plausible worlds) a second, lighter band beside the end. Saved as PNG if ``path``,
    with the digest of its data (``comparison_data``) in the PNG's metadata."""
    from sim.i18n import translator
    _ = translator(lang)
    data = comparison_data(series, metrics, world)
    scenarios = list(dict.fromkeys(series["scenario"]))
    seeds = sorted(series["seed"].unique().tolist())
    steps = int(series["week"].max())
    cols = 4
    rows = -(-len(metrics) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.3 * rows + 1.2), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
        for i, (colour, scenario) in enumerate(zip(COLOURS * 3, scenarios)):
            mine = data[(data["metric"] == metric) & (data["scenario"] == scenario)]
            b = mine[mine["kind"] == "seeds"]
            ax.plot(b["week"], b["mean"], color=colour, lw=1.8, label=scenario)
            ax.fill_between(b["week"], b["low"], b["high"], color=colour, alpha=0.25, lw=0)
            for w in mine[mine["kind"] == "worlds"].itertuples():
                x = steps + (i + 1) * steps * 0.02
                ax.plot([x, x], [w.low, w.high], color=colour, lw=5, alpha=0.35, solid_capstyle="butt")
        spec = METRICS[metric]
        ax.set_title(_(metric.replace("_", " ")), fontsize=11)
        ax.set_xlabel(_("week"))
        ax.set_ylabel(_(spec.unit))
        if spec.bounded:
            lo, hi = ax.get_ylim()
            ax.set_ylim(max(0.0, lo), min(1.0, hi))
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.axis("off")
    if lang != "en":
        decimal_commas(fig)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", ncol=len(scenarios), frameon=False, fontsize=11)
    fig.suptitle(title or f" {_('vs')} ".join(scenarios), fontsize=14, x=0.01, ha="left")
    fig.text(0.01, 0.01, caption(scenarios, seeds, steps, _, world is not None), fontsize=8.5,
             wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    return save(fig, path, metadata={"Description": f"steersim figure data {data_digest(data)}"})


def decimal_commas(fig) -> None:
    """Tick labels with a decimal comma (and a no-break space between thousands)."""
    from matplotlib.ticker import FuncFormatter

    from sim.report.numbers import number
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            ticks = [t for t in axis.get_majorticklocs() if np.isfinite(t)]
            places = max((len(f"{t:.6g}".partition(".")[2]) for t in ticks), default=0)
            axis.set_major_formatter(FuncFormatter(lambda v, _pos, p=places: number(v, p, "sv")))


def save(fig, path, dpi: int = 110, metadata: dict | None = None):
    """Save ``fig`` as PNG at ``path`` (and close it), or return it when ``path`` is None.
    ``metadata``: PNG text fields (e.g. the digest of the figure's data)."""
    if path is None:
        return fig
    path = write_atomic(Path(path), lambda tmp: fig.savefig(tmp, dpi=dpi, format="png", metadata=metadata))
    plt.close(fig)
    return path


def plot_pilot(panel: pd.DataFrame, units, start: int, path, title: str, lang: str = "en"):
    """Pilot units vs the other units over time, per unit-level metric."""
    from sim.i18n import translator
    from sim.model.metrics import UNIT_METRICS
    _ = translator(lang)
    panel = panel.assign(group=np.where(panel["unit"].isin(units), _("pilot units"), _("other units")))
    series = (panel.groupby(["group", "seed", "week"])[list(UNIT_METRICS)].mean().reset_index()
              .rename(columns={"group": "scenario"}))
    return plot_comparison(series, path, UNIT_METRICS[:4], title=title, lang=lang)
