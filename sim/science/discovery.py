"""Reading a cloud of model runs: where each regime wins (scenario discovery with PRIM,
as the EMA Workbench does it), which uncertainties decide the answer (rank correlation
with bootstrap CIs, PAWN, or Sobol indices for a Sobol design), and win shares with
their uncertainty.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from sim.inputs.schema import INPUTS


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float, float]:
    """A share and its 95% Wilson interval (good for few points and shares near 0 or 1)."""
    if n == 0:
        return (np.nan, np.nan, np.nan)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return p, max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Region:
    """A box of inputs where one regime wins: its limits, coverage and density."""

    winner: str
    limits: dict          # input -> (low, high), only the restricted ones
    coverage: float       # share of that regime's wins inside the box
    density: float        # share of points inside the box where it wins
    mass: float           # share of all points inside the box
    sampled: dict | None = None  # input -> (low, high) of the points sampled

    def words(self) -> str:
        if not self.limits:
            return f"{self.winner} wins in {100 * self.density:.0f}% of all worlds (no region stands out)"
        parts = []
        for name, (lo, hi) in self.limits.items():
            full = (self.sampled or {}).get(name, (lo, hi))
            if lo > full[0] + 1e-9 and hi < full[1] - 1e-9:
                parts.append(f"{name} is between {lo:.3g} and {hi:.3g}")
            elif lo > full[0] + 1e-9:
                parts.append(f"{name} > {lo:.3g}")
            else:
                parts.append(f"{name} < {hi:.3g}")
        return (f"{self.winner} wins when {' and '.join(parts)} (coverage {100 * self.coverage:.0f}%: "
                f"that share of its wins lie there; density {100 * self.density:.0f}%: it wins in "
                f"that share of such worlds)")


def prim_region(x: pd.DataFrame, wins: np.ndarray, winner: str, max_dims: int = 3,
                min_density: float = 0.75) -> Region | None:
    """The PRIM box (EMA Workbench) that best describes where ``wins`` holds: the most
    coverage among boxes with at most ``max_dims`` restrictions and density of at least
    ``min_density`` (or, failing that, the densest such box)."""
    wins = np.asarray(wins, dtype=bool)
    if wins.sum() < 3 or (~wins).sum() < 3:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim
        # every input as a real number: the EMA Workbench's pasting of a whole-number
        # column writes a half-way float into it and fails (pandas refuses the upcast)
        box = prim.Prim(x.reset_index(drop=True).astype(float), wins).find_box()
    trajectory = box.peeling_trajectory
    ok = trajectory[(trajectory["res_dim"] <= max_dims) & (trajectory["res_dim"] >= 1)]
    if ok.empty:
        return None
    # a region worth naming is clearly denser than the winner's share of all worlds
    base = wins.mean()
    dense = ok[ok["density"] >= max(min_density, base + (1 - base) / 2)]
    pick = (dense.sort_values(["coverage", "density"], ascending=False) if len(dense)
            else ok.sort_values(["density", "coverage"], ascending=False)).index[0]
    limits = box.box_lims[pick]
    first = box.box_lims[0]
    restricted = {c: (float(limits[c].iloc[0]), float(limits[c].iloc[1])) for c in limits.columns
                  if (limits[c].iloc[0] > first[c].iloc[0] + 1e-12) or (limits[c].iloc[1] < first[c].iloc[1] - 1e-12)}
    row = trajectory.loc[pick]
    sampled = {c: (float(first[c].iloc[0]), float(first[c].iloc[1])) for c in restricted}
    return Region(winner, restricted, float(row["coverage"]), float(row["density"]), float(row["mass"]),
                  sampled)


def deciding_inputs(x: pd.DataFrame, difference: np.ndarray, top: int = 10, seed: int = 1,
                    resamples: int = 200) -> pd.DataFrame:
    """Inputs ranked by how strongly they move the difference: Spearman rank correlation
    with a bootstrap 95% CI, its p-value adjusted for every input (``family_wise_p``),
    and PAWN's median index (distribution-based, SALib)."""
    y = np.asarray(difference, dtype=float)
    keep = np.isfinite(y)
    x, y = x[keep].reset_index(drop=True), y[keep]
    rng = np.random.default_rng(seed)
    ranks = x.rank().to_numpy()
    ry = stats.rankdata(y)
    rho = np.array([stats.spearmanr(ranks[:, j], ry).statistic for j in range(x.shape[1])])
    order = np.argsort(-np.abs(np.nan_to_num(rho)))[:top]
    boots = []
    for _ in range(resamples):
        idx = rng.integers(0, len(y), len(y))
        boots.append([stats.spearmanr(ranks[idx, j], ry[idx]).statistic for j in order])
    lo, hi = np.nanpercentile(np.array(boots), [2.5, 97.5], axis=0)
    pawn = _pawn(x, y, seed)
    _, p_family = family_wise_p(x, y, seed=seed)
    return pd.DataFrame({"input": x.columns[order], "spearman": rho[order], "ci_low": lo, "ci_high": hi,
                         "p_family": p_family[order],
                         "pawn": [pawn.get(c, np.nan) for c in x.columns[order]],
                         "group": [INPUTS[c].group if c in INPUTS else "" for c in x.columns[order]]})


#: Permutations of the difference in the family-wise test of rank correlations.
PERMUTATIONS = 1999


def family_wise_p(x: pd.DataFrame, difference, permutations: int = PERMUTATIONS,
                  seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(|rho|, p): each input's Spearman rank correlation with ``difference``, and its
    p-value adjusted for having looked at every input: the share of random permutations
    of the difference in which the strongest |rho| over all inputs reaches the input's
    own (Westfall & Young 1993, single-step max-T; a Monte Carlo test, valid thanks to
    the +1, with an error of about 0.005 near p = 0.05). It holds at any number of
    worlds: with 5 worlds and 200 inputs some input almost always ranks them perfectly
    by chance, and the test says so, where the t approximation times the number of
    inputs gives about 1e-24. Worlds must be different draws (a world counted twice
    shrinks every p). Rows whose difference is not finite are left out; inputs held
    fixed get rho = 0 and p = 1."""
    difference = np.asarray(difference, dtype=float)
    finite = np.isfinite(difference)
    x, difference = x[finite], difference[finite]
    y = stats.rankdata(np.asarray(difference, dtype=float))
    ranks = x.rank().to_numpy(dtype=float)
    ranks = ranks - ranks.mean(axis=0)
    scale = np.sqrt((ranks * ranks).sum(axis=0))
    varies = scale > 0
    ranks = ranks[:, varies] / scale[varies]
    y = y - y.mean()
    strength, p = np.zeros(x.shape[1]), np.ones(x.shape[1])
    if not varies.any() or not np.any(y):
        return strength, p
    y = y / np.sqrt(y @ y)
    rho = np.abs(ranks.T @ y)
    rng = np.random.default_rng(seed)
    shuffled = np.stack([rng.permutation(y) for _ in range(permutations)], axis=1)
    strongest = np.abs(ranks.T @ shuffled).max(axis=0)
    # a tolerance, so that ties in |rho| count as reached despite rounding
    reached = (strongest[None, :] >= rho[:, None] - 1e-12).sum(axis=1)
    strength[varies], p[varies] = rho, (1 + reached) / (1 + permutations)
    return strength, p


def sobol_standouts(indices: pd.DataFrame) -> pd.DataFrame:
    """The rows of a Sobol table (``ST``, ``ST_conf``) whose total index stands clear of
    the noise floor. A total index is never negative, and noise that the runs do not
    share gives every input the model reads an index of about noise variance / output
    variance, with a tight CI: "the CI excludes 0" names them all. The floor here is the
    median input's upper bound (most uncertain inputs barely act); an input is named when
    its lower bound is above it. Conservative: where most inputs do act, fewer are named."""
    floor = float(np.median(indices["ST"] + indices["ST_conf"]))
    return indices[indices["ST"] - indices["ST_conf"] > floor]


def standing_out(x: pd.DataFrame, difference: np.ndarray, alpha: float = 0.05) -> str | None:
    """The input whose rank correlation with the difference is strongest, if it is
    significant at ``alpha`` after adjusting for every input sampled (``family_wise_p``);
    else None. With few worlds and many inputs the strongest correlation is mostly
    chance."""
    y = np.asarray(difference, dtype=float)
    keep = np.isfinite(y)
    x, y = x[keep], y[keep]
    if len(y) < 4 or x.shape[1] == 0 or np.ptp(y) == 0:
        return None
    strength, p = family_wise_p(x, y)
    best = int(np.argmax(strength))
    return str(x.columns[best]) if p[best] < alpha else None


def _pawn(x: pd.DataFrame, y: np.ndarray, seed: int) -> dict:
    try:
        from SALib.analyze import pawn
        problem = {"num_vars": x.shape[1], "names": list(x.columns),
                   "bounds": [[float(x[c].min()), float(x[c].max()) + 1e-12] for c in x.columns]}
        res = pawn.analyze(problem, x.to_numpy(), y, S=8, seed=seed)
        return dict(zip(x.columns, np.asarray(res["median"], dtype=float)))
    except Exception:  # PAWN needs enough points per slice; without them, rank correlation only
        return {}


def sobol_indices(problem: dict, y: np.ndarray, seed: int = 1) -> pd.DataFrame:
    """First-order and total Sobol indices with 95% CIs (a Sobol design's points, in order)."""
    from SALib.analyze import sobol
    res = sobol.analyze(problem, np.asarray(y, dtype=float), calc_second_order=False, conf_level=0.95, seed=seed)
    return pd.DataFrame({"input": problem["names"], "S1": res["S1"], "S1_conf": res["S1_conf"],
                         "ST": res["ST"], "ST_conf": res["ST_conf"]}).sort_values("ST", ascending=False)
