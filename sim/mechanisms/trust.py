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

from typing import TYPE_CHECKING

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.model.fields import Array, Fields, Inputs, Reads, per_manager, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

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
    coefficient("hire_felt_trust", 0.5, "score 0-1", (0.3, 0.7),
                "how trusted a newcomer feels before any experience of the place",
                "assumption (neutral: a newcomer has no experience of the place to go on)"),
)


class Owns(Fields):
    """Staff's felt trust and managers' trust in their staff."""

    felt_trust: Array = per_worker("how trusted this worker feels, 0-1", start=0.5)
    trust_in_staff: Array = per_manager("trust in the unit's staff, 0-1", start=0.5)


READS = Reads(fields=("control", "learning_visit", "punished", "followup", "taking_part",
                      "imposed_load", "caught", "unit_reported", "target", "incident_severity",
                      "unit_quality"),
              levers=("discretion", "support"),
              inputs=("trust_gain", "trust_loss_ratio"))
RESULTS = ("felt_trust", "manager_trust")


def asymmetric_update(*, level: Array, good: Array, bad: Array, up: Array, loss_ratio: Array) -> Array:
    """One week's update of a trust ``level``. All arrays in [0, 1]; returns the new level."""
    return clip(level + up * (1 - level) * good - up * loss_ratio * level * bad, 0, 1)


def felt_signals(*, discretion: Array, support: Array, trust_in_staff: Array, control: Array,
                 learning_visit: Array, punished: Array, followup: Array, taking_part: Array,
                 imposed_load: Array, c: Inputs) -> tuple[Array, Array]:
    """What a frontline worker reads as trust (good) and distrust (bad) this week:
    ``discretion`` and ``support`` are the levers their unit is under, ``trust_in_staff``
    and ``control`` their manager's."""
    good = (c.felt_from_discretion * discretion + c.felt_from_support * support
            + c.felt_from_manager * trust_in_staff + c.felt_from_learning_visit * learning_visit
            + c.felt_from_participation * taking_part)
    bad = (c.felt_from_control * control + c.felt_from_punishment * punished
           + c.felt_from_followup * followup + c.felt_from_imposed_change * imposed_load)
    return clip(good, 0, 1), clip(bad, 0, 1)


def manager_signals(*, targets_met: Array, caught_share: Array, incident_severity: Array,
                    closeness: Array, unit_quality: Array, c: Inputs) -> tuple[Array, Array]:
    """What a manager reads as trustworthy staff (good) or not (bad). A manager close to
    the work (support) sees true quality; one who reads reports sees targets met."""
    good = (1 - closeness) * c.manager_reads_reports * targets_met + closeness * unit_quality
    bad = c.manager_from_caught * caught_share + incident_severity
    return clip(good, 0, 1), clip(bad, 0, 1)


# ------------------------------------------------------------------ steps of the week
def feel_trusted(s: State) -> None:
    """Staff read the week's signals of trust and distrust."""
    c = s.c
    good, bad = felt_signals(
        discretion=s.worker_lever.discretion, support=s.worker_lever.support,
        trust_in_staff=s.at_worker(s.trust_in_staff), control=s.at_worker(s.control),
        learning_visit=s.learning_visit, punished=s.punished, followup=s.followup,
        taking_part=s.taking_part, imposed_load=s.at_worker(s.imposed_load), c=c)
    s.felt_trust = asymmetric_update(level=s.felt_trust, good=good, bad=bad, up=c.trust_gain,
                                     loss_ratio=c.trust_loss_ratio)


def managers_judge_staff(s: State) -> None:
    """Managers read their unit's reports against its target, audits' findings, the
    unit's incidents and (as far as they are close to the work) its true quality."""
    c = s.c
    caught = s.per_unit(s.caught) / s.p.staff_per_unit
    good, bad = manager_signals(targets_met=(s.unit_reported >= s.target).astype(float), caught_share=caught,
                                incident_severity=s.incident_severity, closeness=s.lever.support,
                                unit_quality=s.unit_quality, c=c)
    s.trust_in_staff = asymmetric_update(level=s.trust_in_staff, good=good, bad=bad, up=c.trust_gain,
                                         loss_ratio=c.trust_loss_ratio)
