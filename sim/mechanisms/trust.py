"""M5: trust is reciprocal and asymmetric: lost fast, rebuilt slowly.

Slovic 1993 ("perceived risk, trust and democracy"); Poortinga & Pidgeon 2004;
Repenning & Sterman 2002. The rule, used for every trust stock in the model
(staff's felt trust, managers' trust in staff, politicians' trust in the
administration, citizens' trust in the service)::

    T' = T + up * (1 - T) * good - up * loss_ratio * T * bad

with ``good`` and ``bad`` in [0, 1] the strength of this week's positive and
negative experiences. ``loss_ratio`` (about 2-5 in the literature; an assumption,
to be swept) makes a bad week cost more than a good week gives.
"""

from __future__ import annotations


from . import clip


def asymmetric_update(trust, good, bad, up: float, loss_ratio: float):
    """One week's trust update. All arrays in [0, 1]; returns new trust in [0, 1]."""
    new = trust + up * (1.0 - trust) * good - up * loss_ratio * trust * bad
    return clip(new, 0.0, 1.0)


def felt_trust_signals(discretion, support, manager_trust, control, learning_audited,
                       punished, co_creation):
    """What a frontline worker reads as trust (good) and distrust (bad) this week.

    Autonomy, support and a manager who trusts them are read as trust; monitoring and
    punishment as distrust (Falk & Kosfeld 2006; SOU 2018:47). A learning inspection
    visit is read as help; a co-created reform as being taken seriously.
    """
    good = clip(0.25 * discretion + 0.25 * support + 0.25 * manager_trust
                + 0.3 * learning_audited + co_creation, 0.0, 1.0)
    bad = clip(0.7 * control + 0.8 * punished, 0.0, 1.0)
    return good, bad


def manager_signals(unit_reported, threshold, caught_share, incident_severity, support,
                    unit_quality):
    """What a manager reads as trustworthy staff (good) or not (bad).

    A manager who is close to the work (support) sees true quality; one who only
    reads reports sees whether targets are met. Detected gaming and incidents are bad.
    """
    target_met = (unit_reported >= threshold).astype(float)
    good = clip((1 - support) * 0.5 * target_met + support * unit_quality, 0.0, 1.0)
    bad = clip(2.0 * caught_share + incident_severity, 0.0, 1.0)
    return good, bad
