"""Uncertainty over worlds for a comparison (``compare --uncertainty N``): the paired
difference of every alternative against the baseline in N sampled worlds, beside the
usual uncertainty over seeds. A sentence about the world never says more than the share
of worlds where it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sim.model.metrics import METRICS
from sim.science.discovery import standing_out, wilson


@dataclass
class _Alternative:
    name: str
    baseline: str
    rows: pd.DataFrame                      # per metric: p5, p95, share_higher, lo, hi, driver
    metrics: tuple = field(default=())

    def sentence(self, metric: str, _=str, difference=lambda v: f"{v:+.3f}") -> str:
        """The uncertainty over worlds in words; ``difference`` writes a difference in the
        units the sentence before it used (points for a share)."""
        r = self.rows.loc[metric]
        if r.p5 == 0 and r.p95 == 0 and r.share_higher == 0:  # not a difference "lower in every world"
            return _("In all {n} plausible worlds the difference is 0.").format(n=int(r.worlds))
        return _("Over {n} plausible worlds the difference ranges from {p5} to {p95}; {alt} gives the "
                 "higher value in {share}% of them (95% CI {lo}-{hi}%){driver}.").format(
            n=int(r.worlds), p5=difference(r.p5), p95=difference(r.p95), alt=self.name,
            share=f"{100 * r.share_higher:.0f}", lo=f"{100 * r.lo:.0f}", hi=f"{100 * r.hi:.0f}",
            driver=_turns_on(r.driver, _))

    def overall(self, _=str) -> str:
        r = self.rows.loc["service_quality"]
        sure = r.share_higher >= 0.95 or r.share_higher <= 0.05
        return _("Over plausible worlds, {alt} gives higher service quality than {base} in {share}% of "
                 "them{sure}{driver}.").format(
            alt=self.name, base=self.baseline, share=f"{100 * r.share_higher:.0f}",
            sure="" if sure else _(", so the sign depends on assumptions the evidence does not settle"),
            driver=_turns_on(r.driver, _))

    def cells(self, metric: str, difference=lambda v: f"{v:+.3f}", lang: str = "en") -> tuple:
        """The table's two cells over worlds: the 5th-95th percentile of the difference, and
        the share of worlds where it is higher (none where it is 0 in every world)."""
        if metric not in self.rows.index:
            return ("", "")
        r = self.rows.loc[metric]
        sep, pct = ("; ", "\u00a0%") if lang == "sv" else (", ", "%")
        if r.p5 == 0 and r.p95 == 0 and r.share_higher == 0:
            return ("0", "–")
        return (f"[{difference(r.p5)}{sep}{difference(r.p95)}]", f"{100 * r.share_higher:.0f}{pct}")


def _turns_on(driver, _=str) -> str:
    """The clause naming what decides a difference, or saying that nothing stands out
    (``driver`` is an input's name, or None/NaN as a table cell holds it)."""
    if isinstance(driver, str):
        return _("; it turns mainly on {driver}").format(driver=driver)
    return _("; no single input stands out over so few worlds (`steersim robustness` samples more)")


@dataclass
class WorldUncertainty:
    experiment: Any
    points: pd.DataFrame = field(repr=False)   # per point and scenario: every metric
    alternatives: dict = field(default_factory=dict)
    wide: pd.DataFrame | None = field(default=None, repr=False)  # per point: metric x scenario

    @classmethod
    def from_runs(cls, experiment, runs: pd.DataFrame) -> WorldUncertainty:
        ok = runs[runs["status"] == "ok"]
        names = [s.name for s in experiment.scenarios]
        metrics = list(experiment.metrics)
        wide = ok.groupby(["point", "scenario"])[metrics].mean().unstack("scenario")
        inputs = ok.groupby("point")[[f.name for f in experiment.factors]].first()
        out = cls(experiment, ok)
        for alt in names[1:]:
            rows = []
            for m in metrics:
                d = (wide[(m, alt)] - wide[(m, names[0])]).to_numpy()
                fin = np.isfinite(d)
                share, lo, hi = wilson(int((d[fin] > 0).sum()), int(fin.sum()))
                driver = standing_out(inputs[fin], d[fin])
                rows.append(dict(metric=m, p5=np.percentile(d[fin], 5), p95=np.percentile(d[fin], 95),
                                 share_higher=share, lo=lo, hi=hi, driver=driver, worlds=int(fin.sum())))
            frame = pd.DataFrame(rows).set_index("metric")
            out.alternatives[alt] = _Alternative(alt, names[0], frame, tuple(metrics))
        out.wide = wide
        return out

    @property
    def metrics(self):
        return tuple(self.experiment.metrics)

    def for_alternative(self, alt: str) -> _Alternative:
        return self.alternatives[alt]

    @property
    def table(self) -> pd.DataFrame:
        frames = []
        for alt, a in self.alternatives.items():
            f = a.rows[["p5", "p95", "share_higher"]].rename(columns=lambda c: f"world_{c}").reset_index()
            f.insert(0, "alternative_name", alt)
            frames.append(f)
        return pd.concat(frames, ignore_index=True)

    @property
    def bands(self) -> dict:
        """(scenario, metric) -> 5th/95th percentile of its level over the worlds."""
        out = {}
        wide = self.wide
        assert wide is not None, "bands of an empty uncertainty"
        for (m, sc) in wide.columns:
            v = wide[(m, sc)].to_numpy()
            v = v[np.isfinite(v)]
            if v.size and m in METRICS:
                out[(sc, m)] = (float(np.percentile(v, 5)), float(np.percentile(v, 95)))
        return out

    def text(self, alt: str, lang: str = "en") -> str:
        """The line ``compare`` prints for service quality over worlds."""
        from sim.i18n import translator
        from sim.report.numbers import decimals, difference
        _ = translator(lang)
        a = self.alternatives[alt]
        r = a.rows.loc["service_quality"]
        places = decimals(r.p5, r.p95)
        return _("over {n} plausible worlds: service quality {alt} - {base} from {p5} to {p95} (5th-95th "
                 "percentile); {alt} higher in {share}% of worlds [{lo}, {hi}]{driver}").format(
            n=int(r.worlds), alt=alt, base=a.baseline, p5=difference(r.p5, places, lang),
            p95=difference(r.p95, places, lang), share=f"{100 * r.share_higher:.0f}",
            lo=f"{100 * r.lo:.0f}", hi=f"{100 * r.hi:.0f}", driver=_turns_on(r.driver, _))

    def to_dict(self) -> dict:
        return {alt: a.rows.reset_index().to_dict(orient="records") for alt, a in self.alternatives.items()}
