"""The comparison report: tables and plain words generated from the numbers, as Markdown
and as a self-contained HTML page (figures embedded), in English or Swedish.

Two kinds of uncertainty are kept apart. Over seeds: how much the result varies with
chance in a world whose mechanisms we take as given (always shown). Over worlds: how
much it varies across the plausible values of the uncertain inputs (shown when
``compare`` was asked for it). A sentence never states a result as certain when it was
only checked over seeds.
"""

from __future__ import annotations

import base64
import html
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from sim.execution.files import write_atomic
from sim.i18n import translator
from sim.model.metrics import METRICS
from sim.report.figures import plot_pilot, versions
from sim.science.stats import window_weeks

#: What the plain-language summary talks about, in this order.
SUMMARY_METRICS = ("service_quality", "complex_need_quality", "unequal_treatment", "serious_errors",
                   "gaming_gap", "admin_share", "citizen_trust", "take_up", "staff_motivation",
                   "strain", "turnover", "cost_per_quality")


def fmt(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.0f}"


def _value(x: float, metric: str) -> str:
    return f"{100 * x:.1f}%" if METRICS[metric].unit.startswith("share") else f"{x:.3f}"


def _delta(x: float, metric: str, _) -> str:
    if METRICS[metric].unit.startswith("share"):
        return _("{x:+.1f} points").format(x=100 * x)
    return f"{x:+.3f}"


def differences_table(diff: pd.DataFrame, baseline: str, alternative: str, metrics=None) -> str:
    """A plain-text table: metric, unit, baseline, alternative, difference [95% CI]."""
    rows = diff if metrics is None else diff[diff["metric"].isin(metrics)]
    wb, wa = max(12, len(baseline)), max(12, len(alternative))  # a long name widens its column
    header = (f"{'metric':<22} {'unit':<30} {baseline:>{wb}} {alternative:>{wa}}  "
              f"{'difference [95% CI over seeds]':<32}")
    lines = [header, "-" * len(header)]
    for metric, base, alt, d, lo, hi in rows[["metric", baseline, alternative, "difference",
                                              "ci_low", "ci_high"]].itertuples(index=False, name=None):
        sure = "*" if (lo > 0 or hi < 0) else " "
        lines.append(f"{metric:<22} {METRICS[metric].unit[:30]:<30} {fmt(base):>{wb}} "
                     f"{fmt(alt):>{wa}}  {fmt(d):>8} [{fmt(lo)}, {fmt(hi)}]{sure}")
    lines.append("* the 95% CI over seeds excludes zero (chance alone; it says nothing about "
                 "whether the model's assumptions hold: see `steersim robustness`)")
    return "\n".join(lines)


def plain_summary(diff: pd.DataFrame, baseline: str, alternative: str, world=None,
                  lang: str = "en") -> list[str]:
    """Sentences from the numbers: what changed, by how much, how sure, and over what."""
    _ = translator(lang)
    rows = diff.set_index("metric")
    out = []
    for metric in SUMMARY_METRICS:
        if metric not in rows.index:
            continue
        r = rows.loc[metric]
        base, alt, d, lo, hi = r[baseline], r[alternative], r["difference"], r["ci_low"], r["ci_high"]
        label = _(metric.replace("_", " "))
        if lo > 0 or hi < 0:
            text = _("Under {alt}, {label} {verb} from {base} to {new} ({d}; 95% CI over seeds "
                     "{lo} to {hi}).").format(
                alt=alternative, label=label, verb=_("rose") if d > 0 else _("fell"),
                base=_value(base, metric), new=_value(alt, metric), d=_delta(d, metric, _),
                lo=_delta(lo, metric, _), hi=_delta(hi, metric, _))
        else:
            text = _("Under {alt}, {label} shows no clear difference ({base} vs {new}; the 95% CI "
                     "over seeds includes zero).").format(
                alt=alternative, label=label, base=_value(base, metric), new=_value(alt, metric))
        if world is not None and metric in world.metrics:
            text += " " + world.sentence(metric, _, lambda v, m=metric: _delta(v, m, _))
        out.append(text)
    if world is None:
        out.append(_("These intervals cover chance only (different random draws in one world). "
                     "Whether the result survives other plausible assumptions about people and "
                     "mechanisms is not shown here: run `steersim compare --uncertainty 100` or "
                     "`steersim robustness`."))
    else:
        out.append(world.overall(_))
    return out


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


def write_report(out: Path, result, lang: str = "en") -> tuple[Path, Path]:
    """report.md and a self-contained report.html (figures embedded) in ``out``."""
    from sim.inputs.schema import INPUTS
    _ = translator(lang)
    out = Path(out)
    sc, seeds, steps = result.scenarios, result.seeds, result.steps
    names = [s.name for s in sc]
    blocks: list[tuple[str, Any]] = [("h1", f"steersim: {' vs '.join(names)}")]
    blocks.append(("p", _("{n} runs per scenario (seeds {a}-{b}), {steps} weeks, the same seeds for "
                          "every scenario (common random numbers), so differences are the regimes', "
                          "not chance. Each run starts from the organisation's history (a steady "
                          "state). Outcomes are means over the last {window} weeks.").format(
        n=len(seeds), a=seeds[0], b=seeds[-1], steps=steps, window=window_weeks(steps)) + f" {versions()}."))
    blocks.append(("h2", _("In plain words")))
    blocks.append(("ul", result.summary(lang)))
    blocks.append(("h2", _("What was compared")))
    rows = [(s.name, s.description or "", s.source, "; ".join(_event_text(e) for e in s.events) or "-")
            for s in sc]
    blocks.append(("table", ((_("scenario"), _("description"), _("file"), _("events")), rows)))
    changed = [(s.name, key, sc[0].inputs.get(key, spec.default), s.inputs.get(key, spec.default), spec.unit)
               for s in sc[1:] for key, spec in INPUTS.items()
               if sc[0].inputs.get(key, spec.default) != s.inputs.get(key, spec.default)]
    if changed:
        blocks.append(("p", _("Inputs that differ from {b}:").format(b=names[0])))
        blocks.append(("table", ((_("scenario"), _("input"), names[0], _("this scenario"), _("unit")), changed)))
    blocks.append(("h2", _("Outcomes over time")))
    figure = write_atomic(out / "comparison.png", lambda tmp: result.figure(Path(tmp)) and None)
    blocks.append(("img", (figure, _("Key outcomes over time: mean over seeds and 95% band"))))
    for alt, diff in result.differences.items():
        blocks.append(("h2", _("Differences: {a} - {b}").format(a=alt, b=names[0])))
        world = None if result.world is None else result.world.for_alternative(alt)
        header: tuple[str, ...] = (_("metric"), _("unit"), names[0], alt, _("difference"), _("95% CI over seeds"))
        if world is not None:
            header += (_("5-95% over worlds"), _("worlds where higher"))
        table_rows = []
        for m, b, a, d, lo, hi in diff[["metric", names[0], alt, "difference", "ci_low",
                                        "ci_high"]].itertuples(index=False, name=None):
            row = (m, METRICS[m].unit, fmt(b), fmt(a), fmt(d), f"[{fmt(lo)}, {fmt(hi)}]")
            if world is not None:
                row += world.cells(m)
            table_rows.append(row)
        blocks.append(("table", (header, table_rows)))
    for name, (table, panel) in result.pilots.items():
        units, start = table.attrs["units"], table.attrs["start"]
        blocks.append(("h2", _("Pilot evaluation: {name}").format(name=name)))
        blocks.append(("p", _("Pilot units {units} from week {start} against the other units, before "
                              "and after: a difference-in-differences estimate, as an evaluator "
                              "would make it, beside the pilot's true effect on its units, which "
                              "only a model can give (the same world without the pilot, same "
                              "seeds).").format(units=list(units), start=start)))
        pilot_rows = [(r.metric, fmt(r.did), f"[{fmt(r.did_low)}, {fmt(r.did_high)}]", fmt(r.true),
                 f"[{fmt(r.true_low)}, {fmt(r.true_high)}]") for r in table.itertuples(index=False)]
        blocks.append(("table", ((_("unit-level metric"), _("DiD estimate"), "95% CI",
                                  _("true effect"), "95% CI"), pilot_rows)))
        pfig = write_atomic(out / f"pilot_{_slug(name)}.png",
                            partial(_plot_pilot, panel, units, start, f"Pilot {name}: pilot units vs other units", lang))
        blocks.append(("img", (pfig, _("Pilot units and the other units over time"))))
    blocks.append(("h2", _("How to read this")))
    blocks.append(("p", _("The model and its sources: docs/ODD.md and docs/science.md in steersim.")))
    md = "\n\n".join(_md(kind, content, out) for kind, content in blocks) + "\n"
    page = ("<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>"
            + html.escape(blocks[0][1]) + f"</title><style>{_CSS}</style></head><body>"
            + "\n".join(_html(kind, content) for kind, content in blocks) + "</body></html>\n")
    return (write_atomic(out / "report.md", lambda tmp: Path(tmp).write_text(md, encoding="utf-8")),
            write_atomic(out / "report.html", lambda tmp: Path(tmp).write_text(page, encoding="utf-8")))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text).strip("_")


def _event_text(event) -> str:
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


def _md(kind, content, out: Path) -> str:
    if kind == "h1":
        return f"# {content}"
    if kind == "h2":
        return f"## {content}"
    if kind == "ul":
        return "\n".join(f"- {item}" for item in content)
    if kind == "table":
        return _table_md(*content)
    if kind == "img":
        path, alt = content
        return f"![{alt}]({Path(path).relative_to(out)})"
    return str(content)


def _html(kind, content) -> str:
    if kind in ("h1", "h2"):
        return f"<{kind}>{html.escape(str(content))}</{kind}>"
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in content) + "</ul>"
    if kind == "table":
        return _table_html(*content)
    if kind == "img":
        path, alt = content
        data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
        return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'
    return f"<p>{html.escape(str(content))}</p>"


def _plot_pilot(panel, units, start, title: str, lang: str, tmp) -> None:
    plot_pilot(panel, units, start, Path(tmp), title, lang)
