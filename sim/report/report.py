"""Figures and tables for a comparison of scenarios.

Every figure has a title, axis labels with units, a legend and a caption naming the
scenarios, the seeds and the versions, so a figure that travels alone still says
where it came from.
"""

from __future__ import annotations

import base64
import html
import importlib.metadata as md
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from sim.science.stats import weekly_bands  # noqa: E402
from sim.model.metrics import KEY_METRICS, METRICS  # noqa: E402

COLOURS = ("#1f5fa8", "#d1603d", "#3a9a5b", "#8e5ea2", "#b8860b", "#555555")


def versions() -> str:
    from sim import __version__
    try:
        mesa = md.version("mesa")
    except md.PackageNotFoundError:
        mesa = "?"
    return f"steersim {__version__}, mesa {mesa}"


def caption(scenarios: Sequence[str], seeds: Sequence[int], steps: int) -> str:
    seed_text = (f"seeds {seeds[0]}-{seeds[-1]}" if len(seeds) > 1 else f"seed {seeds[0]}")
    return (f"Scenarios: {', '.join(scenarios)}. {len(seeds)} runs each ({seed_text}, common "
            f"random numbers), {steps} weeks. Lines: mean over seeds; bands: 95% CI of the "
            f"mean. {versions()}.")


def plot_comparison(series: pd.DataFrame, path: Path, metrics: Sequence[str] = KEY_METRICS,
                    title: str | None = None) -> Path:
    """Key metrics over time, one colour per scenario, mean and 95% band; saved as PNG."""
    scenarios = list(dict.fromkeys(series["scenario"]))
    seeds = sorted(series["seed"].unique().tolist())
    steps = int(series["week"].max())
    cols = 4
    rows = -(-len(metrics) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.3 * rows + 1.2), squeeze=False)
    for ax, metric in zip(axes.flat, metrics):
        bands = weekly_bands(series, metric)
        for colour, scenario in zip(COLOURS * 3, scenarios):
            b = bands[bands["scenario"] == scenario]
            ax.plot(b["week"], b["mean"], color=colour, lw=1.8, label=scenario)
            ax.fill_between(b["week"], b["low"], b["high"], color=colour, alpha=0.2, lw=0)
        spec = METRICS[metric]
        ax.set_title(metric.replace("_", " "), fontsize=11)
        ax.set_xlabel("week")
        ax.set_ylabel(spec.unit)
        if spec.bounded:
            lo, hi = ax.get_ylim()
            ax.set_ylim(max(0.0, lo), min(1.0, hi))
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(metrics):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", ncol=len(scenarios), frameon=False,
               fontsize=11)
    fig.suptitle(title or " vs ".join(scenarios), fontsize=14, x=0.01, ha="left")
    fig.text(0.01, 0.01, caption(scenarios, seeds, steps), fontsize=8.5, wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, format="png")
    plt.close(fig)
    return path


def fmt(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.0f}"


def differences_table(diff: pd.DataFrame, baseline: str, alternative: str,
                      metrics: Sequence[str] | None = None) -> str:
    """A plain-text table: metric, unit, baseline, alternative, difference [95% CI]."""
    rows = diff if metrics is None else diff[diff["metric"].isin(metrics)]
    header = (f"{'metric':<22} {'unit':<30} {baseline:>12} {alternative:>12}  "
              f"{'difference [95% CI]':<28} ")
    lines = [header, "-" * len(header)]
    for metric, base, alt, d, lo, hi in rows.itertuples(index=False, name=None):
        sure = "*" if (lo > 0 or hi < 0) else " "
        lines.append(f"{metric:<22} {METRICS[metric].unit[:30]:<30} {fmt(base):>12} "
                     f"{fmt(alt):>12}  {fmt(d):>8} [{fmt(lo)}, {fmt(hi)}]{sure}")
    lines.append("* the 95% CI of the paired difference excludes zero")
    return "\n".join(lines)


# ------------------------------------------------------------------ the comparison report
#: What the plain-language summary talks about, in this order.
SUMMARY_METRICS = ("service_quality", "complex_need_quality", "reported_performance",
                   "gaming_gap", "admin_share", "citizen_trust", "take_up", "staff_motivation",
                   "felt_trust", "strain", "turnover", "cost_per_quality")
LABELS = {"service_quality": "service quality", "complex_need_quality": "quality for complex needs",
          "reported_performance": "reported performance", "gaming_gap": "the gaming gap",
          "admin_share": "the frontline's admin share", "citizen_trust": "citizens' trust",
          "take_up": "take-up", "staff_motivation": "staff motivation",
          "felt_trust": "staff's felt trust", "strain": "staff strain", "turnover": "staff turnover",
          "cost_per_quality": "cost per quality-adjusted case"}


def _value(x: float, metric: str) -> str:
    unit = METRICS[metric].unit
    if unit.startswith("share"):
        return f"{100 * x:.1f}%"
    return f"{x:.3f}"


def _delta(x: float, metric: str) -> str:
    unit = METRICS[metric].unit
    if unit.startswith("share"):
        return f"{100 * x:+.1f} points"
    return f"{x:+.3f}"


def plain_summary(diff: pd.DataFrame, baseline: str, alternative: str) -> list[str]:
    """Sentences generated from the numbers: what changed, by how much, how sure."""
    rows = diff.set_index("metric")
    out = []
    for metric in SUMMARY_METRICS:
        r = rows.loc[metric]
        base, alt = r[baseline], r[alternative]
        d, lo, hi = r["difference"], r["ci_low"], r["ci_high"]
        label = LABELS.get(metric, metric.replace("_", " "))
        ci = f"95% CI {_delta(lo, metric)} to {_delta(hi, metric)}"
        if lo > 0 or hi < 0:
            verb = "rose" if d > 0 else "fell"
            out.append(f"Under {alternative}, {label} {verb} from {_value(base, metric)} to "
                       f"{_value(alt, metric)} ({_delta(d, metric)}; {ci}).")
        else:
            out.append(f"Under {alternative}, {label} shows no clear difference "
                       f"({_value(base, metric)} vs {_value(alt, metric)}; {ci}, which includes zero).")
    return out


def plot_pilot(panel: pd.DataFrame, units, start: int, path: Path, title: str) -> Path:
    """Pilot units vs the other units over time, per unit-level metric."""
    from sim.model.metrics import UNIT_METRICS
    panel = panel.assign(group=np.where(panel["unit"].isin(units), "pilot units", "other units"))
    series = (panel.groupby(["group", "seed", "week"])[list(UNIT_METRICS)].mean().reset_index()
              .rename(columns={"group": "scenario"}))
    plot_comparison(series, path, UNIT_METRICS[:4], title=title)
    return path


def _table_md(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _table_html(header, rows):
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}td,th{border:1px solid #ccc;padding:.3em .6em;
text-align:left}th{background:#f3f3f3}img{max-width:100%;border:1px solid #eee}.note{color:#555;font-size:.9em}"""


def write_report(out: Path, scenarios, series: pd.DataFrame, diffs: dict, seeds, steps: int,
                 pilots: dict | None = None) -> tuple[Path, Path]:
    """report.md and a self-contained report.html (figures embedded) in ``out``.

    ``diffs``: {alternative: paired-differences frame vs the first scenario};
    ``pilots``: {scenario: (table, panel)} from ``sim.pilot.evaluate``."""
    from sim.inputs.schema import SPECS
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    names = [s.name for s in scenarios]
    baseline = scenarios[0]
    blocks: list[tuple[str, object]] = []
    title = f"steersim: {' vs '.join(names)}"
    blocks.append(("h1", title))
    blocks.append(("p", f"{len(seeds)} runs per scenario (seeds {seeds[0]}-{seeds[-1]}), {steps} weeks, "
                        f"the same seeds for every scenario (common random numbers), so differences "
                        f"are the regimes', not chance. Outcomes are means over the last 52 weeks. "
                        f"{versions()}."))
    blocks.append(("h2", "In plain words"))
    for alt, diff in diffs.items():
        blocks.append(("ul", plain_summary(diff, baseline.name, alt)))
    blocks.append(("h2", "What was compared"))
    rows = []
    for sc in scenarios:
        events = "; ".join(_describe_event(e) for e in sc.events) or "none"
        rows.append((sc.name, sc.description or "", sc.source, events))
    blocks.append(("table", (("scenario", "description", "file", "events"), rows)))
    changed = []
    for sc in scenarios[1:]:
        for key, spec in SPECS.items():
            a = baseline.inputs.get(key, spec.default)
            b = sc.inputs.get(key, spec.default)
            if a != b:
                changed.append((sc.name, key, a, b, spec.unit))
    if changed:
        blocks.append(("p", f"Inputs that differ from {baseline.name}:"))
        blocks.append(("table", (("scenario", "input", baseline.name, "this scenario", "unit"), changed)))
    blocks.append(("h2", "Outcomes over time"))
    figure = plot_comparison(series, out / "comparison.png")
    blocks.append(("img", (figure, "Key outcomes over time: mean over seeds and 95% band")))
    for alt, diff in diffs.items():
        blocks.append(("h2", f"Differences: {alt} - {baseline.name}"))
        rows = [(m, METRICS[m].unit, fmt(b), fmt(a), fmt(d), f"[{fmt(lo)}, {fmt(hi)}]",
                 "yes" if (lo > 0 or hi < 0) else "no")
                for m, b, a, d, lo, hi in diff.itertuples(index=False, name=None)]
        blocks.append(("table", (("metric", "unit", baseline.name, alt, "difference", "95% CI",
                                   "CI excludes 0"), rows)))
    for name, (table, panel) in (pilots or {}).items():
        units, start = table.attrs["units"], table.attrs["start"]
        blocks.append(("h2", f"Pilot evaluation: {name}"))
        blocks.append(("p", f"Pilot units {list(units)} from week {start} against the other units, "
                            f"before (up to 52 weeks before the start) and after (the last 52 weeks): "
                            f"a difference-in-differences estimate, as an evaluator would make it. "
                            f"Beside it, the pilot's true effect on its units, which only a model can "
                            f"give: the same world run without the pilot, on the same seeds."))
        rows = [(r.metric, fmt(r.did), f"[{fmt(r.did_low)}, {fmt(r.did_high)}]", fmt(r.true),
                 f"[{fmt(r.true_low)}, {fmt(r.true_high)}]") for r in table.itertuples(index=False)]
        blocks.append(("table", (("unit-level metric", "DiD estimate", "95% CI", "true effect",
                                   "95% CI"), rows)))
        q = table.set_index("metric").loc["service_quality"]
        blocks.append(("p", f"In words: service quality in the pilot units changed by {q.did:+.3f} "
                            f"relative to the other units (95% CI {q.did_low:+.3f} to {q.did_high:+.3f}); "
                            f"the true effect was {q.true:+.3f} ({q.true_low:+.3f} to {q.true_high:+.3f})."))
        pfig = plot_pilot(panel, units, start, out / f"pilot_{_slug(name)}.png",
                          f"Pilot {name}: pilot units vs other units")
        blocks.append(("img", (pfig, "Pilot units and the other units over time")))
    blocks.append(("h2", "How to read this"))
    blocks.append(("p", "The intervals show how much the result varies between runs of the model "
                        "with different random draws; they do not cover uncertainty about the "
                        "model's assumptions. To test those, sweep the behaviour inputs "
                        "(`steersim list`) and see whether the conclusion survives. The model and "
                        "its sources: docs/ODD.md."))
    md = _render_md(blocks, out)
    page = _render_html(blocks, title)
    md_path, html_path = out / "report.md", out / "report.html"
    md_path.write_text(md, encoding="utf-8")
    html_path.write_text(page, encoding="utf-8")
    return md_path, html_path


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text).strip("_")


def _describe_event(event) -> str:
    kind = type(event).__name__
    if kind == "SetLevers":
        where = "all units" if event.units is None else f"units {list(event.units)}"
        how = "co-created" if event.co_created else "imposed"
        return f"week {event.week}: {event.label} in {where} ({how}; {len(event.levers)} levers)"
    if kind == "Incident":
        return f"week {event.week}: {event.label}, severity {event.severity} in unit {event.unit}"
    if kind == "BudgetChange":
        return f"week {event.week}: budget {event.change:+.0%}"
    return f"week {event.week}: {event.label} ({getattr(event, 'share', '')})"


def _render_md(blocks, out: Path) -> str:
    parts = []
    for kind, content in blocks:
        if kind == "h1":
            parts.append(f"# {content}")
        elif kind == "h2":
            parts.append(f"## {content}")
        elif kind == "p":
            parts.append(str(content))
        elif kind == "ul":
            parts.append("\n".join(f"- {item}" for item in content))
        elif kind == "table":
            parts.append(_table_md(*content))
        elif kind == "img":
            path, alt = content
            parts.append(f"![{alt}]({Path(path).relative_to(out)})")
    return "\n\n".join(parts) + "\n"


def _render_html(blocks, title: str) -> str:
    parts = []
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            parts.append(f"<{kind}>{html.escape(str(content))}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(str(content))}</p>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in content) + "</ul>")
        elif kind == "table":
            parts.append(_table_html(*content))
        elif kind == "img":
            path, alt = content
            data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
            parts.append(f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">')
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{html.escape(title)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(parts) + "</body></html>\n")
