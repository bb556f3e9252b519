"""M6 and M10 at the top of the chain: politicians react to visible incidents.

A visible incident pushes the board towards control: it adds indicators and rules and
raises target pressure, monitoring and audits for a while (the control spiral: Sitkin
& Roth 1993; Gouldner 1954; Hood 2011). Under the error policy "forgive minor errors,
act on serious ones" (SOU 2018:47; the Hypergene article's list of the
Tillitsdelegationen's advice) incidents below a severity threshold bring nothing new.
Politicians forget slowly; a citizen panel gives them a direct view of the service, so
their extra control fades faster (Region Kalmar's intressebank, the Kalmar article).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.mechanisms.trust import asymmetric_update
from sim.model.fields import Array, Fields, Inputs, Reads, per_politician, per_run, per_unit
from sim.model.runaxis import average

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("serious_severity", 0.5, "severity 0-1", (0.3, 0.7),
                "severity from which 'forgive minor errors' still acts", "SOU 2018:47"),
    coefficient("board_forgetting", 0.004, "1/week", (0.002, 0.01),
                "share of the board's extra control preference that fades per week"),
    coefficient("panel_forgetting", 0.012, "1/week", (0.0, 0.03),
                "extra fading per week with a full citizen panel", "the Kalmar article"),
    coefficient("indicators_per_reaction", 2.0, "indicators", (0.5, 4.0),
                "indicators added per unit of incident severity acted on at full reaction",
                "Hood 2011 (size: assumption)"),
    coefficient("rules_per_reaction", 10.0, "rules", (3.0, 20.0),
                "rules added per unit of incident severity acted on at full reaction",
                "Sitkin & Roth 1993 (size: assumption)"),
)




class Owns(Fields):
    """The board's leanings and what it adds, and the control levers as they are in force."""

    control_preference: Array = per_politician(
        "leaning towards control (1) rather than trust (0), 0-1 (starts at the past regime's level)")
    trust_in_administration: Array = per_politician("trust in the administration, 0-1", start=0.5)
    control_baseline: Array = per_run(
        "the control the regime's levers set: the mean of target pressure, monitoring and audit rate, 0-1")
    drift: Array = per_run("how far the board's control preference exceeds what the levers set, 0-1")
    rules_added: Array = per_run("rules the board adds this week after incidents")
    indicators_added: Array = per_run("indicators the board added after incidents (they fade)")
    indicators_in_force: Array = per_unit("indicators in force: those adopted from the lever plus the "
                                          "board's additions")
    target_pressure_in_force: Array = per_unit("target pressure in force: the lever raised by the drift")
    monitoring_in_force: Array = per_unit("monitoring in force: the lever raised by the drift")
    audit_rate_in_force: Array = per_unit("audit rate in force: the lever raised by the drift")


READS = Reads(fields=("attention", "incident_severity", "incident_news", "incident_news_total",
                      "indicators_adopted", "satisfaction"),
              levers=("error_policy", "citizen_panel", "target_pressure", "monitoring", "audit_rate"),
              inputs=("incident_reaction", "trust_gain", "trust_loss_ratio"))
RESULTS = ("control_drift", "politician_trust", "indicators")
#: The levers whose mean is the regime's level of control (what the board drifts above).
CONTROL_LEVERS = ("target_pressure", "monitoring", "audit_rate")


def fading(*, citizen_panel: Array, c: Inputs) -> Array:
    """Share of the board's extra control (and of the indicators it added) kept from one
    week to the next: it forgets slowly, faster with a citizen panel."""
    return 1 - c.board_forgetting - c.panel_forgetting * citizen_panel


def react(*, control_preference: Array, attention: Array, incident_severity: Array,
          incident_news: Array, forgive_minor: Array, incident_reaction: Array,
          control_baseline: Array, citizen_panel: Array, c: Inputs) -> tuple[Array, Array, Array]:
    """(control preference per politician, indicators added, rules added) this week.
    ``incident_severity``: visible incidents this week (0 where none) per unit,
    ``incident_news`` the same as weighed in the region's news (``incidents.news``);
    ``forgive_minor`` the share of units under the forgiving policy."""
    acted = incident_news * np.where(incident_severity >= c.serious_severity, 1, 1 - forgive_minor)
    push = incident_reaction * acted.sum(axis=-1, keepdims=True)
    preference = control_preference + push * attention * (1 - control_preference)
    preference = control_baseline + (preference - control_baseline) * fading(citizen_panel=citizen_panel, c=c)
    return clip(preference, 0, 1), c.indicators_per_reaction * push, c.rules_per_reaction * push


def drift(*, control_preference: Array, control_baseline: Array) -> Array:
    """How much the board's control preference exceeds what the regime set (0-1)."""
    return np.maximum(control_preference.mean(axis=-1, keepdims=True) - control_baseline, 0)


def with_drift(*, lever: Array, drift: Array) -> Array:
    """A control lever raised by the board's drift towards control, kept in [0, 1]."""
    return lever + drift * (1 - lever)


def control_baseline(*, target_pressure: Array, monitoring: Array, audit_rate: Array) -> Array:
    """The control the regime's levers set (0-1): the mean of the control levers."""
    return (target_pressure + monitoring + audit_rate) / len(CONTROL_LEVERS)


def follow_new_levers(*, control_preference: Array, baseline_before: Array, baseline_after: Array) -> Array:
    """The board chose new levers: its preference moves with the control they set, and
    only the extra control left by incidents (the drift) keeps fading."""
    return np.clip(control_preference + baseline_after - baseline_before, 0, 1)


# ------------------------------------------------------------------ steps of the week
def react_to_incidents(s: State) -> None:
    """The board reacts to last week's visible incidents (the control spiral), and what
    it added before fades."""
    c = s.c
    preference, added_indicators, s.rules_added = react(
        control_preference=s.control_preference, attention=s.attention,
        incident_severity=s.incident_severity, incident_news=s.incident_news,
        forgive_minor=s.org_lever.error_policy, incident_reaction=c.incident_reaction,
        control_baseline=s.control_baseline, citizen_panel=s.org_lever.citizen_panel, c=c)
    s.control_preference = preference
    s.indicators_added = ((s.indicators_added + added_indicators)
                          * fading(citizen_panel=s.org_lever.citizen_panel, c=c))
    s.drift = drift(control_preference=preference, control_baseline=s.control_baseline)


def put_levers_in_force(s: State) -> None:
    """The control levers as they are in force: raised by the board's drift."""
    s.indicators_in_force = s.indicators_adopted + s.indicators_added
    s.target_pressure_in_force = with_drift(lever=s.lever.target_pressure, drift=s.drift)
    s.monitoring_in_force = with_drift(lever=s.lever.monitoring, drift=s.drift)
    s.audit_rate_in_force = with_drift(lever=s.lever.audit_rate, drift=s.drift)


def judge_the_administration(s: State) -> None:
    """Every politician reads the same signals: the run's citizens and its incidents."""
    c = s.c
    good = average(s.satisfaction)
    bad = np.minimum(1.0, s.incident_news_total)
    s.trust_in_administration = asymmetric_update(
        level=s.trust_in_administration, good=good, bad=bad, up=c.trust_gain, loss_ratio=c.trust_loss_ratio)
