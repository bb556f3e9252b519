"""The outcome measures, in one place: name, unit, meaning, and how each is computed.

Every metric is recorded every week. Shares and scores are in [0, 1]; counts and
costs say their unit. ``METRICS`` is what ``steersim list``, the tables, figures and
docs/ODD.md read.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    doc: str
    bounded: bool = True  # a share or score in [0, 1]


_M = Metric
METRICS: dict[str, Metric] = {m.name: m for m in (
    _M("service_quality", "score 0-1",
       "true quality of an average case as the citizen gets it (complex ones included)"),
    _M("complex_need_quality", "score 0-1", "true quality of cases whose needs span units"),
    _M("simple_need_quality", "score 0-1", "true quality of cases that one unit can handle"),
    _M("unmeasured_quality", "score 0-1",
       "quality on the parts of the work no indicator captures (before adaptation)"),
    _M("reported_performance", "score 0-1",
       "what the indicators show: reported outcomes and tick-box items, half each"),
    _M("reported_outcomes", "score 0-1", "reported score on the outcome indicators (with gaming)"),
    _M("tickbox_compliance", "share", "documentation completeness (tick-box items)"),
    _M("gaming_gap", "score 0-1", "reported outcome score minus what honest reporting would show"),
    _M("admin_share", "share of frontline hours", "documentation, reporting, compliance, audits"),
    _M("direct_time_share", "share of frontline hours",
       "direct client work: measured tasks and unmeasured quality work"),
    _M("collaboration_share", "share of frontline hours", "collaboration with other staff"),
    _M("learning_share", "share of frontline hours", "protected learning"),
    _M("manager_admin_share", "share of manager hours", "reporting upward and monitoring"),
    _M("overhead_share", "share of all staff", "central staff functions among all employees"),
    _M("citizen_satisfaction", "score 0-1", "mean satisfaction of citizens"),
    _M("citizen_trust", "share", "mean trust of citizens in the service"),
    _M("take_up", "share", "share of needs this week for which citizens applied"),
    _M("staff_motivation", "score 0-1", "mean intrinsic motivation of frontline staff"),
    _M("felt_trust", "score 0-1", "mean trust frontline staff feel from their managers"),
    _M("strain", "score 0-1", "mean frontline work strain"),
    _M("turnover", "share per year", "share of frontline staff who left over the last 52 weeks"),
    _M("skill", "score 0-1", "mean frontline skill"),
    _M("manager_trust", "score 0-1", "mean trust of managers in their staff"),
    _M("politician_trust", "score 0-1", "mean trust of politicians in the administration"),
    _M("control_drift", "0-1", "extra control the board has added after incidents"),
    _M("indicator_validity", "correlation -1..1",
       "correlation across workers of reported outcome score and true quality", bounded=False),
    _M("bunching", "share", "share of workers reporting within 0.05 just above the target"),
    _M("below_target", "share", "share of workers reporting within 0.05 just below the target"),
    _M("cost_per_quality", "staff-weeks per quality-adjusted case",
       "all salaried weeks (frontline, managers, central staff) per case, divided by quality",
       bounded=False),
    _M("incidents", "count per week", "visible incidents this week", bounded=False),
    _M("indicators", "count", "indicators in force (lever plus those added after incidents)",
       bounded=False),
    _M("rules", "count", "rules in force, active and obsolete", bounded=False),
)}
INDEX = {name: i for i, name in enumerate(METRICS)}
BOUNDED = tuple(m.name for m in METRICS.values() if m.bounded)
#: The outcomes shown first in tables and figures.
KEY_METRICS = ("service_quality", "complex_need_quality", "reported_performance", "gaming_gap",
               "admin_share", "citizen_trust", "staff_motivation", "strain")


#: Outcomes also recorded per unit every week (for pilot evaluations).
UNIT_METRICS = ("service_quality", "admin_share", "felt_trust", "strain", "staff_motivation")


def measure_units(model) -> np.ndarray:
    """Each unit's mean over its staff of the ``UNIT_METRICS`` (rows) this week."""
    s, n_units = model.staff, model.p.units
    per_unit = model.p.staff_per_unit
    unit = s["unit"]
    # quality as the unit's citizens get it: case-weighted, complex cases included
    delivered = (s["true_quality"] * (s["caseload"] - s["complex_cases"])
                 + s["complex_quality"] * s["complex_cases"])
    cases = np.bincount(unit, weights=s["caseload"], minlength=n_units)
    quality = np.bincount(unit, weights=delivered, minlength=n_units) / np.maximum(cases, 1e-9)
    rows = [np.where(cases > 0, quality, np.bincount(unit, weights=s["true_quality"],
                                                       minlength=n_units) / per_unit)]
    rows += [np.bincount(unit, weights=s[c], minlength=n_units) / per_unit
             for c in ("admin_share", "felt_trust", "strain", "motivation")]
    return np.stack(rows)


def _corr(a, b) -> float:
    da, db = a - a.sum() / a.size, b - b.sum() / b.size
    saa, sbb = float(da @ da), float(db @ db)
    if saa < 1e-18 or sbb < 1e-18:
        return 0.0
    return float(da @ db) / (saa * sbb) ** 0.5


def _mean(values) -> float:
    # sum/size: np.mean's Python-level overhead is most of its cost at these sizes
    return float(values.sum()) / values.size


def measure(model) -> np.ndarray:
    """Every metric for the model's current week, in ``METRICS`` order."""
    s, c, m, org = model.staff, model.citizens, model.managers, model.org
    n_staff = s["unit"].size
    if model.steps == 0:  # before the first week: state only, no flows yet
        flows = dict(service_quality=np.nan, complex_need_quality=np.nan,
                     simple_need_quality=np.nan, unmeasured_quality=np.nan, below_target=np.nan,
                     reported_performance=np.nan, reported_outcomes=np.nan,
                     tickbox_compliance=np.nan, gaming_gap=np.nan, admin_share=np.nan,
                     direct_time_share=np.nan, collaboration_share=np.nan, learning_share=np.nan,
                     manager_admin_share=np.nan, take_up=np.nan, indicator_validity=np.nan,
                     bunching=np.nan, cost_per_quality=np.nan)
    else:
        caseload = s["caseload"]
        weight = caseload.sum()
        complex_w = s["complex_cases"]
        # as citizens get it: complex cases at the quality the collaboration allows
        delivered = s["true_quality"] * (caseload - complex_w) + s["complex_quality"] * complex_w
        # a week with no cases (tiny organisations) reports what a case would have got
        quality = float(delivered.sum() / weight) if weight else _mean(s["true_quality"])
        reported = _mean(s["reported"])
        tickbox = _mean(s["tickbox"])
        thr = model.threshold
        staff_cost = n_staff + 1.3 * model.p.units + org["overhead"]
        flows = dict(
            service_quality=quality,
            complex_need_quality=float((s["complex_quality"] * complex_w).sum() / complex_w.sum())
            if complex_w.sum() else _mean(s["complex_quality"]),
            simple_need_quality=float((s["true_quality"] * (caseload - complex_w)).sum()
                                      / (weight - complex_w.sum()))
            if weight > complex_w.sum() else _mean(s["true_quality"]),
            unmeasured_quality=_mean(s["unmeasured_quality"]),
            reported_performance=0.5 * reported + 0.5 * tickbox,
            reported_outcomes=reported,
            tickbox_compliance=tickbox,
            gaming_gap=float((s["reported"] - s["measured_score"]).mean()),
            admin_share=_mean(s["admin_share"]),
            direct_time_share=_mean(s["core_share"]),
            collaboration_share=_mean(s["collaboration_share"]),
            learning_share=_mean(s["learning_share"]),
            manager_admin_share=float((m["reporting_time"] + m["monitoring_time"]).mean()),
            take_up=model.cases_applied / model.cases_needed if model.cases_needed else 1.0,
            indicator_validity=_corr(s["reported"], s["true_quality"]),
            bunching=float(((s["reported"] >= thr) & (s["reported"] < thr + 0.05)).mean()),
            below_target=float(((s["reported"] < thr) & (s["reported"] >= thr - 0.05)).mean()),
            cost_per_quality=staff_cost / (max(weight, 1.0) * max(quality, 1e-3)),
        )
    values = dict(
        flows,
        overhead_share=org["overhead"] / (org["overhead"] + n_staff + model.p.units),
        citizen_satisfaction=_mean(c["satisfaction"]),
        citizen_trust=_mean(c["trust"]),
        staff_motivation=_mean(s["motivation"]),
        felt_trust=_mean(s["felt_trust"]),
        strain=_mean(s["strain"]),
        turnover=min(1.0, float(org["quits_last_year"].sum()) / n_staff),
        skill=_mean(s["skill"]),
        manager_trust=_mean(m["trust_in_staff"]),
        politician_trust=_mean(model.board["trust_in_administration"]),
        control_drift=getattr(model, "drift", 0.0),
        incidents=org["incidents"],
        indicators=_mean(model.indicators_now) if model.steps else _mean(
            model.levers["indicators"]),
        rules=model.rules_in_force,
    )
    return np.array([values[name] for name in METRICS], dtype=float)
