"""What the page's charts and big numbers show: one spec per chart, drawn by charts.js.

Every chart has a fixed axis range per measure, chosen to hold what every built-in
preset, example and lesson reaches over seeds 1-3, so a line stays inside it in ordinary use and
a small effect stays small on screen: the range is not scaled to the data. A value
outside it (a teacher's own experiment with levers pushed to their ends: trust with full
discretion and support and no monitoring, audits, indicators or documentation takes felt
trust to about 0.9) widens the axis to the measure's whole range (``full``) rather than
cut the line off. A test checks every preset and example (seed 1, three years) and every
lesson (seeds 1-3) against the ranges. The lessons' claims are measured in pixels at the fixed range
(sim.viz.lessons).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.i18n import N_
from sim.model.metrics import METRICS


@dataclass(frozen=True)
class Line:
    key: str                   # a series of sim.viz.readings.SERIES, drawn for both sides
    dash: bool = False
    label: str = ""            # the legend's word for it, in a chart of two measures


@dataclass(frozen=True)
class Chart:
    key: str
    title: str                 # what it plots (a message)
    unit: str                  # the y axis's unit (a message)
    low: float                 # the fixed axis range
    high: float
    lines: tuple[Line, ...]
    full: tuple[float, float] = (0.0, 1.0)
    percent: bool = False
    help: tuple[str, ...] = field(default=())   # messages: one sentence per line


#: What the staff actually achieve on what the indicators measure is derived on the page
#: (readings.DERIVED). It is not the service's quality ("True service quality"): the work
#: no indicator counts is left out of it.
ACHIEVED_HELP = N_("what the staff actually achieve on the tasks the indicators measure: the reported score "
                   "less the gaming gap. The work no indicator counts is not in it (see true service quality)")

CHARTS: tuple[Chart, ...] = (
    Chart("quality", N_("True service quality"), N_("score 0–1"), 0.7, 0.95, (Line("service_quality"),)),
    Chart("indicator_results", N_("Indicator results"), N_("score 0–1"), 0.5, 1.0,
          (Line("true_outcomes", False, N_("actually achieved")), Line("reported_outcomes", True, N_("reported"))),
          help=(ACHIEVED_HELP,)),
    # 0-0.2: the point-chasing lesson reaches 0.155 (seed 1, model 5e7061f5abfb); England's
    # official A&E figures stood 0.19 above patients' reports (Bevan & Hood 2006)
    Chart("gaming", N_("Reported − achieved on the indicators"), N_("score points"), 0.0, 0.2,
          (Line("gaming_gap"),), full=(-0.2, 0.5)),
    Chart("time", N_("Staff time"), N_("% of working hours"), 0.0, 0.75,
          (Line("direct_time_share", False, N_("with clients")), Line("admin_share", True, N_("administration"))),
          percent=True),
    Chart("leaving", N_("Staff leaving"), N_("% per year"), 0.0, 0.35, (Line("turnover"),),
          percent=True),
    Chart("staff_trust", N_("Staff trust and motivation"), N_("score 0–1"), 0.0, 0.8,
          (Line("felt_trust", False, N_("felt trust")), Line("staff_motivation", True, N_("motivation")))),
    Chart("control", N_("Control added after incidents"), N_("score 0–1"), 0.0, 0.4,
          (Line("control_drift"),)),
    Chart("rules", N_("Rules in force"), N_("number"), 0.0, 300.0, (Line("rules"),), full=(0.0, 3000.0)),
    Chart("indicators", N_("Indicators in force"), N_("number"), 0.0, 80.0, (Line("indicators"),),
          full=(0.0, 200.0)),
    Chart("unequal", N_("Unequal treatment"), N_("SD of quality"), 0.0, 0.15,
          (Line("unequal_treatment"),), full=(0.0, 0.5)),
    # 0.7-1.1: every preset and example reaches 0.78-1.06 over seeds 1-3 in three years
    # (rural_county_choice lowest, choice_ffs highest; model fingerprint of this commit)
    Chart("visits", N_("Visits per need"), N_("visits per case needed"), 0.7, 1.1,
          (Line("visits_per_simple_need", False, N_("simple needs")),
           Line("visits_per_complex_need", True, N_("complex needs"))), full=(0.0, 2.5)),
    # a share's whole range: how many of the places private providers run
    Chart("providers", N_("Private providers"), N_("% of provider places"), 0.0, 1.0,
          (Line("private_share_urban", False, N_("towns")), Line("private_share_rural", True, N_("rural part"))),
          percent=True),
)
BY_KEY = {c.key: c for c in CHARTS}
#: The charts a comparison shows at first, in one row, so that the levers below stay on a
#: 1280x720 screen ("All charts" shows the rest; a lesson shows its own).
FIRST = ("quality", "indicator_results", "gaming", "time", "staff_trust")
#: The big numbers above the charts: (series, label, shown as a percentage).
NUMBERS = (("service_quality", N_("quality"), False), ("direct_time_share", N_("with clients"), True),
           ("citizen_trust", N_("citizens' trust"), True), ("turnover", N_("leaving/year"), True))


def help_texts(chart: Chart) -> list[str]:
    """One sentence per line of ``chart``: the metric's own description (what ``steersim
    list`` prints), or the page's for a derived series."""
    own = iter(chart.help)
    return [METRICS[line.key].doc if line.key in METRICS else next(own) for line in chart.lines]


def metric_help(key: str) -> str:
    return METRICS[key].doc


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first, a full stop last."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def translated(_) -> tuple[list[dict], list[dict]]:
    """The chart specs and the big numbers for the browser, in the language of ``_``."""
    charts = []
    for c in CHARTS:
        lines = [{"key": line.key, "dash": line.dash, "label": _(line.label) if line.label else ""}
                 for line in c.lines]
        docs = [_(text) for text in help_texts(c)]
        helps = [f"{lines[i]['label']}: {doc}" if lines[i]["label"] else doc for i, doc in enumerate(docs)]
        charts.append({"key": c.key, "title": _(c.title), "unit": _(c.unit), "lo": c.low, "hi": c.high,
                       "full": list(c.full), "percent": c.percent, "lines": lines,
                       "help": " ".join(sentence(h) for h in helps)})
    numbers = [{"metric": m, "label": _(label), "percent": pct, "help": sentence(_(metric_help(m)))}
               for m, label, pct in NUMBERS]
    return charts, numbers
