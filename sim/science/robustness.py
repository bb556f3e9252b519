"""Robustness: how sure is the answer about the world, not only about its seeds?

``robustness(a, b)`` samples the uncertainties (behaviour inputs, the mechanisms'
coefficients and the uncertain features of the work) over their plausible ranges with a
space-filling design (SALib's Latin hypercube; Sobol on request), runs both scenarios on
the same seeds at every point (through the resumable sweep store, on local processes or
Dask), and reports per metric: the share of worlds where B beats A (95% Wilson CI),
where each wins (PRIM boxes, in words), and which uncertainties decide it. A plausible
set from ``steersim calibrate --plausible`` can replace the full ranges.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sim.errors import SteersimInputError, did_you_mean
from sim.inputs.experiment import Experiment, Factor, check_payment_shares
from sim.inputs.schema import INPUTS, UNCERTAINTIES
from sim.model.metrics import METRICS
from sim.report.display import Shown
from sim.science.discovery import deciding_inputs, prim_region, sobol_indices, sobol_standouts, wilson

DEFAULT_METRICS = ("service_quality", "unequal_treatment", "serious_errors", "cost_per_quality",
                   "staff_motivation", "citizen_trust")


#: The group that samples the features of the work over their whole range, every kind of
#: public service from a narrow, measurable goal (waiting times) to social work, where
#: ``work`` keeps to the plausible range of one service like the default.
SERVICES = "services"
GROUPS = ("behaviour", "coefficient", "work", SERVICES)


def parse_ranges(vary) -> tuple[list, dict]:
    """Split ``vary`` items into names and ranges given as NAME=LOW:HIGH (``services``:
    each feature of the work over its whole range)."""
    names, ranges = [], {}
    for item in vary or []:
        if item.strip() == SERVICES:
            for n in (n for n in UNCERTAINTIES if INPUTS[n].work):
                names.append(n)
                ranges[n] = (float(INPUTS[n].low), float(INPUTS[n].high))
            continue
        name, sep, span = item.partition("=")
        names.append(name.strip())
        if sep:
            lo, colon, hi = span.partition(":")
            spec = INPUTS.get(name.strip())
            if not colon or spec is None:
                raise SteersimInputError(f"got {item!r}; give NAME or NAME=LOW:HIGH", key="--vary")
            low = spec.check(lo.strip() or "x", key=f"--vary {name}")
            high = spec.check(hi.strip() or "x", key=f"--vary {name}")
            if not low < high:
                raise SteersimInputError(f"low ({low}) must be below high ({high})", key=f"--vary {name}")
            ranges[name.strip()] = (float(low), float(high))
    return names, ranges


def acting(names, scenarios) -> list[str]:
    """``names`` less the inputs that act only through levers (``Spec.acts_with``) that every
    one of ``scenarios`` leaves at 0, in its levers and its events: the market's
    coefficients where no scenario has a market. Sampling them would change which worlds
    are drawn, never a result."""
    used: set[str] = set()
    for sc in scenarios:
        used |= {k for k, v in sc.inputs.items() if INPUTS[k].group == "regime" and v}
        for event in sc.events:
            used |= {k for k, v in (getattr(event, "levers", None) or {}).items() if v}
    return [n for n in names if not INPUTS[n].acts_with or used & set(INPUTS[n].acts_with)]


def choose_uncertainties(vary=None, fix: dict | None = None, scenarios=None) -> list[str]:
    """The uncertain inputs to sample: ``vary`` (names, or groups: 'behaviour',
    'coefficient', 'work', 'services', or a mechanism's name) minus those ``fix`` holds;
    with no ``vary``, or for a group, every uncertain input that can act in ``scenarios``
    (``acting``)."""
    fix = fix or {}
    vary, _ = parse_ranges(vary)
    for name in fix:
        if name not in INPUTS:
            raise SteersimInputError(f"no input '{name}'{did_you_mean(name, INPUTS)}", key="--fix")
    if not vary:
        names = acting(UNCERTAINTIES, scenarios) if scenarios else list(UNCERTAINTIES)
    else:
        names = []
        for item in vary:
            group = [n for n in UNCERTAINTIES if INPUTS[n].group == item or INPUTS[n].mechanism == item
                     or (item == "work" and INPUTS[n].work)]
            if group:
                # a group ('coefficient', ...) brings only what can act in the scenarios; a
                # mechanism asked for by name ('market') brings all of its inputs
                named = any(INPUTS[n].mechanism == item for n in group)
                names += acting(group, scenarios) if scenarios and not named else group
            elif item in UNCERTAINTIES:
                names.append(item)
            elif item in INPUTS and INPUTS[item].group in ("organisation", "regime") and INPUTS[item].kind is not str:
                names.append(item)  # a lever or a feature of the organisation, varied on purpose
            elif item in INPUTS:
                raise SteersimInputError(f"'{item}' is not uncertain (a {INPUTS[item].group} input); fix "
                                         f"it with --set instead", key="--vary")
            else:
                raise SteersimInputError(f"no uncertain input or group '{item}'"
                                         f"{did_you_mean(item, list(UNCERTAINTIES) + list(GROUPS))}",
                                         key="--vary")
    return [n for n in dict.fromkeys(names) if n not in fix]


def make_experiment(scenarios, names: list[str], samples: int, seeds: int, steps: int,
                    metrics, design: str = "lhs", seed: int = 1, fix: dict | None = None,
                    name: str | None = None, ranges: dict | None = None) -> Experiment:
    """The robustness analysis as an experiment: a design over ``names`` (their
    plausible ranges, or ``ranges``), every scenario at every point, ``seeds`` replicates."""
    ranges = ranges or {}
    def bounds(n: str) -> tuple[float, float]:
        low, high = ranges.get(n) or INPUTS[n].plausible or (INPUTS[n].low, INPUTS[n].high)
        return float(low), float(high)
    factors = tuple(Factor(n, (), *bounds(n), kind=INPUTS[n].kind) for n in names)
    if fix:
        scenarios = [sc.with_inputs(fix, source="--fix") for sc in scenarios]
    check_payment_shares(factors, scenarios, "--vary", lambda name: None, prefix="")
    settings = dict(scenarios=[s.name for s in scenarios], inputs=[s.inputs for s in scenarios],
                    vary=names, ranges=ranges, samples=samples, seeds=seeds, steps=steps, design=design, seed=seed,
                    metrics=list(metrics))
    return Experiment(name=name or "robustness_" + "_vs_".join(s.name for s in scenarios),
                      description="robustness", scenarios=tuple(scenarios), design=design,
                      factors=factors, samples=samples, replicates=seeds, steps=steps,
                      window=min(52, steps), metrics=tuple(metrics), seed=seed,
                      text=json.dumps(settings, sort_keys=True, default=str))


#: Drivers worked out once per metric (the report shows 8, the summary 3, the figure 2).
DRIVERS_KEPT = 10


#: Bands a win share is given in, by input: measurability's split the work from hard to
#: measure (care, social work) to narrow and measurable (waiting times).
BANDS = {"measurability": (0.0, 0.35, 0.5, 0.7, 1.0)}


@dataclass
class RobustnessResult(Shown):
    """Per metric: differences B - A over worlds, their win shares, regions and drivers."""

    experiment: Experiment
    points: pd.DataFrame = field(repr=False)      # one row per point: inputs, then per metric a, b, diff
    sobol: dict = field(default_factory=dict, repr=False)
    # the printed line, the report and the figure each ask for a metric's regions and
    # drivers; PRIM, the bootstrap and PAWN take seconds, so they run once per metric
    _found: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def names(self) -> tuple[str, str]:
        a, b = self.experiment.scenarios[:2]
        return a.name, b.name

    @property
    def inputs(self) -> list[str]:
        return [f.name for f in self.experiment.factors]

    def difference(self, metric: str) -> np.ndarray:
        return self.points[f"{metric}:difference"].to_numpy()

    def win_share(self, metric: str) -> tuple[float, float, float]:
        """Share of worlds where B is better than A on ``metric`` (higher, or lower for a
        metric where lower is better), with its 95% Wilson CI."""
        d = self.difference(metric)
        d = d[np.isfinite(d)]
        better = d < 0 if METRICS[metric].better < 0 else d > 0
        return wilson(int(better.sum()), len(d))

    def by_band(self, metric: str, name: str = "measurability") -> list[dict]:
        """Win shares of B over A within bands of ``name`` (``BANDS``), with 95% Wilson CIs:
        a pooled share only weighs the bands by how the worlds were sampled."""
        if name not in self.points:
            return []
        d = self.difference(metric)
        x = self.points[name].to_numpy()
        better = d < 0 if METRICS[metric].better < 0 else d > 0
        edges = BANDS[name]
        rows = []
        for low, high in zip(edges[:-1], edges[1:]):
            inside = np.isfinite(d) & (x >= low) & ((x < high) | (high == edges[-1]) & (x <= high))
            if inside.sum():
                share, lo, hi = wilson(int(better[inside].sum()), int(inside.sum()))
                rows.append({"low": low, "high": high, "worlds": int(inside.sum()), "share": share, "ci95": [lo, hi]})
        return rows

    def regions(self, metric: str) -> list:
        if ("regions", metric) not in self._found:
            self._found["regions", metric] = self._regions(metric)
        return self._found["regions", metric]

    def _regions(self, metric: str) -> list:
        d = self.difference(metric)
        ok = np.isfinite(d)
        x = self.points.loc[ok, self.inputs]
        b_better = (d[ok] < 0) if METRICS[metric].better < 0 else (d[ok] > 0)
        a, b = self.names
        return [r for r in (prim_region(x, b_better, b), prim_region(x, ~b_better, a)) if r is not None]

    def drivers(self, metric: str, top: int = 10) -> pd.DataFrame:
        if metric in self.sobol:
            return self.sobol[metric].head(top)
        if top > DRIVERS_KEPT:
            return deciding_inputs(self.points[self.inputs], self.difference(metric), top)
        if ("drivers", metric) not in self._found:
            # a row's numbers do not depend on how many rows are asked for (the bootstrap
            # draws the same resamples), so the first ten serve every shorter list
            self._found["drivers", metric] = deciding_inputs(self.points[self.inputs], self.difference(metric),
                                                             DRIVERS_KEPT)
        return self._found["drivers", metric].head(top)

    def summary(self, metric: str = "service_quality") -> dict:
        a, b = self.names
        share, lo, hi = self.win_share(metric)
        d = self.difference(metric)
        # named only where chance alone is unlikely: a total Sobol index clear of the noise
        # floor, a rank correlation that survives the adjustment for every input sampled
        if metric in self.sobol:
            drivers = sobol_standouts(self.sobol[metric]).head(3)
        else:
            drivers = self.drivers(metric, 3)
            drivers = drivers[drivers["p_family"] < 0.05]
        return {"metric": metric, "worlds": int(np.isfinite(d).sum()),
                "better": b, "share": share, "ci95": [lo, hi],
                "difference": {"mean": float(np.nanmean(d)), "p5": float(np.nanpercentile(d, 5)),
                               "p95": float(np.nanpercentile(d, 95))},
                "regions": [r.words() for r in self.regions(metric)],
                "deciding": drivers["input"].tolist(),
                "by_measurability": self.by_band(metric)}

    def to_dict(self, metrics=None) -> dict:
        return {"a": self.names[0], "b": self.names[1], "design": self.experiment.design,
                "samples": self.experiment.samples, "seeds": self.experiment.replicates,
                "uncertainties": len(self.inputs),
                "metrics": {m: self.summary(m) for m in (metrics or self.experiment.metrics)}}

    def text(self, metric: str) -> str:
        s = self.summary(metric)
        a, b = self.names
        word = "lower" if METRICS[metric].better < 0 else "higher"
        lines = [f"{metric}: {b} gives {word} {metric.replace('_', ' ')} than {a} in "
                 f"{100 * s['share']:.0f}% of {s['worlds']} sampled worlds (95% CI {100 * s['ci95'][0]:.0f}-"
                 f"{100 * s['ci95'][1]:.0f}%); the difference {b} - {a} ranges from "
                 f"{s['difference']['p5']:+.3f} to {s['difference']['p95']:+.3f} (5th-95th percentile), "
                 f"mean {s['difference']['mean']:+.3f}."]
        if s["by_measurability"]:
            a_wins = [f"{100 * (1 - r['share']):.0f}% [{100 * (1 - r['ci95'][1]):.0f}-{100 * (1 - r['ci95'][0]):.0f}] "
                      f"of {r['worlds']} at {r['low']:g}-{r['high']:g}" for r in s["by_measurability"]]
            lines.append(f"  {a} ahead, by measurability of the work: " + "; ".join(a_wins))
        lines += [f"  {r}" for r in s["regions"]]
        lines.append("  deciding uncertainties: " + (", ".join(s["deciding"]) or
                                                    f"none stands out over {s['worlds']} worlds"))
        return "\n".join(lines)

    def figure(self, path=None, metric: str = "service_quality"):
        from sim.report.robustness_figure import plot
        return plot(self, metric, path)

    def _shown(self):
        a, b = self.names
        rows = []
        for m in self.experiment.metrics:
            s = self.summary(m)
            rows.append({"metric": m, "better": s["better"], "share of worlds": s["share"],
                         "ci_low": s["ci95"][0], "ci_high": s["ci95"][1], "p5": s["difference"]["p5"],
                         "p95": s["difference"]["p95"], "deciding": ", ".join(s["deciding"])})
        first = self.experiment.metrics[0]
        return (f"{b} vs {a} over {len(self.points)} sampled worlds ({len(self.inputs)} uncertain inputs)",
                self.text(first).splitlines(), pd.DataFrame(rows))

    def report(self, out, lang: str = "en") -> dict[str, Path]:
        from sim.report.robustness_report import write
        return write(self, Path(out), lang)


def collect(experiment: Experiment, runs: pd.DataFrame) -> pd.DataFrame:
    """One row per point (replicates averaged): the inputs, then for each metric the two
    scenarios' values and B - A."""
    ok = runs[runs["status"] == "ok"]
    if ok.empty:
        # every run failed: say why, rather than fail on an empty table
        errors = runs["error"].dropna().astype(str) if "error" in runs else pd.Series(dtype=str)
        raise RuntimeError(f"all {len(runs)} runs failed"
                            + (f"; the first: {errors.iloc[0]}" if len(errors) else ""))
    a, b = (s.name for s in experiment.scenarios[:2])
    means = ok.groupby(["point", "scenario"])[list(experiment.metrics)].mean().unstack("scenario")
    inputs = ok.groupby("point")[[f.name for f in experiment.factors]].first()
    out = inputs.copy()
    for m in experiment.metrics:
        out[f"{m}:{a}"] = means[(m, a)]
        out[f"{m}:{b}"] = means[(m, b)]
        out[f"{m}:difference"] = means[(m, b)] - means[(m, a)]
    return out.reset_index()


def analyse(experiment: Experiment, runs: pd.DataFrame) -> RobustnessResult:
    points = collect(experiment, runs)
    sobol = {}
    if experiment.design == "sobol":
        problem = experiment.problem()
        full = points.set_index("point").reindex(range(experiment.n_points))
        for m in experiment.metrics:
            y = full[f"{m}:difference"].to_numpy()
            if np.isfinite(y).all():
                sobol[m] = sobol_indices(problem, y)
    return RobustnessResult(experiment, points, sobol)


def world_uncertainty(scenarios, n: int, steps: int, executor=None, plausible=None,
                      progress: bool = False, seed: int = 1):
    """The uncertainty over worlds for ``compare --uncertainty N``: every scenario in N
    sampled worlds (one seed each), paired differences against the first."""
    from sim.execution.ensemble import progress_bar
    from sim.execution.sweep import run_job
    from sim.science.world import WorldUncertainty
    names = acting(UNCERTAINTIES, scenarios)
    exp = make_experiment(scenarios, names, n, 1, steps, tuple(METRICS), seed=seed)
    if plausible is not None:
        exp = from_plausible(exp, plausible, n, option="--uncertainty")
    jobs = [(exp, job) for job in exp.jobs()]
    bar = progress_bar(len(jobs), progress, "world", "plausible worlds")
    rows = []
    for _, results in (executor.imap(run_job, jobs) if executor else enumerate(map(run_job, jobs))):
        rows += [row for row, _ in results]
        bar.update()
    bar.close()
    return WorldUncertainty.from_runs(exp, pd.DataFrame(rows))


def read_plausible(path) -> pd.DataFrame:
    """A plausible set (Parquet, one column per uncertain input, as `steersim calibrate
    --plausible` writes), checked: readable, not empty, every value inside its input's range."""
    if isinstance(path, pd.DataFrame):
        return path
    try:
        plausible = pd.read_parquet(path)
    except Exception as exc:
        raise SteersimInputError(f"cannot read the plausible set {str(path)!r}: {type(exc).__name__}",
                                 key="--plausible") from None
    from sim.model.fingerprint import fingerprint
    made_by = set(plausible["model"]) if "model" in plausible.columns else {fingerprint()}
    if made_by != {fingerprint()}:
        raise SteersimInputError(f"{str(path)!r} was kept by model {', '.join(sorted(made_by))} and this is model "
                                 f"{fingerprint()} (`steersim --version`); the evidence judges each model anew: "
                                 f"run `steersim calibrate --plausible` again", key="--plausible")
    names = [c for c in plausible.columns if c in UNCERTAINTIES]
    if "max_implausibility" in plausible.columns and (plausible["max_implausibility"] > 1).any():
        raise SteersimInputError(f"{str(path)!r} holds every sampled world, the implausible ones too; "
                                 f"give the plausible set beside it (plausible.parquet)", key="--plausible")
    if not names or len(plausible) == 0:
        raise SteersimInputError(f"{str(path)!r} holds no plausible points (expected columns of "
                                 f"uncertain inputs, as `steersim calibrate --plausible` writes)",
                                 key="--plausible")
    for c in names:
        spec, values = INPUTS[c], pd.to_numeric(plausible[c], errors="coerce")
        if values.isna().any() or (values < spec.low).any() or (values > spec.high).any():
            raise SteersimInputError(f"{str(path)!r}: column {c!r} holds values outside {spec.allowed()}",
                                     key="--plausible")
    return plausible[names]


def distinct_worlds(path, n: int, option: str) -> pd.DataFrame:
    """The plausible set's different worlds, if it holds at least ``n``; else a one-line
    error naming ``option``."""
    plausible = read_plausible(path).drop_duplicates()
    if n > len(plausible):
        raise SteersimInputError(f"got {n}; the plausible set holds {len(plausible)} different worlds, "
                                 f"so at most {len(plausible)} (or keep more worlds with a larger "
                                 f"`steersim calibrate --plausible N`)", key=option)
    return plausible


def from_plausible(experiment: Experiment, path, n: int, option: str = "--samples") -> Experiment:
    """The experiment with its points drawn from a plausible set instead of the full ranges:
    ``n`` different worlds of the set. A world drawn twice would run twice on the same seed
    and count as two where there is one (win shares' CIs and the test of deciding inputs
    would claim more than the set holds), so asking for more than the set holds is refused."""
    plausible = distinct_worlds(path, n, option)
    names = list(plausible.columns)
    rows = plausible.sample(n=n, replace=False, random_state=experiment.seed)[names]
    factors = tuple(Factor(c, tuple(rows[c].tolist()), kind=INPUTS[c].kind) for c in names)
    return dataclasses.replace(experiment, design="given", factors=factors, samples=n)
