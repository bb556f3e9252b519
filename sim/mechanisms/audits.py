"""Audits and inspection, in two styles (M2, M3, M10).

An audit checks a worker's reports against the real work. It finds false reports (the
gaming is punished and knocked back) and real quality failures (which are followed up
or taught), and the expected sanction deters gaming and shirking (``gaming``, ``effort``),
a control audit more than a learning inspection.
Its costs: preparation time (``workload``), inspectors (``staffing``) and, in the
control style, being checked reads as distrust even when nothing is found (Falk &
Kosfeld 2006). A learning inspection ("lärande tillsyn", SOU 2018:47; the
Tillitsdelegationen's op-ed) feeds back and teaches: skill rises, gaming is curbed more
gently, and the visit is read as support.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_worker
from sim.units import WEEKS_PER_MONTH

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("gaming_detection", 0.8, "share", (0.5, 1.0),
                "perceived chance of being found out at audit rate 1", "Bevan & Hood 2006"),
    coefficient("learning_deterrence", 0.5, "share", (0.2, 0.8),
                "share of a control audit's deterrence a learning inspection keeps: it finds "
                "as much but sanctions less, so it deters both gaming and shirking less",
                "Le Grand 2003; SOU 2018:47 (size: assumption)"),
    coefficient("audit_tolerance", 0.02, "score 0-1", (0.01, 0.05),
                "report inflation an audit lets pass as honest error"),
    coefficient("failure_line", 0.35, "score 0-1", (0.25, 0.45),
                "quality of the work itself (the part steering reaches) below which an auditor "
                "sees a real failure: the same standard under every regime; at the default about "
                "a tenth of audited workers fall below it", "assumption"),
    coefficient("caught_gaming_kept_control", 0.3, "share", (0.1, 0.5),
                "gaming skill left after being caught in a control audit"),
    coefficient("caught_gaming_kept_learning", 0.6, "share", (0.4, 0.8),
                "gaming skill left after being caught in a learning inspection"),
    coefficient("audit_followup", 0.5, "follow-up 0-1", (0.2, 0.8),
                "follow-up a control audit starts after finding a real failure"),
    coefficient("audit_teaching", 0.01, "share of room", (0.004, 0.03),
                "skill a learning inspection adds, as a share of the room left to learn",
                "SOU 2018:47 (size: assumption)"),
    coefficient("failure_teaching", 0.03, "share of room", (0.01, 0.06),
                "extra skill when a learning inspection finds and works through a failure"),
    coefficient("audit_distrust", 0.25, "share", (0.1, 0.5),
                "how much a clean control audit reads as distrust, relative to being punished",
                "Falk & Kosfeld 2006"),
)


class Owns(Fields):
    """What audits deter, find and do to the audited."""

    deterrence: Array = per_worker("expected sanction of gaming or shirking, 0-1")
    caught: Array = per_worker("caught gaming this week", dtype=bool)
    punished: Array = per_worker("punishment this week (audits, incidents), 0-1")
    learning_visit: Array = per_worker("a learning inspection's visit this week, 0 or 1")


READS = Reads(fields=("audit_rate_in_force", "inflation", "work_quality"),
              levers=("audit_style",),
              updates=("gaming_skill", "skill", "followup", "correction"))
AUDITS = Stream("audits", "who is audited this week", "worker", (("random", 1),))
STREAMS = (AUDITS,)
RESULTS = ()


def audit(*, audit_rate: Array, draw: Array) -> Array:
    """Who is audited this week. ``audit_rate`` is the chance of an audit within a
    month; ``draw`` one uniform per worker."""
    return draw < audit_rate / WEEKS_PER_MONTH


def deterrence(*, audit_rate: Array, learning_audits: Array, c: Inputs) -> Array:
    """Expected sanction of gaming or shirking (0-1): the perceived chance of being found
    out times how much a finding costs, less in a learning inspection than in a control
    audit. What a learning inspection buys in skill and support it pays for here."""
    return c.gaming_detection * audit_rate * (1 - (1 - c.learning_deterrence) * learning_audits)


def findings(*, audited: Array, inflation: Array, work_quality: Array, c: Inputs) -> tuple[Array, Array]:
    """(caught gaming, real failure found) among those audited. ``inflation``: the
    report less the honest one (score units); ``work_quality``: the quality of the work
    itself, the part steering reaches (``delivery.deliver``), which is what an auditor
    reading cases can judge."""
    caught = audited & (inflation > c.audit_tolerance)
    failure = audited & (work_quality < c.failure_line)
    return caught, failure


def consequences(*, audited: Array, caught: Array, failure: Array, learning_style: Array,
                 gaming_skill: Array, skill: Array, followup: Array, correction: Array,
                 c: Inputs) -> tuple[Array, Array, Array, Array, Array, Array]:
    """Effects of this week's audits: (gaming_skill, skill, followup, correction,
    punished, learning_visit), all per worker. A quality failure an audit finds is real,
    so the follow-up it brings under the control style is all correction."""
    control = 1 - learning_style
    kept = c.caught_gaming_kept_control * control + c.caught_gaming_kept_learning * learning_style
    gaming_skill = np.where(caught, gaming_skill * kept, gaming_skill)
    taught = audited * learning_style * (c.audit_teaching + failure * c.failure_teaching)
    skill = skill + taught * (1 - skill)
    found = failure * control * c.audit_followup
    # caught gaming is the full sanction; an audit alone reads as some distrust
    punished = control * np.minimum(caught + audited * c.audit_distrust, 1)
    return (gaming_skill, skill, np.maximum(followup, found), np.maximum(correction, found),
            punished, audited * learning_style)


# ------------------------------------------------------------------ steps of the week
def deter(s: State) -> None:
    """The expected sanction each worker sees in the audits in force."""
    s.deterrence = deterrence(audit_rate=s.at_worker(s.audit_rate_in_force),
                              learning_audits=s.worker_lever.audit_style, c=s.c)


def inspect(s: State) -> None:
    """Audits check reports against the work: false reports are caught, real failures
    followed up (control) or taught (learning)."""
    c = s.c
    drawn, = s.draw(AUDITS)
    audited = audit(audit_rate=s.at_worker(s.audit_rate_in_force), draw=drawn)
    s.caught, failure = findings(audited=audited, inflation=s.inflation, work_quality=s.work_quality, c=c)
    (s.gaming_skill, s.skill, s.followup, s.correction, s.punished, s.learning_visit) = consequences(
        audited=audited, caught=s.caught, failure=failure, learning_style=s.worker_lever.audit_style,
        gaming_skill=s.gaming_skill, skill=s.skill, followup=s.followup, correction=s.correction, c=c)
