"""The outcome measures, in one place: name, unit, meaning, and how each is computed.

Every metric is recorded every week. Shares and scores are in [0, 1] (``bounded``);
counts and costs say their unit. ``METRICS`` is what ``steersim list``, the tables,
figures and docs/ODD.md read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.schema import INPUTS
from sim.mechanisms import delivery, staffing
from sim.model.runaxis import average, total
from sim.units import WEEKS_PER_YEAR

if TYPE_CHECKING:
    from sim.model.state import State


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    doc: str
    bounded: bool = True   # a share or score in [0, 1]
    better: int = 1        # +1: higher is better for citizens or staff; -1 lower; 0 neither


#: The resources (0-1) that split citizens into the less and the better resourced for the
#: visits by resources (the middle of their symmetric distribution).
RESOURCE_SPLIT = 0.5

#: Width (score 0-1) of the windows just above and just below the target in which the
#: observer counts reports for ``bunching`` and ``below_target``: a histogram bin, not
#: a behaviour (an assumption of the measurement; it sets how big the bunching looks,
#: not whether reports pile up above the target or below it).
TARGET_WINDOW = 0.05

METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("service_quality", "score 0-1",
       "true quality of an average case as the citizen gets it (complex ones included)"),
    Metric("complex_need_quality", "score 0-1", "true quality of cases whose needs span units"),
    Metric("simple_need_quality", "score 0-1", "true quality of cases one unit can handle"),
    Metric("measured_quality", "score 0-1",
       "quality of the measured part of the work, honestly measured: the goal itself"),
    Metric("unmeasured_quality", "score 0-1",
       "quality of the parts of the work no indicator captures (before fitting to the person)"),
    Metric("reported_performance", "score 0-1",
       "what the indicators show: reported outcomes and tick-box items, half each", better=0),
    Metric("reported_outcomes", "score 0-1", "reported score on the outcome indicators", better=0),
    Metric("tickbox_compliance", "share", "documentation completeness (tick-box items)", better=0),
    Metric("work_quality", "score 0-1",
       "quality of the work itself on the indicators' scale: the part of a case steering can "
       "reach (what a perfect survey of the work would show)"),
    Metric("gaming_gap", "score 0-1",
       "reported outcome score minus the true quality of what it measures (after gaming's harm "
       "to the case): what the official figures show above what citizens get on the same "
       "measure (England's A&E target: 96% within 4 hours officially, 77% in patient surveys)",
       bounded=False, better=-1),
    Metric("manipulation", "score 0-1",
       "what gaming adds to the reports: the report less what honest reporting with the same "
       "measurement noise would have said (what an audit of the records can find)", better=-1),
    Metric("measured_focus", "share of core time", "time on the measured part of the work", better=0),
    Metric("admin_share", "share of frontline hours",
       "documentation, reporting, compliance and audit preparation", better=-1),
    Metric("direct_time_share", "share of frontline hours", "direct client work (core time)"),
    Metric("development_share", "share of frontline hours", "implementing changes, participation",
       better=0),
    Metric("collaboration_share", "share of frontline hours", "collaboration with other staff", better=0),
    Metric("learning_share", "share of frontline hours", "protected learning", better=0),
    Metric("unpaid_overtime", "share of frontline hours",
       "unpaid extra hours motivated staff put into client work to make up for administration "
       "beyond what they tolerate: quality bought with their time, which shows as strain, not "
       "in any cost", better=-1),
    Metric("manager_admin_share", "share of manager hours", "reporting upward and monitoring",
       better=-1),
    Metric("overhead_share", "share of all staff", "central staff among all employees", better=-1),
    Metric("citizen_satisfaction", "score 0-1", "mean satisfaction of citizens"),
    Metric("citizen_trust", "share", "mean trust of citizens in the service"),
    Metric("take_up", "share", "share of this week's needs for which citizens applied"),
    Metric("staff_motivation", "score 0-1", "mean intrinsic motivation of frontline staff"),
    Metric("felt_trust", "score 0-1", "mean trust frontline staff feel from their managers"),
    Metric("strain", "score 0-1", "mean frontline work strain", better=-1),
    Metric("turnover", "share per year", "share of frontline staff who left over the last 52 weeks",
       better=-1),
    Metric("skill", "score 0-1", "mean frontline skill"),
    Metric("low_motivation_staff", "share", "share of staff with low public-service motivation",
       better=-1),
    Metric("manager_trust", "score 0-1", "mean trust of managers in their staff"),
    Metric("politician_trust", "score 0-1", "mean trust of politicians in the administration"),
    Metric("control_drift", "0-1", "extra control the board has added after incidents", better=-1),
    Metric("indicator_validity", "correlation -1..1",
       "correlation across workers of reported outcome score and true quality", bounded=False),
    Metric("bunching", "share",
       f"share of workers reporting within {TARGET_WINDOW} just above the target", better=0),
    Metric("below_target", "share",
       f"share of workers reporting within {TARGET_WINDOW} just below the target", better=0),
    Metric("unequal_treatment", "score SD",
       "spread of quality among citizens with like needs served this week (SD)", better=-1),
    Metric("serious_errors", "per 1,000 cases", "expected serious errors per 1,000 cases",
       bounded=False, better=-1),
    Metric("cost_per_case", "salaries per case",
       "every paid post (frontline, managers, central staff, support, inspectors, reviews, "
       "panels, bonuses) per case handled, in frontline weekly salaries", bounded=False,
       better=-1),
    Metric("cost_per_quality", "salaries per quality-adjusted case",
       "cost per case divided by service quality", bounded=False, better=-1),
    Metric("incidents", "count per week", "visible incidents this week", bounded=False, better=-1),
    Metric("indicators", "count", "indicators in force (lever plus those added after incidents)",
       bounded=False, better=0),
    Metric("rules", "count", "rules in force, useful and dead", bounded=False, better=-1),
    Metric("dead_rule_share", "share", "share of rules in force that serve no current need",
       better=-1),
    Metric("practice_drift", "signed lean", "units' mean lean towards the measured beyond pay and "
       "targets (negative: towards the unmeasured)", bounded=False, better=0),
    Metric("change_load", "load", "mean change load still being absorbed", bounded=False, better=0),
    Metric("visits_per_citizen", "visits/citizen/week",
       "visits per citizen this week: cases handled and the return visits booked on them", bounded=False,
       better=0),
    Metric("visits_low_resources", "visits/citizen/week",
       f"visits per citizen among those with less than {RESOURCE_SPLIT} of the resources to deal "
       "with the service", bounded=False, better=0),
    Metric("visits_high_resources", "visits/citizen/week",
       f"visits per citizen among those with at least {RESOURCE_SPLIT} of the resources", bounded=False,
       better=0),
    Metric("visits_per_simple_need", "visits/case needed",
       "visits per case needed this week whose need one unit can handle", bounded=False, better=0),
    Metric("visits_per_complex_need", "visits/case needed",
       "visits per case needed this week whose needs span units (the greater needs)", bounded=False,
       better=0),
    Metric("take_up_rural", "share", "share of needs in the rural part for which citizens applied"),
    Metric("take_up_urban", "share", "share of needs outside the rural part for which citizens applied"),
    Metric("switching", "share per year",
       "citizens who moved to another provider this week, as a yearly share of all citizens",
       bounded=False, better=0),
    Metric("private_share", "share", "share of the provider places run by private providers", better=0),
    Metric("private_share_rural", "share",
       "share of the rural part's provider places run by private providers", better=0),
    Metric("private_share_urban", "share",
       "share of the provider places outside the rural part run by private providers", better=0),
)}
INDEX = {name: i for i, name in enumerate(METRICS)}
BOUNDED = tuple(m.name for m in METRICS.values() if m.bounded)
#: The outcomes shown first in tables and figures.
KEY_METRICS = ("service_quality", "complex_need_quality", "gaming_gap", "admin_share",
               "citizen_trust", "staff_motivation", "unequal_treatment", "cost_per_quality")
#: Outcomes also recorded per unit every week (for pilot evaluations).
UNIT_METRICS = ("service_quality", "admin_share", "felt_trust", "strain", "staff_motivation",
                "reported_outcomes", "measured_quality")
#: The field each worker holds of a metric that is a mean over staff: what a
#: staff-level effect size is computed on.
STAFF_FIELDS = {"service_quality": "true_quality", "measured_quality": "measured_score",
                "unmeasured_quality": "unmeasured_quality", "work_quality": "work_quality",
                "staff_motivation": "motivation", "felt_trust": "felt_trust", "strain": "strain",
                "skill": "skill", "admin_share": "admin_share"}
#: Flows that do not exist before the first week (recorded as NaN at week 0).
FLOWS = ("service_quality", "complex_need_quality", "simple_need_quality", "measured_quality",
         "work_quality",
         "unmeasured_quality",
         "reported_performance", "reported_outcomes", "tickbox_compliance", "gaming_gap",
         "manipulation", "admin_share", "direct_time_share", "development_share",
         "collaboration_share", "learning_share", "unpaid_overtime", "manager_admin_share",
         "take_up", "indicator_validity", "bunching", "below_target", "unequal_treatment", "serious_errors",
         "cost_per_case", "cost_per_quality", "visits_per_citizen", "visits_low_resources",
         "visits_high_resources", "visits_per_simple_need", "visits_per_complex_need", "take_up_rural",
         "take_up_urban", "switching")


def _corr(a, b) -> np.ndarray:
    """Each run's correlation between ``a`` and ``b`` over its agents (0 where either
    does not vary)."""
    da, db = a - average(a), b - average(b)
    saa, sbb, sab = total(da * da), total(db * db), total(da * db)
    varies = (saa >= VARIANCE_FLOOR) & (sbb >= VARIANCE_FLOOR)
    return np.where(varies, sab / np.sqrt(np.where(varies, saa * sbb, 1)), 0.0)


def _weighted(values, weights, fallback) -> np.ndarray:
    weight = total(weights)
    return np.where(weight != 0, total(values * weights) / np.where(weight != 0, weight, 1), fallback)


def _spread(received, served, complex_) -> np.ndarray:
    """SD of quality received among served citizens with like needs, weighted by class."""
    parts, weights = [], []
    for group in (served & ~complex_, served & complex_):
        n = total(group)
        mean = total(received * group) / np.maximum(n, 1)
        sd = np.sqrt(total(np.square(received - mean) * group) / np.maximum(n, 1))
        parts.append(sd)
        weights.append(np.where(n > 1, n, 0))
    weight = weights[0] + weights[1]
    return np.where(weight > 0, (parts[0] * weights[0] + parts[1] * weights[1])
                    / np.maximum(weight, 1), 0.0)


#: A guard against dividing by zero where a count can be 0 (not a model number).
TINY = 1e-12
#: ``reported_performance`` is the mean of its two parts: outcome reports and tick-box items.
REPORTED_PARTS = 2
#: ``serious_errors`` is per this many cases.
PER_CASES = 1000
#: The least service quality ``cost_per_quality`` divides by (a guard: no run comes near it).
QUALITY_FLOOR = 1e-3
#: The fewest rules ``dead_rule_share`` divides by (a guard against an empty rulebook).
RULES_FLOOR = 1e-9
#: A sum of squares below which a value is taken not to vary (``indicator_validity`` 0).
VARIANCE_FLOOR = 1e-18


def measure(s: State, steps: int) -> np.ndarray:
    """Every metric of every run for the current week, (runs, metric) in ``METRICS``
    order (``steps``: weeks run so far; at 0 the flows of a run with no burn-in do not
    exist yet)."""
    n_staff = s.n_staff
    rules_in_force = s.rules_in_force
    values = dict(
        overhead_share=s.overhead / (s.overhead + n_staff + s.p.units),
        citizen_satisfaction=average(s.satisfaction), citizen_trust=average(s.trust),
        staff_motivation=average(s.motivation), felt_trust=average(s.felt_trust),
        strain=average(s.strain), skill=average(s.skill),
        turnover=np.minimum(1.0, total(s.quits_last_year) / n_staff),
        low_motivation_staff=average(s.public_service_motivation < s.c.motivation_high),
        manager_trust=average(s.trust_in_staff),
        politician_trust=average(s.trust_in_administration),
        control_drift=s.drift, incidents=s.incidents,
        indicators=average(s.lever.indicators if steps == 0 else s.indicators_in_force),
        rules=rules_in_force,
        dead_rule_share=s.dead_rules / np.maximum(rules_in_force, RULES_FLOOR),
        practice_drift=average(s.practice_focus), change_load=average(s.change_load),
        measured_focus=average(s.focus),
        private_share=average(s.private),
        private_share_rural=_rate(s.private & s.rural, s.rural, none=np.nan),
        private_share_urban=_rate(s.private & ~s.rural, ~s.rural, none=np.nan),
    )
    if steps == 0 and s.p.burn_in == 0:  # no week has passed yet
        values.update({name: np.nan for name in FLOWS})
    else:
        values.update(_flows(s))
    out = np.empty((s.runs, len(METRICS)))
    for j, name in enumerate(METRICS):
        out[:, j:j + 1] = values[name]
    return out


def _flows(s: State) -> dict:
    c, lever = s.c, s.org_lever
    caseload, complex_w = s.caseload, s.complex_cases
    simple_w = caseload - complex_w
    delivered = s.true_quality * simple_w + s.complex_quality * complex_w
    quality = _weighted(delivered / np.maximum(caseload, TINY), caseload, average(s.true_quality))
    reported, tickbox = average(s.reported), average(s.completeness)
    thr = s.at_worker(s.target)
    capacity = average(s.capacity) * s.funded
    posts = staffing.paid_posts(frontline=s.n_staff, capacity=capacity, incentive_strength=lever.incentive_strength,
                                others=s.other_posts, c=c)
    # cases handled, not visits (return visits are not needs met); both are sums of whole
    # numbers, so without return visits this is the caseload's total exactly
    cases = np.maximum(total(s.cases), 1.0)
    served = s.cases > 0
    needed = s.cases_needed
    return dict(
        service_quality=quality,
        complex_need_quality=_weighted(s.complex_quality, complex_w, average(s.complex_quality)),
        simple_need_quality=_weighted(s.true_quality, simple_w, average(s.true_quality)),
        measured_quality=average(s.measured_score),
        unmeasured_quality=average(s.unmeasured_quality),
        reported_performance=(reported + tickbox) / REPORTED_PARTS, reported_outcomes=reported,
        tickbox_compliance=tickbox, work_quality=average(s.work_quality),
        gaming_gap=reported - average(s.measured_score * delivery.gamed(gaming=s.gaming, c=c)),
        manipulation=average(np.maximum(s.inflation, 0)),
        admin_share=average(s.admin_share), direct_time_share=average(s.core_share),
        development_share=average(s.development_share),
        collaboration_share=average(s.collaboration_share),
        learning_share=average(s.learning_share), unpaid_overtime=average(s.overtime),
        manager_admin_share=average(s.reporting_time + s.monitoring_time),
        take_up=np.where(needed > 0, s.cases_applied / np.maximum(needed, 1), 1.0),
        indicator_validity=_corr(s.reported, s.true_quality),
        bunching=average((s.reported >= thr) & (s.reported < thr + TARGET_WINDOW)),
        below_target=average((s.reported < thr) & (s.reported >= thr - TARGET_WINDOW)),
        unequal_treatment=_spread(s.received, served, s.complex),
        serious_errors=PER_CASES * _weighted(s.error_risk, caseload, average(s.error_risk)),
        cost_per_case=posts / cases, cost_per_quality=posts / cases / np.maximum(quality, QUALITY_FLOOR),
        switching=WEEKS_PER_YEAR * s.switches / s.p.citizens,
        **_access(s),
    )


def _rate(numerator, denominator, none: float = 0.0) -> np.ndarray:
    """Each run's total of ``numerator`` over its total of ``denominator`` (``none`` where
    the denominator is 0: no visits where nobody is; a take-up that is not defined, NaN,
    where a part of the organisation has no citizens)."""
    below = total(denominator)
    return np.where(below > 0, total(numerator) / np.maximum(below, TINY), none)


def _access(s: State) -> dict:
    """Who gets visits and who applies: by resources, by need and by place."""
    visits, needs, served = s.visits, s.needs, s.cases
    low = s.resources < RESOURCE_SPLIT
    simple = ~s.complex
    return dict(
        visits_per_citizen=average(visits),
        visits_low_resources=_rate(visits * low, low), visits_high_resources=_rate(visits * ~low, ~low),
        visits_per_simple_need=_rate(visits * simple, needs * simple),
        visits_per_complex_need=_rate(visits * s.complex, needs * s.complex),
        take_up_rural=_rate(served * s.lives_rural, needs * s.lives_rural, none=np.nan),
        take_up_urban=_rate(served * ~s.lives_rural, needs * ~s.lives_rural, none=np.nan),
    )


def measure_units(s: State) -> np.ndarray:
    """Each unit's mean over its staff of the ``UNIT_METRICS`` this week, (runs, metric,
    unit)."""
    per_unit = s.p.staff_per_unit
    delivered = s.true_quality * (s.caseload - s.complex_cases) + s.complex_quality * s.complex_cases
    cases = s.per_unit(s.caseload)
    plain = s.per_unit(s.true_quality) / per_unit
    quality = np.where(cases > 0, s.per_unit(delivered) / np.maximum(cases, TINY), plain)
    rows = [quality] + [s.per_unit(getattr(s, f)) / per_unit
                        for f in ("admin_share", "felt_trust", "strain", "motivation", "reported", "measured_score")]
    return np.stack(rows, axis=1)


def reporter_name(name: str) -> str:
    """The DataCollector column of a metric: an outcome named like an input
    ("indicators") is reported as "<name>_in_force", so mesa.batch_run's rows keep the
    input's value beside it."""
    return f"{name}_in_force" if name in INPUTS else name


def reporter(name: str):
    index = INDEX[name]
    return lambda model: model.metric_at(index)


def summarise(history: np.ndarray, window: int, metrics=tuple(METRICS), keep_series: bool = False):
    """({metric: mean over the last ``window`` weeks}, weekly series from week 1 or
    None) of a run's ``history`` (week x metric, from week 0)."""
    tail = history[1:][-window:]  # week 0 is the starting state, not an outcome
    summary = {m: float(np.nanmean(tail[:, INDEX[m]])) for m in metrics}
    series = history_frame(history).iloc[1:][list(metrics)].reset_index() if keep_series else None
    return summary, series


def history_frame(history):
    import pandas as pd
    frame = pd.DataFrame(np.vstack(history), columns=list(METRICS))
    frame.index.name = "week"
    return frame


def unit_frame(unit_history, pilot):
    import pandas as pd
    panel = np.stack(unit_history)  # week x metric x unit
    weeks, _, units = panel.shape
    frame = pd.DataFrame(np.moveaxis(panel, 1, -1).reshape(weeks * units, -1),
                         columns=list(UNIT_METRICS))
    frame.insert(0, "pilot", np.tile(pilot, weeks))
    frame.insert(0, "unit", np.tile(np.arange(units), weeks))
    frame.insert(0, "week", np.repeat(np.arange(1, weeks + 1), units))
    return frame
