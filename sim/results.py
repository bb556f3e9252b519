"""What the library returns: result objects with tables (pandas), a figure and a report.

Every result keeps the runs behind it (``series``: every metric at every week of every
seed) and knows how to summarise itself (``table``), draw itself (``figure``), write
itself to a folder (``report``) and to Parquet (``to_parquet``). The command line
prints and saves exactly these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from sim.execution.files import write_atomic, write_csv
from sim.model.metrics import KEY_METRICS, METRICS
from sim.report.display import Shown

#: The metrics the comparison table shows unless asked for all.
COMPARE_METRICS = list(KEY_METRICS) + ["direct_time_share", "serious_errors", "turnover",
                                       "take_up", "felt_trust"]


def _num(x):
    return None if x != x else round(float(x), 6)


@dataclass(repr=False)
class RunResult(Shown):
    """One scenario over several seeds (``sim.run``)."""

    scenario: Any
    seeds: list[int]
    steps: int
    series: pd.DataFrame = field(repr=False)

    @property
    def table(self) -> pd.DataFrame:
        """Per metric: mean over the last 52 weeks (every week of a shorter run), with a 95% CI
        over seeds (none from one seed)."""
        from sim.science.stats import summarise
        return summarise(self.series).drop(columns="scenario")

    def to_dict(self) -> dict:
        return {"scenario": self.scenario.name, "seeds": len(self.seeds), "steps": self.steps,
                "metrics": {r.metric: {"mean": _num(r.mean), "ci95": [_num(r.ci_low), _num(r.ci_high)]}
                            for r in self.table.itertuples(index=False)}}

    def figure(self, path=None, metrics=KEY_METRICS):
        """Key metrics over the weeks: mean over seeds and 95% band (PNG at ``path``)."""
        from sim.report.figures import plot_comparison
        return plot_comparison(self.series, path, metrics)

    def __repr__(self) -> str:
        return f"RunResult({self.scenario.name!r}, {len(self.seeds)} seeds, {self.steps} weeks)"

    def _shown(self):
        from sim.science.stats import window_weeks
        table = self.table.assign(unit=lambda t: t["metric"].map(lambda m: METRICS[m].unit))
        return (f"{self.scenario.name}: {_seeds(self.seeds)}, {self.steps} weeks",
                [f"mean over the last {window_weeks(self.steps)} weeks, with a 95% CI over seeds"],
                table[["metric", "unit", "mean", "ci_low", "ci_high"]])

    def to_parquet(self, path) -> Path:
        return write_atomic(Path(path), lambda tmp: self.series.to_parquet(tmp, index=False))

    def report(self, out) -> dict[str, Path]:
        out = Path(out)
        paths = {"series": self.to_parquet(out / "series.parquet"),
                 "summary": write_csv(self.table, out / "summary.csv")}
        return paths


@dataclass(repr=False)
class CompareResult(Shown):
    """Scenarios on the same seeds (``sim.compare``): paired differences against the
    first, over seeds; pilot evaluations where a scenario has one."""

    scenarios: list
    seeds: list[int]
    steps: int
    series: pd.DataFrame = field(repr=False)
    differences: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    pilots: dict = field(default_factory=dict, repr=False)
    world: Any = None  # uncertainty over worlds (sim.science.robustness), when asked

    @property
    def baseline(self) -> str:
        return self.scenarios[0].name

    @property
    def table(self) -> pd.DataFrame:
        """Every alternative minus the baseline, per metric: both means, the paired
        difference and its 95% CI over seeds (and over worlds, when asked)."""
        frames = []
        for alt, diff in self.differences.items():
            d = diff.rename(columns={self.baseline: "baseline", alt: "alternative"})
            d.insert(0, "alternative_name", alt)
            frames.append(d)
        table = pd.concat(frames, ignore_index=True)
        if self.world is not None:
            table = table.merge(self.world.table, on=["alternative_name", "metric"], how="left")
        return table

    def summary(self, lang: str = "en") -> list[str]:
        from sim.report.report import plain_summary
        out = []
        for alt, diff in self.differences.items():
            world = None if self.world is None else self.world.for_alternative(alt)
            out.extend(plain_summary(diff, self.baseline, alt, world=world, lang=lang))
        return out

    def to_dict(self) -> dict:
        return {"baseline": self.baseline, "seeds": len(self.seeds), "steps": self.steps,
                "differences": {alt: {r.metric: {"baseline": _num(r[1]), "alternative": _num(r[2]),
                                                 "difference": _num(r.difference),
                                                 "ci95": [_num(r.ci_low), _num(r.ci_high)]}
                                      for r in diff.itertuples(index=False)}
                                for alt, diff in self.differences.items()},
                "world": None if self.world is None else self.world.to_dict()}

    def figure_data(self, metrics=KEY_METRICS) -> pd.DataFrame:
        """The numbers ``figure`` draws (``sim.report.figures.comparison_data``)."""
        from sim.report.figures import comparison_data
        return comparison_data(self.series, metrics, None if self.world is None else self.world.bands)

    def figure(self, path=None, metrics=KEY_METRICS, lang: str = "en"):
        """Key metrics over the weeks, one colour per scenario (PNG at ``path``)."""
        from sim.report.figures import plot_comparison
        return plot_comparison(self.series, path, metrics,
                               world=None if self.world is None else self.world.bands, lang=lang)

    def __repr__(self) -> str:
        return (f"CompareResult({', '.join(repr(s.name) for s in self.scenarios)}, {len(self.seeds)} seeds, "
                f"{self.steps} weeks{', over worlds' if self.world is not None else ''})")

    def _shown(self):
        table = self.table
        table = table[table["metric"].isin(COMPARE_METRICS)]
        return (f"{' vs '.join(s.name for s in self.scenarios)}: {_seeds(self.seeds)} paired, {self.steps} weeks",
                self.summary(), table.drop(columns=[c for c in ("alternative_name",) if len(self.differences) == 1]))

    def to_parquet(self, path) -> Path:
        return write_atomic(Path(path), lambda tmp: self.series.to_parquet(tmp, index=False))

    def report(self, out, lang: str = "en") -> dict[str, Path]:
        """report.md, a self-contained report.html, the figure, the tables and every run's
        weekly series, in ``out``."""
        from sim.report.report import write_report
        out = Path(out)
        paths = {"series": self.to_parquet(out / "series.parquet")}
        for alt, diff in self.differences.items():
            paths[f"differences_{alt}"] = write_csv(diff, out / f"differences_{alt}_vs_{self.baseline}.csv")
        from sim.report.figures import data_csv
        data = data_csv(self.figure_data())
        paths["figure_data"] = write_atomic(out / "comparison.csv", lambda tmp: Path(tmp).write_text(data))
        md, page = write_report(out, self, lang=lang)
        paths.update(report_md=md, report_html=page, figure=out / "comparison.png")
        return paths


@dataclass(repr=False)
class ValidationResult(Shown):
    """The stylized facts as experiments (``sim.validate``)."""

    results: list
    seeds: list[int]

    @property
    def holds(self) -> bool:
        return all(r.holds for r in self.results)

    @property
    def table(self) -> pd.DataFrame:
        rows = []
        for r in self.results:
            for c in r.checks:
                mean, lo, hi = c.ci
                rows.append((r.fact.id, r.fact.statement, c.label, ">0" if c.expected > 0 else "<0",
                             c.minimum, mean, lo, hi, c.holds, r.fact.design))
        return pd.DataFrame(rows, columns=["fact", "statement", "check", "expected", "minimum",
                                           "mean", "ci_low", "ci_high", "holds", "design"])

    def text(self) -> str:
        from sim.science.validation import table
        return table(self.results)

    def figure(self, path=None, fact: str | None = None):
        """A fact's experiment over the weeks (default: the first that does not hold, or the first)."""
        chosen = next((r for r in self.results if r.fact.id == fact), None) if fact else \
            next((r for r in self.results if not r.holds), self.results[0])
        if chosen is None:
            from sim.errors import SteersimInputError
            raise SteersimInputError(f"no fact {fact!r} here; facts: {', '.join(r.fact.id for r in self.results)}",
                                     key="fact")
        from sim.report.figures import plot_comparison
        return plot_comparison(chosen.series, path, chosen.fact.figure_metrics,
                               title=f"{chosen.fact.id}: {chosen.fact.statement}")

    def __repr__(self) -> str:
        held = sum(r.holds for r in self.results)
        return f"ValidationResult({held} of {len(self.results)} facts hold, {len(self.seeds)} seeds)"

    def _shown(self):
        held = sum(r.holds for r in self.results)
        failing = [r.fact.id for r in self.results if not r.holds]
        return (f"stylized facts: {held} of {len(self.results)} hold ({_seeds(self.seeds)} per experiment)",
                [f"does not hold: {', '.join(failing)}"] if failing else [],
                self.table.drop(columns=["design"]))

    def report(self, out) -> dict[str, Path]:
        out = Path(out)
        paths = {}
        for r in self.results:
            paths[r.fact.id] = write_atomic(out / f"{r.fact.id}.png", partial(_plot_fact, r))
        paths["table"] = write_csv(self.table, out / "validation.csv")
        return paths


@dataclass(repr=False)
class CalibrationResult(Shown):
    """The status quo against the observed bands (``sim.calibrate``)."""

    table: pd.DataFrame
    series: pd.DataFrame = field(repr=False)
    seeds: list[int] = field(default_factory=list)
    plausible: Any = None  # a PlausibleSet, when asked for

    @property
    def inside(self) -> bool:
        return bool(self.table["inside"].all())

    def figure(self, path=None):
        from sim.science.calibration import plot
        return plot(self.table, path, self.seeds)

    def __repr__(self) -> str:
        inside = int(self.table["inside"].sum())
        return f"CalibrationResult({inside} of {len(self.table)} targets inside their bands)"

    def _shown(self):
        inside = int(self.table["inside"].sum())
        return (f"calibration: {inside} of {len(self.table)} targets inside the observed bands "
                f"({_seeds(self.seeds)})", [], self.table)

    def report(self, out) -> dict[str, Path]:
        out = Path(out)
        paths = {"table": write_csv(self.table, out / "calibration.csv"),
                 "figure": write_atomic(out / "calibration.png", lambda tmp: self.figure(Path(tmp)) and None)}
        if self.plausible is not None:
            paths.update(self.plausible.write(out))
        return paths


@dataclass(repr=False)
class BatchResult(Shown):
    """Any runs, batched (``sim.run_batch``): the tidy table a notebook works from.

    ``runs`` has one row per run: ``run`` (its position in the list given), ``scenario``,
    ``seed`` and the value of every input. ``frame`` has one row per run and week (weeks
    1..steps): run, scenario, seed, ``label`` (the scenario and the inputs that vary
    within it), each input that differs between runs, then every metric (units:
    ``sim.METRICS``).
    """

    runs: pd.DataFrame
    steps: int
    series: pd.DataFrame = field(repr=False)   # run, week, every metric

    @property
    def varied(self) -> list[str]:
        """The inputs whose values differ between runs (between scenarios or within one)."""
        from sim.inputs.schema import INPUTS
        return [n for n in INPUTS if self.runs[n].astype(str).nunique() > 1]

    @property
    def within(self) -> list[str]:
        """The inputs that differ between runs of one scenario (the ones you set per run)."""
        return [n for n in self.varied if (self.runs.groupby("scenario")[n].nunique() > 1).any()]

    @property
    def labels(self) -> pd.Series:
        """Each run's group: its scenario, and its values of the inputs in ``within``."""
        within = self.within

        def label(run) -> str:
            values = ", ".join(f"{n}={run[n]}" for n in within)
            return f"{run['scenario']} ({values})" if values else run["scenario"]
        return self.runs.apply(label, axis=1)

    def _who(self) -> pd.DataFrame:
        # an input named like a metric (indicators: how many the regime sets; the metric:
        # how many are in force) keeps its column as input_NAME
        inputs = {n: f"input_{n}" if n in METRICS else n for n in self.varied}
        return (self.runs[["run", "scenario", "seed", *inputs]].rename(columns=inputs)
                .assign(label=self.labels))

    @property
    def frame(self) -> pd.DataFrame:
        """One row per run and week: who, the inputs that vary (``input_NAME`` where a
        metric has the name), the label, every metric (tidy)."""
        return self._who().merge(self.series, on="run").sort_values(["run", "week"], ignore_index=True)

    def summary(self, window: int = 52) -> pd.DataFrame:
        """One row per run: who, the inputs that vary, and each metric's mean over the last
        ``window`` weeks (every week of a shorter run)."""
        tail = self.series[self.series["week"] > self.steps - window]
        means = tail.drop(columns="week").groupby("run", as_index=False).mean()
        return self._who().merge(means, on="run")

    def figure(self, path=None, metrics=KEY_METRICS):
        """Key metrics over the weeks per label (scenario and varied inputs): mean over its
        runs and 95% band (PNG at ``path``)."""
        from sim.report.figures import plot_comparison
        series = self.series.merge(self.runs[["run", "seed"]].assign(scenario=self.labels), on="run")
        return plot_comparison(series, path, metrics)

    def to_parquet(self, path) -> Path:
        """``frame`` as Parquet, written whole or not at all."""
        frame = self.frame
        return write_atomic(Path(path), lambda tmp: frame.to_parquet(tmp, index=False))

    def __repr__(self) -> str:
        return (f"BatchResult({len(self.runs)} runs, {self.steps} weeks, {len(self.varied)} inputs differ, "
                f"within a scenario: {', '.join(self.within) or 'none'})")

    def _shown(self):
        from sim.science.stats import window_weeks
        scenarios = ", ".join(dict.fromkeys(self.runs["scenario"]))
        lines = [f"{len(self.varied)} inputs differ between runs; within a scenario: "
                 f"{', '.join(self.within) or 'none (seeds only)'}",
                 f"the table (.frame): {len(self.runs) * self.steps:,} rows, one per run and week; below, each "
                 f"run's mean over the last {window_weeks(self.steps)} weeks (.summary())"]
        summary = self.summary()
        return (f"{len(self.runs)} runs of {scenarios}, {self.steps} weeks", lines,
                summary[["run", "label", "seed", *[m for m in KEY_METRICS if m in summary]]])


__all__ = ["RunResult", "CompareResult", "ValidationResult", "CalibrationResult", "BatchResult", "METRICS"]


def _seeds(seeds) -> str:
    seeds = list(seeds)
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    span = f"{seeds[0]}-{seeds[-1]}" if seeds == list(range(seeds[0], seeds[-1] + 1)) else "given"
    return f"{len(seeds)} seeds ({span})"


def _plot_fact(result, tmp) -> None:
    from sim.report.figures import plot_comparison
    plot_comparison(result.series, Path(tmp), result.fact.figure_metrics,
                    title=f"{result.fact.id}: {result.fact.statement}")
