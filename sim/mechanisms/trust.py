"""M5: trust is reciprocal and asymmetric: lost fast, rebuilt slowly.

Slovic 1993; Poortinga & Pidgeon 2004; Repenning & Sterman 2002. The rule, used for
every trust stock in the model (staff's felt trust, managers' trust in staff,
politicians' trust in the administration, citizens' trust in the service)::

    T' = T + up * (1 - T) * good - up * loss_ratio * T * bad

with ``good`` and ``bad`` in [0, 1] the strength of this week's positive and negative
experiences. ``trust_loss_ratio`` (about 2-5 in the literature; an assumption to sweep)
makes a bad week cost more than a good week gives, so trust lost in a scandal returns
more slowly than it fell.
"""

from __future__ import annotations

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip

COEFFICIENTS = table(
    __name__,
    coefficient("felt_from_discretion", 0.25, "signal 0-1", (0.1, 0.4),
                "how strongly full discretion reads as being trusted", "SOU 2018:47"),
    coefficient("felt_from_support", 0.25, "signal 0-1", (0.1, 0.4),
                "how strongly full support reads as being trusted", "SOU 2018:47"),
    coefficient("felt_from_manager", 0.25, "signal 0-1", (0.1, 0.4),
                "how strongly a fully trusting manager is felt"),
    coefficient("felt_from_learning_visit", 0.3, "signal 0-1", (0.1, 0.5),
                "how strongly a learning inspection's visit reads as help"),
    coefficient("felt_from_participation", 0.2, "signal 0-1", (0.05, 0.35),
                "how strongly taking part in shaping the work reads as being trusted",
                "the Vänsterpartiet motion"),
    coefficient("felt_from_control", 0.7, "signal 0-1", (0.4, 0.9),
                "how strongly full control reads as distrust", "Falk & Kosfeld 2006"),
    coefficient("felt_from_punishment", 0.8, "signal 0-1", (0.5, 1.0),
                "how strongly being punished reads as distrust"),
    coefficient("felt_from_followup", 0.3, "signal 0-1", (0.1, 0.5),
                "how strongly being followed up after weak results reads as distrust"),
    coefficient("felt_from_imposed_change", 0.6, "signal 0-1", (0.2, 0.9),
                "how strongly a full change load imposed from above reads as distrust",
                "the Vänsterpartiet motion; size: assumption"),
    coefficient("manager_reads_reports", 0.5, "signal 0-1", (0.3, 0.7),
                "good signal a manager far from the work takes from targets met"),
    coefficient("manager_from_caught", 2.0, "signal per share caught", (1.0, 4.0),
                "bad signal per share of the unit caught gaming"),
)


def asymmetric_update(trust, good, bad, up, loss_ratio):
    """One week's trust update. All arrays in [0, 1]; returns new trust in [0, 1]."""
    return clip(trust + up * (1 - trust) * good - up * loss_ratio * trust * bad, 0, 1)


def felt_signals(discretion, support, manager_trust, control, learning_visit, punished,
                 followup, participation, imposed_change, c):
    """What a frontline worker reads as trust (good) and distrust (bad) this week."""
    good = (c.felt_from_discretion * discretion + c.felt_from_support * support
            + c.felt_from_manager * manager_trust + c.felt_from_learning_visit * learning_visit
            + c.felt_from_participation * participation)
    bad = (c.felt_from_control * control + c.felt_from_punishment * punished
           + c.felt_from_followup * followup + c.felt_from_imposed_change * imposed_change)
    return clip(good, 0, 1), clip(bad, 0, 1)


def manager_signals(targets_met, caught_share, incident_severity, closeness, unit_quality, c):
    """What a manager reads as trustworthy staff (good) or not (bad). A manager close to
    the work (support) sees true quality; one who reads reports sees targets met."""
    good = (1 - closeness) * c.manager_reads_reports * targets_met + closeness * unit_quality
    bad = c.manager_from_caught * caught_share + incident_severity
    return clip(good, 0, 1), clip(bad, 0, 1)
