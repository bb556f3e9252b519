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
from sim.i18n import N_, translator
from sim.model.metrics import METRICS
from sim.report.figures import plot_pilot, versions
from sim.report.numbers import change, decimals, difference, label, level, number
from sim.science.stats import window_weeks

#: What the plain-language summary talks about, in this order.
#: The market's levers in words, beside their names in the table of inputs (in Swedish the
#: words a region's board uses: vårdval, ersättningsmodell, utförare, beställare).
INPUT_WORDS = {"choice": N_("free choice of provider (vårdval)"),
               "payment_per_visit": N_("payment model: per visit"),
               "payment_capitation": N_("payment model: per listed citizen (capitation)"),
               "payment_per_case": N_("payment model: per case, at a fixed price"),
               "risk_adjustment": N_("payment adjusted for needs"),
               "purchaser_provider_split": N_("purchaser-provider split"),
               "coordination_payment": N_("payment for coordination across providers")}
SUMMARY_METRICS = ("service_quality", "complex_need_quality", "unequal_treatment", "serious_errors",
                   "gaming_gap", "admin_share", "citizen_trust", "take_up", "staff_motivation",
                   "strain", "turnover", "cost_per_quality")


def differences_table(diff: pd.DataFrame, baseline: str, alternative: str, metrics=None, lang: str = "en") -> str:
    """A plain-text table: metric, unit, baseline, alternative, difference [95% CI]. In
    English the metrics go by their names in the code (as ``--metrics`` takes them); in
    another language by their names in words."""
    _ = translator(lang)
    rows = diff if metrics is None else diff[diff["metric"].isin(metrics)]
    wb, wa = max(12, len(baseline)), max(12, len(alternative))  # a long name widens its column
    name = (lambda m: m) if lang == "en" else (lambda m: label(m, _))
    wm = max(22, *(len(name(m)) for m in rows["metric"]))
    wu = max(len(_("unit")), *(len(_(METRICS[m].unit)) for m in rows["metric"]))
    header = (f"{_('metric'):<{wm}} {_('unit'):<{wu}} {baseline:>{wb}} {alternative:>{wa}}  "
              f"{_('difference [95% CI over seeds]'):<32}")
    lines = [header, "-" * len(header)]
    for metric, base, alt, d, lo, hi in rows[["metric", baseline, alternative, "difference",
                                              "ci_low", "ci_high"]].itertuples(index=False, name=None):
        places = decimals(base, alt)
        sure = "*" if (lo > 0 or hi < 0) else " "
        ci = (f"[{difference(lo, places, lang)}; {difference(hi, places, lang)}]" if lang == "sv"
              else f"[{difference(lo, places, lang)}, {difference(hi, places, lang)}]") if lo == lo else (
            _("[no CI: one seed]") if d == d else _("[not defined: nothing to count in this run]"))
        lines.append(f"{name(metric):<{wm}} {_(METRICS[metric].unit):<{wu}} {number(base, places, lang):>{wb}} "
                     f"{number(alt, places, lang):>{wa}}  {difference(d, places, lang):>8} {ci}{sure}")
    lines.append(_("* the 95% CI over seeds excludes zero (chance alone; it says nothing about whether the "
                   "model's assumptions hold: see `steersim robustness`)"))
    return "\n".join(lines)


def plain_summary(diff: pd.DataFrame, baseline: str, alternative: str, world=None,
                  lang: str = "en") -> list[str]:
    """Sentences from the numbers: which regime gives the higher value, by how much, how
    sure, and over what."""
    _ = translator(lang)
    rows = diff.set_index("metric")
    out = []
    for metric in SUMMARY_METRICS:
        if metric not in rows.index:
            continue
        r = rows.loc[metric]
        base, alt, d, lo, hi = r[baseline], r[alternative], r["difference"], r["ci_low"], r["ci_high"]
        places = decimals(base, alt)
        name = label(metric, _)
        values = dict(alt=alternative, base=baseline, label=name[:1].upper() + name[1:],
                      new=level(alt, metric, lang, places), old=level(base, metric, lang, places),
                      d=change(d, metric, _, lang, places), lo=change(lo, metric, _, lang, places),
                      hi=change(hi, metric, _, lang, places))
        if lo != lo:  # one seed: no interval
            text = _("{label} is {new} under {alt} and {old} under {base} (difference {d}; one seed, so no "
                     "CI over seeds).").format(**values)
        elif lo > 0:
            text = _("{label} is higher under {alt} than under {base} ({new} against {old}; difference {d}, "
                     "95% CI over seeds {lo} to {hi}).").format(**values)
        elif hi < 0:
            text = _("{label} is lower under {alt} than under {base} ({new} against {old}; difference {d}, "
                     "95% CI over seeds {lo} to {hi}).").format(**values)
        else:
            text = _("{label}: no clear difference between {alt} and {base} ({new} against {old}; the 95% CI "
                     "over seeds, {lo} to {hi}, includes zero).").format(**values)
        if world is not None and metric in world.metrics:
            text += " " + world.sentence(metric, _, lambda v, m=metric, p=places: change(v, m, _, lang, p))
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
    cell = lambda c: f"`{c}`" if isinstance(c, Code) else str(c)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _table_html(header, rows):
    cell = lambda c: f"<code>{html.escape(c)}</code>" if isinstance(c, Code) else html.escape(str(c))
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}td,th{border:1px solid #ccc;padding:.3em .6em;
text-align:left}th{background:#f3f3f3}img{max-width:100%;border:1px solid #eee}.note{color:#555;font-size:.9em}"""


class Code(str):
    """A name from the code (an input, a choice): shown as code, the same in every language."""


def docs_folder() -> Path:
    """Where the user docs (ODD.md, science.md, the guides) are: in the installed package
    (a wheel carries them) or beside it in a checkout."""
    from sim.inputs.data import shipped
    return shipped("docs")


def write_report(out: Path, result, lang: str = "en") -> tuple[Path, Path]:
    """report.md and a self-contained report.html (figures embedded) in ``out``."""
    from sim.inputs.schema import INPUTS
    _ = translator(lang)
    out = Path(out)
    sc, seeds, steps = result.scenarios, result.seeds, result.steps
    names = [s.name for s in sc]
    versus = f" {_('vs')} "
    blocks: list[tuple[str, Any]] = [("h1", f"steersim: {versus.join(names)}")]
    blocks.append(("p", _("{n} runs per scenario (seeds {a}-{b}), {steps} weeks, the same seeds for "
                          "every scenario (common random numbers), so differences are the regimes', "
                          "not chance. Each run starts from the steady state of the organisation's "
                          "past regime (past_regime). Outcomes are means over the last {window} weeks.").format(
        n=len(seeds), a=seeds[0], b=seeds[-1], steps=steps, window=window_weeks(steps)) + f" {versions(_)}."))
    blocks.append(("h2", _("In plain words")))
    blocks.append(("ul", result.summary(lang)))
    blocks.append(("h2", _("What was compared")))
    rows = [(s.name, _(s.description) if s.description else "", s.source,
             "; ".join(_event_text(e, _, lang) for e in s.events) or "-") for s in sc]
    blocks.append(("table", ((_("scenario"), _("description"), _("file"), _("events")), rows)))
    changed = [(s.name, Code(key), _(INPUT_WORDS[key]) if key in INPUT_WORDS else "",
                _shown_value(sc[0].inputs.get(key, spec.default), lang),
                _shown_value(s.inputs.get(key, spec.default), lang), _(spec.unit))
               for s in sc[1:] for key, spec in INPUTS.items()
               if sc[0].inputs.get(key, spec.default) != s.inputs.get(key, spec.default)]
    if changed:
        blocks.append(("p", _("Inputs that differ from {b}:").format(b=names[0])))
        blocks.append(("table", ((_("scenario"), _("input"), _("in words"), names[0], _("this scenario"), _("unit")),
                                 changed)))
    blocks.append(("h2", _("Outcomes over time")))
    figure = write_atomic(out / "comparison.png", lambda tmp: result.figure(Path(tmp), lang=lang) and None)
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
            places = decimals(b, a)
            row: tuple = (label(m, _), _(METRICS[m].unit), number(b, places, lang), number(a, places, lang),
                          difference(d, places, lang), _interval(lo, hi, places, lang))
            if world is not None:
                row += world.cells(m, lambda v, p=places: difference(v, p, lang), lang)
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
        pilot_rows = []
        for r in table.itertuples(index=False):
            places = decimals(r.did, r.true)
            pilot_rows.append((label(r.metric, _), difference(r.did, places, lang),
                               _interval(r.did_low, r.did_high, places, lang), difference(r.true, places, lang),
                               _interval(r.true_low, r.true_high, places, lang)))
        blocks.append(("table", ((_("unit-level metric"), _("DiD estimate"), _("95% CI"),
                                  _("true effect"), _("95% CI")), pilot_rows)))
        title = _("Pilot {name}: pilot units vs other units").format(name=name)
        pfig = write_atomic(out / f"pilot_{_slug(name)}.png", partial(_plot_pilot, panel, units, start, title, lang))
        blocks.append(("img", (pfig, _("Pilot units and the other units over time"))))
    blocks.append(("h2", _("How to read this")))
    blocks.append(("p", _("The model and its sources: ODD.md (the model, described by the ODD protocol) and "
                          "science.md (the evidence), installed with steersim in {folder}.").format(
        folder=docs_folder())))
    md = "\n\n".join(_md(kind, content, out) for kind, content in blocks) + "\n"
    page = ("<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>"
            + html.escape(blocks[0][1]) + f"</title><style>{_CSS}</style></head><body>"
            + "\n".join(_html(kind, content) for kind, content in blocks) + "</body></html>\n")
    return (write_atomic(out / "report.md", lambda tmp: Path(tmp).write_text(md, encoding="utf-8")),
            write_atomic(out / "report.html", lambda tmp: Path(tmp).write_text(page, encoding="utf-8")))


def _interval(lo: float, hi: float, places: int, lang: str) -> str:
    if lo != lo:
        return "–"
    sep = "; " if lang == "sv" else ", "  # a decimal comma would blur a comma between the ends
    return f"[{difference(lo, places, lang)}{sep}{difference(hi, places, lang)}]"


def _shown_value(value, lang: str):
    if isinstance(value, str):
        return Code(value)
    if isinstance(value, bool):
        return Code(str(value).lower())
    return number(value, 0 if float(value).is_integer() else decimals(value), lang)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text).strip("_")


def _event_text(event, _=str, lang: str = "en") -> str:
    kind = type(event).__name__
    if kind == "SetLevers":
        where = _("all units") if event.units is None else _("units {units}").format(units=list(event.units))
        how = _("co-created") if event.co_created else _("imposed")
        return _("week {week}: {label} in {where} ({how}; {n} levers)").format(
            week=event.week, label=event.label, where=where, how=how, n=len(event.levers))
    if kind == "Incident":
        return _("week {week}: {label}, severity {severity} in unit {unit}").format(
            week=event.week, label=event.label, severity=number(event.severity, decimals(event.severity), lang),
            unit=event.unit)
    if kind == "BudgetChange":
        change = number(100 * event.change, 0, lang, sign=True) + ("\u00a0%" if lang == "sv" else "%")
        return _("week {week}: budget {change}").format(week=event.week, change=change)
    share = getattr(event, "share", None)
    return _("week {week}: {label} ({share})").format(
        week=event.week, label=event.label, share=number(share, decimals(share), lang) if share is not None else "")


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
