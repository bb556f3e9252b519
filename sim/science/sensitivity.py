"""Analysis of a finished (or partial) sweep: main effects and interactions for grids,
Sobol or Morris indices (SALib) for those designs, rank correlations for LHS, and a
regime-crossover map when the experiment compares regimes.

Every function takes the runs table (``Store.runs()``) and the metadata, and returns
tables; ``analyse`` also draws the figures. Failed runs are left out and counted.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.execution.files import write_csv
from sim.model.metrics import METRICS
from sim.science.stats import mean_ci


def _ok(runs: pd.DataFrame) -> pd.DataFrame:
    return runs[runs["status"] == "ok"]


def main_effects(runs: pd.DataFrame, factors, metrics) -> pd.DataFrame:
    """Per scenario, factor and level: mean of each metric with a 95% CI over runs."""
    rows = []
    for scenario, block in _ok(runs).groupby("scenario", sort=False):
        for f in factors:
            for level, cell in block.groupby(f, sort=True):
                for m in metrics:
                    mean, lo, hi = mean_ci(cell[m])
                    rows.append(dict(scenario=scenario, factor=f, level=level, metric=m,
                                     mean=mean, ci_low=lo, ci_high=hi, runs=len(cell)))
    return pd.DataFrame(rows)


def point_means(runs: pd.DataFrame, metrics) -> pd.DataFrame:
    """Mean over replicates per scenario and point (the model is stochastic)."""
    return _ok(runs).groupby(["scenario", "point"], sort=True)[list(metrics)].mean()


def sobol_indices(runs, design: pd.DataFrame, factors, bounds, metrics, seed: int = 1) -> pd.DataFrame:
    """First-order and total Sobol indices with 95% bootstrap CIs (SALib)."""
    from SALib.analyze import sobol
    problem = _problem(bounds, factors)
    rows = []
    for scenario, means in point_means(runs, metrics).groupby(level="scenario"):
        means = means.droplevel("scenario").reindex(design["point"])
        for m in metrics:
            y = means[m].to_numpy()
            if np.isnan(y).any():
                raise ValueError(f"{scenario}: some points have no finished run; resume the sweep")
            res = sobol.analyze(problem, y, calc_second_order=False, conf_level=0.95, seed=seed)
            for i, f in enumerate(factors):
                rows.append(dict(scenario=scenario, metric=m, factor=f, S1=res["S1"][i],
                                 S1_conf=res["S1_conf"][i], ST=res["ST"][i], ST_conf=res["ST_conf"][i]))
    return pd.DataFrame(rows)


def morris_indices(runs, design: pd.DataFrame, factors, bounds, metrics, seed: int = 1) -> pd.DataFrame:
    """Morris elementary effects: mu* with its 95% CI, and sigma (SALib)."""
    from SALib.analyze import morris
    problem = _problem(bounds, factors)
    x = design[list(factors)].to_numpy()
    rows = []
    for scenario, means in point_means(runs, metrics).groupby(level="scenario"):
        means = means.droplevel("scenario").reindex(design["point"])
        for m in metrics:
            res = morris.analyze(problem, x, means[m].to_numpy(), conf_level=0.95, seed=seed)
            for i, f in enumerate(factors):
                rows.append(dict(scenario=scenario, metric=m, factor=f, mu_star=res["mu_star"][i],
                                 mu_star_conf=res["mu_star_conf"][i], sigma=res["sigma"][i]))
    return pd.DataFrame(rows)


def rank_correlations(runs, factors, metrics) -> pd.DataFrame:
    """Spearman rank correlation of each numeric factor with each metric (LHS)."""
    ok = _ok(runs)
    rows = []
    for scenario, block in ok.groupby("scenario", sort=False):
        for f in factors:
            if not pd.api.types.is_numeric_dtype(block[f]) or block[f].nunique() < 3:
                continue
            for m in metrics:
                rows.append(dict(scenario=scenario, factor=f, metric=m,
                                 spearman=block[f].corr(block[m], method="spearman")))
    return pd.DataFrame(rows)


def crossover(runs, factors, metric, scenarios) -> pd.DataFrame:
    """For two factors, per cell (means over replicates): with two scenarios, the second
    minus the first; with more, the best one and its lead over the runner-up
    (``difference``), in the metric's better direction."""
    f1, f2 = factors[:2]
    cells = _ok(runs).groupby(["scenario", f1, f2])[metric].mean().unstack("scenario")
    sign = METRICS[metric].better or 1  # a metric that is neither: the higher wins
    if len(scenarios) == 2:
        a, b = scenarios
        out = (cells[b] - cells[a]).rename("difference").reset_index()
        out["better"] = np.where(out["difference"] * sign > 0, b, a)
        return out
    scores = cells[list(scenarios)].to_numpy() * sign
    order = np.argsort(-scores, axis=1)
    rows = np.arange(len(scores))
    out = cells.index.to_frame(index=False)
    out["better"] = np.asarray(scenarios)[order[:, 0]]
    out["difference"] = np.abs(scores[rows, order[:, 0]] - scores[rows, order[:, 1]])
    # the lead's standard error over replicates (the scenarios share seeds), so the map
    # can call a lead within two of them a tie
    per_seed = _ok(runs).pivot_table(index=[f1, f2, "replicate"], columns="scenario", values=metric)
    ses = []
    for (x, y), best, second in zip(cells.index, order[:, 0], order[:, 1]):
        lead = (per_seed.loc[(x, y), scenarios[best]] - per_seed.loc[(x, y), scenarios[second]]) * sign
        ses.append(lead.std(ddof=1) / np.sqrt(len(lead)) if len(lead) > 1 else np.nan)
    out["se"] = ses
    out["tie"] = out["difference"] < 2 * out["se"]
    return out


def _problem(bounds, factors):
    return {"num_vars": len(factors), "names": list(factors), "bounds": [list(b) for b in bounds]}


# ------------------------------------------------------------------ figures
def _save(fig, path: Path) -> Path:
    from sim.report.figures import save  # matplotlib only when a figure is drawn
    return save(fig, path, dpi=100)


def _plt():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def _caption(fig, meta, n_runs, n_failed):
    from sim.report.report import versions
    fig.text(0.01, 0.005, f"Experiment {meta.get('experiment')} ({meta.get('design')}), {n_runs} runs"
             f"{f', {n_failed} failed and left out' if n_failed else ''}; git {str(meta.get('git_commit'))[:8]}. "
             f"{versions()}.", fontsize=8)


def plot_main_effects(effects: pd.DataFrame, path: Path, meta, n_runs, n_failed) -> Path:
    plt = _plt()
    factors = list(dict.fromkeys(effects["factor"]))
    metrics = list(dict.fromkeys(effects["metric"]))
    fig, axes = plt.subplots(len(metrics), len(factors), squeeze=False,
                             figsize=(3.8 * len(factors), 2.8 * len(metrics) + 0.8))
    for i, m in enumerate(metrics):
        for j, f in enumerate(factors):
            ax = axes[i][j]
            for scenario, cell in (effects[(effects.metric == m) & (effects.factor == f)]
                                   .groupby("scenario", sort=False)):
                x = np.arange(len(cell)) if cell["level"].dtype == object else cell["level"]
                ax.errorbar(x, cell["mean"], yerr=[cell["mean"] - cell["ci_low"], cell["ci_high"] - cell["mean"]],
                            marker="o", capsize=3, label=scenario)
                if cell["level"].dtype == object:
                    ax.set_xticks(x, [str(v) for v in cell["level"]])
            ax.set_xlabel(f)
            ax.set_ylabel(f"{m}\n({METRICS[m].unit})", fontsize=8)
            ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.suptitle("Main effects: mean and 95% CI over runs at each level", x=0.01, ha="left")
    _caption(fig, meta, n_runs, n_failed)
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return _save(fig, path)


def plot_interaction(runs: pd.DataFrame, factors, metric, path: Path, meta, n_runs, n_failed) -> Path:
    plt = _plt()
    f1, f2 = factors[:2]
    scenarios = list(dict.fromkeys(runs["scenario"]))
    fig, axes = plt.subplots(1, len(scenarios), squeeze=False, figsize=(5.5 * len(scenarios), 4.4))
    for ax, scenario in zip(axes[0], scenarios):
        block = _ok(runs)[runs["scenario"] == scenario]
        for level, cell in block.groupby(f2):
            means = cell.groupby(f1)[metric].mean()
            ax.plot(means.index.astype(str) if means.index.dtype == object else means.index,
                    means.values, marker="o", label=f"{f2} = {level}")
        ax.set_title(scenario)
        ax.set_xlabel(f1)
        ax.set_ylabel(f"{metric} ({METRICS[metric].unit})")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"Interaction of {f1} and {f2} on {metric} (means over replicates)", x=0.01, ha="left")
    _caption(fig, meta, n_runs, n_failed)
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    return _save(fig, path)


def plot_indices(table: pd.DataFrame, value: str, conf: str, path: Path, title: str, meta,
                 n_runs, n_failed, second: str | None = None) -> Path:
    plt = _plt()
    groups = list(table.groupby(["scenario", "metric"], sort=False))
    fig, axes = plt.subplots(len(groups), 1, squeeze=False, figsize=(10, 2.6 * len(groups) + 1))
    for ax, ((scenario, metric), block) in zip(axes[:, 0], groups):
        block = block.sort_values(value, ascending=False)
        x = np.arange(len(block))
        width = 0.4 if second else 0.7
        ax.bar(x - (width / 2 if second else 0), block[value], width, yerr=block[conf], capsize=3,
               label=value, color="#1f5fa8")
        if second:
            ax.bar(x + width / 2, block[second], width, yerr=block[second + "_conf"], capsize=3,
                   label=second, color="#d1603d")
        ax.set_xticks(x, block["factor"], rotation=35, ha="right", fontsize=8)
        ax.set_title(f"{metric} ({scenario})", fontsize=10)
        ax.set_ylabel("index")
        ax.grid(alpha=0.3, axis="y")
        ax.legend(fontsize=8)
    fig.suptitle(title, x=0.01, ha="left")
    _caption(fig, meta, n_runs, n_failed)
    fig.tight_layout(rect=(0, 0.02, 1, 0.97))
    return _save(fig, path)


def plot_crossover(cross: pd.DataFrame, factors, metric, scenarios, path: Path, meta, n_runs,
                   n_failed) -> Path:
    plt = _plt()
    f1, f2 = factors[:2]
    grid = cross.pivot(index=f2, columns=f1, values="difference")
    fig, ax = plt.subplots(figsize=(7.5, 5.8))
    if len(scenarios) > 2:
        _draw_winners(ax, cross, grid, f1, f2, metric, scenarios)
    else:
        _draw_difference(fig, ax, grid, metric, scenarios)
    ax.set_xticks(range(grid.shape[1]), [f"{v:g}" for v in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [f"{v:g}" for v in grid.index])
    ax.set_xlabel(f1)
    ax.set_ylabel(f2)
    _caption(fig, meta, n_runs, n_failed)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return _save(fig, path)


def _draw_difference(fig, ax, grid, metric, scenarios) -> None:
    """Two regimes: the second minus the first in each cell, blue where it is higher."""
    limit = float(np.nanmax(np.abs(grid.values))) or 1.0
    image = ax.imshow(grid.values, origin="lower", cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    for (i, j), v in np.ndenumerate(grid.values):
        ax.text(j, i, f"{v:+.3f}", ha="center", va="center", fontsize=8)
    bar = fig.colorbar(image, ax=ax)
    bar.set_label(f"{metric}: {scenarios[1]} - {scenarios[0]} ({METRICS[metric].unit})")
    ax.set_title(f"Which regime wins where: blue {scenarios[1]}, red {scenarios[0]}")


def _draw_winners(ax, cross, grid, f1, f2, metric, scenarios) -> None:
    """Three or more regimes: each cell in the colour of the one that does best, with
    its lead over the runner-up; grey where the lead is a tie."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    colours = ["#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#d68910", "#17a589"][:len(scenarios)]
    tie_colour = "#95a5a6"
    winner = cross.pivot(index=f2, columns=f1, values="better").loc[grid.index, grid.columns]
    tie = cross.pivot(index=f2, columns=f1, values="tie").loc[grid.index, grid.columns].to_numpy(bool)
    codes = np.array(winner.apply(lambda col: col.map({s: i for i, s in enumerate(scenarios)})), dtype=float)
    codes[tie] = len(scenarios)
    ax.imshow(codes, origin="lower", cmap=ListedColormap(colours + [tie_colour]), vmin=-0.5,
              vmax=len(scenarios) + 0.5, aspect="auto")
    for (i, j), v in np.ndenumerate(grid.values):
        ax.text(j, i, f"{winner.values[i, j]}{'?' if tie[i, j] else ''}\n+{v:.3f}", ha="center", va="center",
                fontsize=8, color="white")
    ax.legend(handles=[Patch(color=c, label=s) for c, s in zip(colours, scenarios)]
              + [Patch(color=tie_colour, label="a tie: lead\nunder 2 SE")], loc="upper left",
              bbox_to_anchor=(1.01, 1), title="best")
    ax.set_title(f"Which regime wins where on {metric}\n(in each cell: the best, and its lead over the "
                 f"runner-up, {METRICS[metric].unit})", fontsize=10)


def analyse(store) -> dict[str, pd.DataFrame | Path]:
    """Every analysis that fits the design; tables as CSV and figures as PNG in
    OUT/analysis/. Returns {name: table or figure path}."""
    meta = store.read_metadata()
    runs = store.runs()
    factors, metrics = meta["factors"], meta["metrics"]
    scenarios = meta["scenarios"]
    out = store.out / "analysis"
    n_runs, n_failed = len(runs), int((runs["status"] != "ok").sum())
    results: dict = {}
    design = meta["design"]
    if design == "grid":
        effects = main_effects(runs, factors, metrics)
        write_csv(effects, out / "main_effects.csv")
        results["main_effects"] = effects
        results["main_effects.png"] = plot_main_effects(effects, out / "main_effects.png", meta, n_runs, n_failed)
        if len(factors) >= 2:
            results["interaction.png"] = plot_interaction(runs, factors, metrics[0], out / "interaction.png",
                                                          meta, n_runs, n_failed)
    elif design == "sobol":
        table = sobol_indices(runs, store.design(), factors, meta["bounds"], metrics, meta["seed"])
        write_csv(table, out / "sobol.csv")
        results["sobol"] = table
        results["sobol.png"] = plot_indices(table, "S1", "S1_conf", out / "sobol.png",
                                            "Sobol indices: first order (S1) and total (ST), 95% CI",
                                            meta, n_runs, n_failed, second="ST")
    elif design == "morris":
        table = morris_indices(runs, store.design(), factors, meta["bounds"], metrics, meta["seed"])
        write_csv(table, out / "morris.csv")
        results["morris"] = table
        results["morris.png"] = plot_indices(table, "mu_star", "mu_star_conf", out / "morris.png",
                                             "Morris screening: mu* with 95% CI", meta, n_runs, n_failed)
    elif design == "lhs":
        table = rank_correlations(runs, factors, metrics)
        write_csv(table, out / "rank_correlations.csv")
        results["rank_correlations"] = table
    numeric = [f for f in factors if pd.api.types.is_numeric_dtype(runs[f]) and runs[f].nunique() > 1]
    if len(scenarios) >= 2 and len(numeric) >= 2 and design == "grid":
        for m in metrics[:1]:
            cross = crossover(runs, numeric, m, scenarios)
            write_csv(cross, out / f"crossover_{m}.csv")
            results[f"crossover_{m}"] = cross
            results[f"crossover_{m}.png"] = plot_crossover(cross, numeric, m, scenarios,
                                                           out / f"crossover_{m}.png", meta, n_runs, n_failed)
    return results
