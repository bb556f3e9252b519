"""Calibration under uncertainty: which worlds are consistent with what was observed?

History matching (Craig et al. 1997; Andrianakis et al. 2015): sample the uncertain
inputs over their plausible ranges, run the calibration experiments in every sampled
world (``sim.science.calibration``), and measure each target's *implausibility*, the
distance from the model's value to the observed band in units of the band's half width
(a value inside the band has implausibility below 1). Worlds inside every band form the
plausible set; ``robustness`` and ``compare --uncertainty`` can sample from it instead of
the full ranges. Each world keeps its seed, so it reproduces exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sim.execution.ensemble import progress_bar
from sim.inputs.adapters import salib_problem
from sim.inputs.schema import INPUTS
from sim.science.calibration import SEVEN_YEARS, TARGETS, scenarios


def _world(args) -> dict:
    """Every calibration target's value in one world (one seed)."""
    index, values, seed = args
    from sim.execution.ensemble import run_many
    worlds = [sc.with_inputs(values, source="plausible set") for sc in scenarios()]
    series = run_many(worlds, [seed], SEVEN_YEARS)
    return {"world": index, "seed": seed, **values,
            **{t.name: float(np.mean(t.statistic(series))) for t in TARGETS}}


def implausibility(value: float, band: tuple[float, float]) -> float:
    centre, half = (band[0] + band[1]) / 2, (band[1] - band[0]) / 2
    return abs(value - centre) / half


@dataclass
class PlausibleSet:
    worlds: pd.DataFrame = field(repr=False)   # every sampled world: inputs, seed, targets, implausibility
    names: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> pd.DataFrame:
        return self.worlds[self.worlds["max_implausibility"] <= 1.0]

    def narrowing(self) -> pd.DataFrame:
        """Per input: its plausible range, and the 5th-95th percentile of the accepted worlds
        as a share of it (1 = the bands say nothing about it)."""
        rows = []
        acc = self.accepted
        for n in self.names:
            lo, hi = INPUTS[n].plausible
            if len(acc) >= 5:
                a, b = np.percentile(acc[n], [5, 95])
                full_a, full_b = np.percentile(self.worlds[n], [5, 95])
                share = (b - a) / (full_b - full_a) if full_b > full_a else 1.0
            else:
                a, b, share = np.nan, np.nan, np.nan
            rows.append(dict(input=n, low=lo, high=hi, accepted_p5=a, accepted_p95=b, remaining=share,
                             shift=(acc[n].mean() - self.worlds[n].mean()) / (hi - lo) if len(acc) else np.nan))
        return pd.DataFrame(rows).sort_values("remaining")

    def text(self, top: int = 8) -> str:
        n, k = len(self.worlds), len(self.accepted)
        lines = [f"{k} of {n} sampled worlds ({100 * k / max(n, 1):.0f}%) fall inside every calibration band."]
        for t in TARGETS:
            inside = (self.worlds[f"I:{t.name}"] <= 1).mean()
            lines.append(f"  {t.name}: {100 * inside:.0f}% of worlds inside {t.band[0]:g} to {t.band[1]:g}")
        nar = self.narrowing().dropna().head(top)
        if len(nar):
            lines.append("the bands narrow these inputs most (5th-95th percentile kept, as a share of the sampled):")
            lines += [f"  {r.input:<26} {100 * r.remaining:5.0f}%  now {r.accepted_p5:.3g}-{r.accepted_p95:.3g}"
                      for r in nar.itertuples(index=False)]
        return "\n".join(lines)

    def write(self, out: Path) -> dict[str, Path]:
        from sim.execution.files import write_atomic, write_csv
        out = Path(out)
        from sim.model.fingerprint import fingerprint
        # the set is the evidence's verdict on one model: it carries that model's name
        keep = self.accepted[self.names + ["seed"]].assign(model=fingerprint())
        return {"plausible": write_atomic(out / "plausible.parquet", lambda tmp: keep.to_parquet(tmp, index=False)),
                "worlds": write_atomic(out / "worlds.parquet", lambda tmp: self.worlds.to_parquet(tmp, index=False)),
                "narrowing": write_csv(self.narrowing(), out / "narrowing.csv")}


def history_match(samples: int, names: list[str], executor, seed: int = 1, progress: bool = False) -> PlausibleSet:
    """Sample ``samples`` worlds over ``names``' plausible ranges and measure each one's
    implausibility against every calibration band."""
    from SALib.sample import latin
    problem = salib_problem(names)
    matrix = latin.sample(problem, samples, seed=seed)
    tasks = []
    for i, row in enumerate(matrix):
        values = {n: (int(round(x)) if INPUTS[n].kind is int else float(x)) for n, x in zip(names, row)}
        tasks.append((i, values, seed + i))
    bar = progress_bar(len(tasks), progress, "world", "history matching: sampled worlds")
    rows = []
    for _, row in executor.imap(_world, tasks):
        rows.append(row)
        bar.update()
    bar.close()
    worlds = pd.DataFrame(rows).sort_values("world").reset_index(drop=True)
    for t in TARGETS:
        worlds[f"I:{t.name}"] = [implausibility(v, t.band) for v in worlds[t.name]]
    worlds["max_implausibility"] = worlds[[f"I:{t.name}" for t in TARGETS]].max(axis=1)
    return PlausibleSet(worlds, names)
