"""Issue 27's numerics, the second half of the measurement before choosing: what a cheaper
honest reading does to the model's documented numbers, against their CI over seeds.

``reading_numerics.py`` measures each candidate's cost and moments. This runs the model with
the Beta reading and with each candidate that keeps the Beta's mean and variance
(``split_uniform``, ``split_matched``: see reading_numerics.py), on the same seeds, and
reports for every preset and metric of the comparison the shift of the mean over seeds,
in units of the Beta run's 95% CI half-width over the same seeds; and for every study of
the library, the model's effect and verdict under each. A shift under 1 half-width is
inside what ten seeds can tell apart.

    python benchmarks/reading_effect.py    # about 10 minutes on one core; writes reading_effect.json

Each candidate (the Beta, today's before issue 27, and the two split readings) stands in for
``measurement.split_reading`` for its runs; the in-process caches are emptied between
candidates and the runs stay in this process. ``split_matched`` is the model's reading since
issue 27 (a test keeps them equal).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

OUT = Path(__file__).resolve().parent / "reading_effect.json"
PRESETS = ("npm", "targets", "trust", "balanced", "hybrid", "rule_based")
SEEDS = 10
WINDOW = 52


def as_reading(candidate):
    """``candidate(m, n, u)`` called as the model's ``split_reading(mean, noise, draw)``,
    exact where the reading is (noise 0, or a score of 0 or 1)."""
    def reading(mean, noise, draw):
        noisy = (noise > 0) & (mean * (1 - mean) > 0)
        inner = candidate(np.where(noisy, mean, 0.5), np.where(noisy, noise, 0.5), draw)
        return np.where(noisy, inner, mean)
    return reading


def measure(label: str) -> dict:
    from sim import api
    from sim.execution import cache
    from sim.execution.executor import Executor
    from sim.inputs.study import load_study, study_names
    from sim.model import past
    from sim.science.replication import replicate
    from sim.science.stats import mean_ci
    cache.clear()
    past.cache_clear()
    executor = Executor(1)
    start = time.perf_counter()
    result = api.compare(*PRESETS, seeds=SEEDS, executor=executor)
    # each run's mean over the window the comparison reports (its last year)
    window = result.series[result.series["week"] > result.steps - WINDOW]
    scenarios: dict = {}
    for name, frame in window.groupby("scenario"):
        scenarios[name] = {}
        per_seed = frame.drop(columns=["scenario", "week"]).groupby("seed").mean()
        for metric in per_seed.columns:
            values = per_seed[metric].to_numpy(dtype=float)
            if np.all(np.isfinite(values)):
                mean, lo, hi = mean_ci(values)
                scenarios[name][metric] = {"mean": mean, "half_width": (hi - lo) / 2}
    studies = {}
    for res in replicate([load_study(s) for s in study_names()], seeds=SEEDS, executor=executor):
        studies[res.study.id] = {"verdict": res.verdict,
                                 "outcomes": {o.outcome.id: [float(v) for v in mean_ci(o.values)]
                                              for o in res.outcomes if len(o.values)},
                                 "checks": {c.check.id: bool(c.holds) for c in res.checks}}
    print(f"{label}: {time.perf_counter() - start:.0f} s", flush=True)
    return {"scenarios": scenarios, "studies": studies}


def main() -> int:
    import reading_numerics as candidates

    from sim.mechanisms import measurement
    model_reading = measurement.split_reading
    out: dict = {"seeds": SEEDS, "presets": PRESETS, "runs": {}}
    for name in ("beta_inverse", "split_uniform", "split_matched"):
        measurement.split_reading = as_reading(getattr(candidates, name))
        try:
            out["runs"][name] = measure(name)
        finally:
            measurement.split_reading = model_reading
    base = out["runs"]["beta_inverse"]
    for name in ("split_uniform", "split_matched"):
        run = out["runs"][name]
        shifts = []
        for sc, metrics in base["scenarios"].items():
            for metric, ref in metrics.items():
                new = run["scenarios"][sc].get(metric)
                if new is not None and ref["half_width"] > 0:
                    shifts.append((abs(new["mean"] - ref["mean"]) / ref["half_width"], sc, metric,
                                   ref["mean"], new["mean"]))
        shifts.sort(reverse=True)
        run["largest_shifts"] = [{"in_half_widths": s, "scenario": sc, "metric": m, "beta": a, "candidate": b}
                                 for s, sc, m, a, b in shifts[:12]]
        run["share_within_one_half_width"] = float(np.mean([s[0] <= 1 for s in shifts]))
        flips = {sid: (base["studies"][sid]["verdict"], st["verdict"]) for sid, st in run["studies"].items()
                 if st["verdict"] != base["studies"][sid]["verdict"]}
        run["verdicts_changed"] = flips
        print(f"{name}: {100 * run['share_within_one_half_width']:.0f}% of scenario means within one CI "
              f"half-width of the Beta's; verdicts changed: {flips or 'none'}")
        for s in run["largest_shifts"][:6]:
            print(f"   {s['in_half_widths']:5.2f} half-widths  {s['scenario']:<11} {s['metric']:<24} "
                  f"{s['beta']:.4f} -> {s['candidate']:.4f}")
    OUT.write_text(json.dumps(out, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
