"""What ``steersim replicate`` shows: a table of every study's outcomes (published
beside the model, in the study's units) with verdicts, the checks, a forest plot (one
row per outcome, each on its own scale, with the published interval, point or bound and
the model's mean and 95% CI over seeds), and a Markdown and self-contained HTML report.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from sim.execution.files import write_atomic, write_csv
from sim.science.replication import HOLDS, SIGN_ONLY, StudyResult


def published_text(p, shown: bool = False) -> str:
    """What was published, in a few words (``shown``: the model's effect is shown anyway)."""
    if p.kind == "interval":
        return f"{p.estimate:g} [{p.low:g}, {p.high:g}]"
    if p.kind == "point":
        return f"{p.estimate:g} (no interval)"
    if p.kind == "sign":
        return "rose" if p.direction > 0 else "fell"
    if p.kind == "null":
        return "none found" + (f" (bound +/-{p.bound:g})" if p.bound is not None else " (no bound)")
    return "nothing to test" if shown else "not represented"


def model_text(o) -> str:
    if not o.values.size:
        return "-"
    mean, lo, hi = o.ci
    return f"{mean:+.3g} [{lo:+.3g}, {hi:+.3g}]"


def frame(results: Sequence[StudyResult]) -> pd.DataFrame:
    """One row per outcome: study, role, outcome, units, published, model and verdict."""
    rows = []
    for r in results:
        for o in r.outcomes:
            mean, lo, hi = o.ci
            p = o.outcome.published
            rows.append(dict(study=r.study.id, role=r.study.role, outcome=o.outcome.id, what=o.outcome.what,
                             observable=o.outcome.observable or "", measure=o.outcome.measure, units=p.units,
                             published_kind=p.kind, published=published_text(p, o.values.size > 0), estimate=p.estimate,
                             low=p.low, high=p.high, bound=p.bound, model_mean=mean, model_low=lo, model_high=hi,
                             seeds=len(r.seeds), verdict=o.verdict, detail=o.detail,
                             study_verdict=r.verdict))
    return pd.DataFrame(rows)


def checks_frame(results: Sequence[StudyResult]) -> pd.DataFrame:
    rows = [dict(study=r.study.id, check=c.check.id, what=c.check.what, kind=c.check.kind,
                 holds=c.holds, detail=c.detail) for r in results for c in r.checks]
    return pd.DataFrame(rows, columns=["study", "check", "what", "kind", "holds", "detail"])


def table(results: Sequence[StudyResult]) -> str:
    """The terminal's table: each study's outcomes, then its checks, then a count."""
    lines = [f"{'study / outcome':<34} {'published (study units)':<30} {'model [95% CI over seeds]':<30} verdict",
             "-" * 120]
    for r in results:
        lines.append(f"{r.study.id} ({r.study.role}): {r.verdict}")
        for o in r.outcomes:
            lines.append(f"  {o.outcome.id:<32} {published_text(o.outcome.published, o.values.size > 0):<30} {model_text(o):<30} "
                         f"{o.verdict}")
        for c in r.checks:
            lines.append(f"  check {c.check.id}: {'holds' if c.holds else 'does not hold'} ({c.detail})")
    lines.append("")
    lines.append(summary(results))
    return "\n".join(lines)


def summary(results: Sequence[StudyResult]) -> str:
    testing = [r for r in results if r.study.role == "testing"]
    holds = [r for r in testing if r.verdict == "holds"]
    sign = [r for r in testing if r.verdict == "sign only"]
    fail = [r for r in testing if r.verdict == "does not hold"]
    signs = sum(r.signs_hold for r in results)
    text = (f"{len(results)} studies ({len(testing)} testing): of the testing studies {len(holds)} hold, "
            f"{len(sign)} hold on the sign alone (no interval to test the size against), "
            f"{len(fail)} do not hold")
    if fail:
        text += f" ({', '.join(r.study.id for r in fail)})"
    return text + f"; {signs} of {len(results)} have every published sign."


def plot(results: Sequence[StudyResult], path: Path | None = None):
    """The forest plot: one row per outcome that has a model effect, on its own scale."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sim.report.figures import versions
    rows = [(r, o) for r in results for o in r.outcomes if o.values.size]
    height = 0.62 * len(rows) + 1.6
    fig, axes = plt.subplots(len(rows), 1, figsize=(11, height), squeeze=False)
    for ax, (r, o) in zip(axes[:, 0], rows):
        p: Any = o.outcome.published
        mean, lo, hi = o.ci
        colour = ("#1f5fa8" if o.verdict in HOLDS + SIGN_ONLY else
                  "#888888" if o.verdict in ("not testable", "shown, not tested") else "#d1603d")
        points = [0.0, mean, lo, hi]
        ax.axvline(0, color="#999999", lw=0.8)
        if p.kind == "interval":
            ax.plot([p.low, p.high], [1, 1], color="black", lw=3, solid_capstyle="butt")
            ax.plot([p.estimate], [1], "o", color="black", ms=5)
            points += [p.low, p.high]
        elif p.kind == "point":
            ax.plot([p.estimate], [1], "o", color="black", ms=5)
            points.append(p.estimate)
        elif p.kind == "null" and p.bound is not None:
            ax.axvspan(-p.bound, p.bound, color="#dddddd")
            points += [-p.bound, p.bound]
        elif p.kind == "sign":
            reach = 0.6 * max(abs(lo), abs(hi), 1e-12)
            ax.annotate("", xy=(p.direction * reach, 1), xytext=(0, 1),
                        arrowprops=dict(arrowstyle="->", color="black", lw=1.5))
            # above the middle of the arrow, so it stays inside the axes whatever the scale
            ax.text(p.direction * reach / 2, 1.45, "published: " + published_text(p),
                    ha="center", va="center", fontsize=7)
            points.append(p.direction * reach)
        ax.errorbar([mean], [0], xerr=[[mean - lo], [hi - mean]], fmt="s", color=colour, ms=5, capsize=3)
        span = max(points) - min(points) or 1.0
        ax.set_xlim(min(points) - 0.15 * span, max(points) + 0.15 * span)
        ax.set_ylim(-0.8, 1.8)
        ax.set_yticks([])
        ax.tick_params(axis="x", labelsize=7)
        ax.set_ylabel(f"{r.study.id}\n{o.outcome.id}", rotation=0, ha="right", va="center", fontsize=8)
        units = p.units.split(";")[0]
        ax.text(1.01, 0.5, f"{o.verdict}\n{units if len(units) <= 44 else units[:43] + '...'}",
                transform=ax.transAxes, fontsize=7, va="center", color=colour)
    fig.suptitle("The study library: what was published (black: interval, point or direction; grey band: a "
                 "null's bound)\nand the model's effect (square: mean, bar: 95% CI over seeds; blue: holds, "
                 "red: does not, grey: not testable)", fontsize=9)
    seeds = sorted({len(r.seeds) for r in results})
    fig.text(0.01, 0.005, f"Each row on its own scale, in the study's units. Seeds per study: "
             f"{', '.join(map(str, seeds))}. {versions()}.", fontsize=7)
    fig.subplots_adjust(left=0.17, right=0.7, top=1 - 1.0 / height, bottom=0.7 / height, hspace=1.0)
    if path is not None:
        write_atomic(Path(path), lambda tmp: fig.savefig(tmp, dpi=110, format="png"))
        plt.close(fig)
    return fig


def write(out: Path, results: Sequence[StudyResult]) -> list[Path]:
    """table.csv, checks.csv, forest.png, report.md and report.html in ``out``."""
    out = Path(out)
    from sim.model.fingerprint import fingerprint
    outcomes, checks = frame(results).assign(model=fingerprint()), checks_frame(results).assign(model=fingerprint())
    paths = [write_csv(outcomes, out / "table.csv"), write_csv(checks, out / "checks.csv")]
    plot(results, out / "forest.png")
    paths.append(out / "forest.png")
    body = [f"# The study library, replicated\n\nModel {fingerprint()} (`steersim --version`). {summary(results)}\n"]
    for r in results:
        s = r.study
        body.append(f"## {s.title}\n\n{s.citation}\n\n*{s.role}*; {s.design}. Verdict: **{r.verdict}**.\n")
        body.append("| outcome | measured by | published | model [95% CI over seeds] | verdict |\n|---|---|---|---|---|")
        for o in r.outcomes:
            body.append(f"| {o.outcome.what} | `{o.outcome.observable or '-'}` ({o.outcome.measure}) | "
                        f"{published_text(o.outcome.published, o.values.size > 0)} {o.outcome.published.units} | {model_text(o)} | "
                        f"{o.verdict}{': ' + o.detail if o.detail else ''} |")
        for c in r.checks:
            body.append(f"\nCheck *{c.check.what}*: {'holds' if c.holds else 'does not hold'} ({c.detail}).")
        body.append("")
    text = "\n".join(body) + "\n![forest plot](forest.png)\n"
    paths.append(write_atomic(out / "report.md", lambda tmp: Path(tmp).write_text(text, encoding="utf-8")))
    image = base64.b64encode((out / "forest.png").read_bytes()).decode()
    page = ("<!doctype html><meta charset='utf-8'><title>steersim replicate</title><body style='font-family:"
            "sans-serif;max-width:60em'>" + "".join(f"<pre>{html.escape(line)}</pre>" if line.startswith("|")
                                                   else f"<p>{html.escape(line)}</p>" for line in body if line)
            + f"<img src='data:image/png;base64,{image}' style='max-width:100%'></body>")
    paths.append(write_atomic(out / "report.html", lambda tmp: Path(tmp).write_text(page, encoding="utf-8")))
    return paths


def counts(results: Sequence[StudyResult]) -> dict[str, int]:
    """How many testing studies hold, hold on the sign alone, or do not hold."""
    out = {"holds": 0, "sign only": 0, "does not hold": 0}
    for r in results:
        if r.study.role == "testing":
            out[r.verdict] += 1
    return out

