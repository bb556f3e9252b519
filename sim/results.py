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

#: The metrics the comparison table shows unless asked for all.
COMPARE_METRICS = list(KEY_METRICS) + ["direct_time_share", "serious_errors", "turnover",
                                       "take_up", "felt_trust"]


def _num(x):
    return None if x != x else round(float(x), 6)


@dataclass
class RunResult:
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
        from sim.report.figures import plot_comparison
        return plot_comparison(self.series, path, metrics)

    def to_parquet(self, path) -> Path:
        return write_atomic(Path(path), lambda tmp: self.series.to_parquet(tmp, index=False))

    def report(self, out) -> dict[str, Path]:
        out = Path(out)
        paths = {"series": self.to_parquet(out / "series.parquet"),
                 "summary": write_csv(self.table, out / "summary.csv")}
        return paths


@dataclass
class CompareResult:
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

    def figure(self, path=None, metrics=KEY_METRICS):
        from sim.report.figures import plot_comparison
        return plot_comparison(self.series, path, metrics,
                               world=None if self.world is None else self.world.bands)

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
        md, page = write_report(out, self, lang=lang)
        paths.update(report_md=md, report_html=page, figure=out / "comparison.png")
        return paths


@dataclass
class ValidationResult:
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

    def report(self, out) -> dict[str, Path]:
        out = Path(out)
        paths = {}
        for r in self.results:
            paths[r.fact.id] = write_atomic(out / f"{r.fact.id}.png", partial(_plot_fact, r))
        paths["table"] = write_csv(self.table, out / "validation.csv")
        return paths


@dataclass
class CalibrationResult:
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

    def report(self, out) -> dict[str, Path]:
        out = Path(out)
        paths = {"table": write_csv(self.table, out / "calibration.csv"),
                 "figure": write_atomic(out / "calibration.png", lambda tmp: self.figure(Path(tmp)) and None)}
        if self.plausible is not None:
            paths.update(self.plausible.write(out))
        return paths


__all__ = ["RunResult", "CompareResult", "ValidationResult", "CalibrationResult", "METRICS"]


def _plot_fact(result, tmp) -> None:
    from sim.report.figures import plot_comparison
    plot_comparison(result.series, Path(tmp), result.fact.figure_metrics,
                    title=f"{result.fact.id}: {result.fact.statement}")
