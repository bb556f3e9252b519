"""The answer of ``steersim pilot-design`` (``sim.science.pilot_design``): the table, the
recommendation in words, the power heatmap and the files."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.model.metrics import METRICS
from sim.report.display import Shown


@dataclass
class PilotDesignResult(Shown):
    """One row per pilot size and duration: power, false positives, bias, MDE."""

    scenario: str
    design: Any  # sim.science.pilot_design.Design
    seeds: list[int]
    table: pd.DataFrame = field(repr=False)
    tests: pd.DataFrame = field(repr=False)   # every test: design, seed, kind, estimate, p, truth
    detect: float = 0.0
    own_units: int = 0       # the scenario's own pilot: its units, and a year
    own_weeks: int = 52

    def enough(self) -> pd.Series | None:
        """The smallest design whose power against the pilot's own effect in the model
        reaches the power wanted, among those where that effect has the sign it ends
        with (so never a design that only detects the first months' dip), or None."""
        t = self.table
        ends = t.loc[t["weeks"] == self.design.weeks[-1], "true_effect"].mean()
        return _smallest(t[(t["power"] >= self.design.power_wanted) & (np.sign(t["true_effect"]) == np.sign(ends))])

    def recommendation(self) -> str:
        d, t = self.design, self.table
        unit = METRICS[d.metric].unit
        want = f"{100 * d.power_wanted:.0f}% power"
        shortest, longest = t[t["weeks"] == d.weeks[0]], t[t["weeks"] == d.weeks[-1]]
        course = f"{longest['true_effect'].mean():+.3f} after {_duration(d.weeks[-1])}"
        if len(d.weeks) > 1:
            course += f", {shortest['true_effect'].mean():+.3f} after {_duration(d.weeks[0])}"
        best = self.enough()
        lines = [(f"the effect this pilot has in the model ({d.metric}, {unit}: {course}) is detected with "
                  f"{want} by at least {_units(best.units)} for {_duration(best.weeks)}") if best is not None
                 else (f"no design tried detects the effect this pilot has in the model ({d.metric}: {course}) "
                       f"with {want}: more units or a longer pilot")]
        own = t[(t["units"] == self.own_units) & (t["weeks"] == self.own_weeks)]
        if len(own):
            r = own.iloc[0]
            lines.append(f"with {_units(r.units)} for {_duration(r.weeks)} (this scenario's pilot) power is "
                         f"{100 * r.power:.0f}% [{100 * r.power_low:.0f}, {100 * r.power_high:.0f}]")
        m = _smallest(t[t["mde"] <= self.detect])
        if m is not None:
            lines.append(f"to detect a change of {self.detect:.3f} that lasts through the evaluated weeks, "
                         f"{want} needs at least {_units(m.units)} for {_duration(m.weeks)} (minimum "
                         f"detectable effect {m.mde:.3f})")
        else:
            lines.append(f"no design tried detects a change of {self.detect:.3f} with {want}; the smallest "
                         f"detectable change is {t['mde'].min():.3f}")
        fp = t["false_positive"]
        low, high = f"{100 * fp.min():.0f}", f"{100 * fp.max():.0f}"
        lines.append(f"placebo pilots (no change) 'detect' an effect in {low if low == high else low + '-' + high}% "
                     f"of runs at the {100 * d.alpha:.0f}% level")
        if d.choice == "volunteers":
            t = longest
            lines.append("the pilot units are volunteers (the most motivated units), so the estimate is biased "
                         f"against a pilot in units drawn at random: after {_duration(d.weeks[-1])} it says "
                         f"{t['estimate'].mean():+.3f} where units drawn at random gain {t['random_true_effect'].mean():+.3f} "
                         f"(bias {t['bias_vs_random'].mean():+.3f}, from motivated units using the room better and "
                         f"from differing before the start: placebo pilots in the same units 'detect' an effect in "
                         f"up to {100 * fp.max():.0f}% of runs); draw the pilot units by lot to avoid it")
        return "\n".join(lines)

    def text(self) -> str:
        d = self.design
        head = (f"pilot design for '{self.scenario}': {d.metric}, {len(self.seeds)} seeds, units chosen "
                f"{'at random' if d.choice == 'random' else 'as volunteers (most motivated first)'}, "
                f"{d.pre_weeks} weeks before the start against the last {d.post_weeks} of the pilot"
                + (" (all of a shorter one)" if d.post_weeks > d.weeks[0] else "")
                + (f", a survey of {d.survey} per unit and period" if d.survey else "")
                + (f", one more unit every {d.stagger} weeks" if d.stagger else "")
                + "; DiD with a permutation test over units")
        cols = ("units", "weeks", "true_effect", "estimate", "bias", "power", "false_positive", "mde")
        lines = [head, f"{'units':>5} {'weeks':>5} {'true effect':>11} {'estimate':>9} {'bias':>7} "
                       f"{'power':>14} {'false pos.':>10} {'MDE':>7}"]
        for r in self.table[list(cols) + ["power_low", "power_high"]].itertuples(index=False):
            lines.append(f"{r.units:>5} {r.weeks:>5} {r.true_effect:>+11.3f} {r.estimate:>+9.3f} {r.bias:>+7.3f} "
                         f"{100 * r.power:>4.0f}% [{100 * r.power_low:>2.0f},{100 * r.power_high:>3.0f}] "
                         f"{100 * r.false_positive:>9.0f}% {r.mde:>7.3f}")
        return "\n".join(lines) + "\n" + self.recommendation()

    def _shown(self):
        return (f"pilot design for '{self.scenario}': {self.design.metric}, {len(self.seeds)} seeds",
                self.recommendation().splitlines(),
                self.table[["units", "weeks", "true_effect", "estimate", "bias", "power", "false_positive", "mde"]])

    def figure(self, path=None):
        import matplotlib.pyplot as plt
        d = self.design
        grid = self.table.pivot(index="units", columns="weeks", values="power").loc[list(d.units), list(d.weeks)]
        fig, ax = plt.subplots(figsize=(1.6 + 1.3 * len(d.weeks), 1.4 + 0.7 * len(d.units)))
        im = ax.imshow(grid.to_numpy(), cmap="viridis", vmin=0, vmax=1, origin="lower", aspect="auto")
        ax.set_xticks(range(len(d.weeks)), [str(w) for w in d.weeks])
        ax.set_yticks(range(len(d.units)), [str(k) for k in d.units])
        ax.set_xlabel("pilot duration (weeks)")
        ax.set_ylabel("pilot units")
        for i, k in enumerate(d.units):
            for j, w in enumerate(d.weeks):
                v = grid.loc[k, w]
                ax.text(j, i, f"{100 * v:.0f}%", ha="center", va="center", color="white" if v < 0.6 else "black")
        best = self.enough()
        if best is not None:
            i, j = d.units.index(int(best.units)), d.weeks.index(int(best.weeks))
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="red", linewidth=3))
        ax.set_title(f"power to detect the pilot's effect on {d.metric}\n(red: the smallest design with "
                     f"{100 * d.power_wanted:.0f}% power)", fontsize=9)
        fig.colorbar(im, ax=ax, label="power")
        fig.tight_layout()
        if path is not None:
            from sim.report.figures import save
            save(fig, path)
            plt.close(fig)
        return fig

    def report(self, out) -> dict[str, Path]:
        from sim.execution.files import write_atomic, write_csv
        out = Path(out)
        paths = {"table": write_csv(self.table, out / "pilot_design.csv"),
                 "tests": write_csv(self.tests, out / "tests.csv")}
        self.figure(out / "power.png")
        paths["figure"] = out / "power.png"
        text = f"# Pilot design: {self.scenario}\n\n```\n{self.text()}\n```\n\n![power](power.png)\n"
        paths["report"] = write_atomic(out / "report.md", lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
        return paths

    def to_dict(self) -> dict:
        return {"scenario": self.scenario, "design": dataclasses.asdict(self.design), "seeds": self.seeds,
                "detect": self.detect, "recommendation": self.recommendation(),
                "table": self.table.to_dict(orient="records")}


def _smallest(designs: pd.DataFrame) -> pd.Series | None:
    """The design with the fewest unit-weeks (the shorter one on a tie), or None."""
    if not len(designs):
        return None
    return designs.assign(unit_weeks=designs["units"] * designs["weeks"]).sort_values(["unit_weeks", "weeks"]).iloc[0]


def _units(k) -> str:
    return f"{int(k)} unit{'s' if k > 1 else ''}"


def _duration(weeks) -> str:
    weeks = int(weeks)
    return f"{weeks // 52} year{'s' if weeks >= 104 else ''}" if weeks % 52 == 0 else f"{weeks} weeks"
