"""Issue 27's numerics, the second half of the measurement before choosing: what a cheaper
honest reading does to the model's documented numbers.

``reading_numerics.py`` measures each candidate's cost and moments. This runs the model with
the Beta reading and with each candidate that keeps the Beta's mean and variance
(``split_uniform``, ``split_matched``: see reading_numerics.py), on the same seeds: the
comparison of all six presets at the defaults, three presets at ``measurement_noise`` 0.2 (the
top of its plausible range, where the split's variance matches the Beta's over less of the
scale), and every study of the library. It reports, for each candidate against the Beta:

- every scenario mean's shift in units of the Beta run's between-seed 95% CI half-width (what
  someone comparing two versions' tables on ten seeds could tell apart);
- which shifts are systematic: the per-seed paired shift's 95% CI excludes 0 (the runs share
  seeds and draws, so much smaller shifts than a half-width are visible this way);
- every preset's difference from npm (what ``compare`` reports) against its own paired CI
  half-width, and whether a sign flips;
- every study outcome's shift in half-widths, and whether a verdict or a check changed.

    python benchmarks/reading_effect.py    # about 5 minutes on one core; writes reading_effect.json

Each candidate (the Beta, the model's reading until issue 27, and the two split readings)
stands in for ``measurement.split_reading`` for its runs; the in-process caches are emptied
between candidates and the runs stay in this process. ``split_matched`` is the model's reading
since issue 27 (a test keeps them equal). The needs' change of the same commit is not measured
here (every arm draws needs the new way): it re-randomises which citizen meets which need.
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
#: The top of measurement_noise's plausible range, where the split reading still matches the
#: Beta's variance only between scores 0.088 and 0.912.
HIGH_NOISE = 0.2
NOISY_PRESETS = ("npm", "targets", "trust")


def as_reading(candidate):
    """``candidate(m, n, u)`` called as the model's ``split_reading(mean, noise, draw)``,
    exact where the reading is (noise 0, or a score of 0 or 1)."""
    def reading(mean, noise, draw):
        noisy = (noise > 0) & (mean * (1 - mean) > 0)
        inner = candidate(np.where(noisy, mean, 0.5), np.where(noisy, noise, 0.5), draw)
        return np.where(noisy, inner, mean)
    return reading


def scenario_values(result) -> dict:
    """Each scenario's per-seed means over the window the comparison reports (its last year)."""
    window = result.series[result.series["week"] > result.steps - WINDOW]
    out: dict = {}
    for name, frame in window.groupby("scenario"):
        per_seed = frame.drop(columns=["scenario", "week"]).groupby("seed").mean()
        out[name] = {m: [float(v) for v in per_seed[m]] for m in per_seed.columns
                     if np.all(np.isfinite(per_seed[m].to_numpy(dtype=float)))}
    return out


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
    scenarios = scenario_values(api.compare(*PRESETS, seeds=SEEDS, executor=executor))
    noisy = scenario_values(api.compare(*NOISY_PRESETS, seeds=SEEDS, set={"measurement_noise": HIGH_NOISE},
                                        executor=executor))
    studies = {}
    for res in replicate([load_study(s) for s in study_names()], seeds=SEEDS, executor=executor):
        studies[res.study.id] = {"verdict": res.verdict,
                                 "outcomes": {o.outcome.id: [float(v) for v in mean_ci(o.values)]
                                              for o in res.outcomes if len(o.values)},
                                 "checks": {c.check.id: bool(c.holds) for c in res.checks}}
    print(f"{label}: {time.perf_counter() - start:.0f} s", flush=True)
    return {"scenarios": scenarios, "high_noise": noisy, "studies": studies}


def half_width(values) -> float:
    from sim.science.stats import mean_ci
    _, lo, hi = mean_ci(np.asarray(values, dtype=float))
    return (hi - lo) / 2


def shifts(base: dict, run: dict) -> dict:
    """How far a candidate moves the numbers, three ways, over the same seeds:

    - each scenario mean against the Beta run's between-seed 95% CI half-width (what someone
      comparing two versions' published tables on ten seeds could tell apart);
    - each scenario mean paired seed by seed: the shift's own 95% CI (a systematic shift is one
      whose CI excludes 0, however small);
    - each preset's difference from npm (what the comparison reports) against that difference's
      paired CI half-width over seeds, and whether its sign flips."""
    from sim.science.stats import mean_ci
    means, paired, contrasts = [], [], []
    for sc, metrics in base.items():
        for metric, ref in metrics.items():
            new = run.get(sc, {}).get(metric)
            if new is None:
                continue
            ref_a, new_a = np.asarray(ref), np.asarray(new)
            width = half_width(ref_a)
            if width > 0:
                means.append((abs(new_a.mean() - ref_a.mean()) / width, sc, metric, ref_a.mean(), new_a.mean()))
            mean, lo, hi = mean_ci(new_a - ref_a)
            if lo > 0 or hi < 0:
                paired.append((abs(mean) / width if width > 0 else float("inf"), sc, metric, mean))
            if sc != "npm" and "npm" in base and metric in base["npm"]:
                ref_d = ref_a - np.asarray(base["npm"][metric])
                new_d = new_a - np.asarray(run["npm"][metric])
                d_width = half_width(ref_d)
                if d_width > 0:
                    flips = bool(np.sign(ref_d.mean()) != np.sign(new_d.mean())
                                 and min(abs(ref_d.mean()), abs(new_d.mean())) > d_width)
                    contrasts.append((abs(new_d.mean() - ref_d.mean()) / d_width, f"{sc} - npm", metric,
                                      ref_d.mean(), new_d.mean(), flips))
    means.sort(reverse=True)
    paired.sort(reverse=True)
    contrasts.sort(reverse=True)
    return {"scenario_means_checked": len(means),
            "share_within_one_half_width": float(np.mean([m[0] <= 1 for m in means])),
            "largest_shifts": [{"in_half_widths": a, "scenario": b, "metric": c, "beta": d, "candidate": e}
                               for a, b, c, d, e in means[:8]],
            "systematic": len(paired),
            "largest_systematic": [{"in_half_widths": a, "scenario": b, "metric": c, "shift": d}
                                   for a, b, c, d in paired[:8]],
            "contrasts_checked": len(contrasts),
            "largest_contrast_shifts": [{"in_paired_half_widths": a, "contrast": b, "metric": c, "beta": d,
                                         "candidate": e, "sign_flips": f} for a, b, c, d, e, f in contrasts[:8]],
            "contrast_sign_flips": [f"{b} {c}" for _, b, c, _, _, f in contrasts if f]}


def main() -> int:
    import reading_numerics as candidates

    from sim.mechanisms import measurement
    model_reading = measurement.split_reading
    out: dict = {"seeds": SEEDS, "presets": PRESETS, "high_noise": {"measurement_noise": HIGH_NOISE,
                                                                    "presets": NOISY_PRESETS}, "runs": {}}
    from sim.model.fingerprint import fingerprint
    out["model"] = fingerprint()
    for name in ("beta_inverse", "split_uniform", "split_matched"):
        measurement.split_reading = as_reading(getattr(candidates, name))
        try:
            out["runs"][name] = measure(name)
        finally:
            measurement.split_reading = model_reading
    base = out["runs"]["beta_inverse"]
    for name in ("split_uniform", "split_matched"):
        run = out["runs"][name]
        run["default"] = shifts(base["scenarios"], run["scenarios"])
        run["at_high_noise"] = shifts(base["high_noise"], run["high_noise"])
        run["verdicts_changed"] = {sid: (base["studies"][sid]["verdict"], st["verdict"])
                                   for sid, st in run["studies"].items()
                                   if st["verdict"] != base["studies"][sid]["verdict"]}
        run["checks_changed"] = [f"{sid} {c}" for sid, st in run["studies"].items()
                                 for c, holds in st["checks"].items() if holds != base["studies"][sid]["checks"][c]]
        outcome_shifts = []
        for sid, st in base["studies"].items():
            for oid, (mean, lo, hi) in st["outcomes"].items():
                if hi > lo:
                    outcome_shifts.append((abs(run["studies"][sid]["outcomes"][oid][0] - mean) / ((hi - lo) / 2),
                                           sid, oid))
        run["largest_study_outcome_shift"] = max(outcome_shifts)
        for where in ("default", "at_high_noise"):
            d = run[where]
            top, sys_top, con = d["largest_shifts"][0], d["largest_systematic"], d["largest_contrast_shifts"][0]
            print(f"{name} ({where}): scenario means within one between-seed half-width: "
                  f"{100 * d['share_within_one_half_width']:.0f}% (largest {top['in_half_widths']:.2f}, "
                  f"{top['scenario']} {top['metric']}); systematic shifts (paired CI excludes 0): "
                  f"{d['systematic']} of {d['scenario_means_checked']}"
                  + (f" (largest {sys_top[0]['in_half_widths']:.2f} half-widths, {sys_top[0]['scenario']} "
                     f"{sys_top[0]['metric']})" if sys_top else "")
                  + f"; largest shift of a difference from npm: {con['in_paired_half_widths']:.2f} of its paired "
                  f"half-width ({con['contrast']} {con['metric']}); signs flipped: {d['contrast_sign_flips'] or 'none'}")
        print(f"{name}: study verdicts changed: {run['verdicts_changed'] or 'none'}; checks changed: "
              f"{run['checks_changed'] or 'none'}; largest study outcome shift "
              f"{run['largest_study_outcome_shift'][0]:.2f} half-widths")
    OUT.write_text(json.dumps(out, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
