"""M5 and M10 at the manager's level: how much a manager controls, how they use what the
indicators show, and how their week is split.

Control follows the monitoring the regime asks for, relaxed as the manager comes to
trust the staff (control = g(1 - trust), Repenning & Sterman 2002). Indicators and
targets let a manager see who falls short and follow them up: the benefit of
performance management (Propper et al. 2010: managers acted on the waiting-time
targets). What the manager sees is the *reported* score, so where reports are noisy or
gamed the wrong people are followed up and the weakest who game escape: only follow-up
aimed at a real shortfall has something to correct, while all of it reads as control
(``trust``, ``motivation``). A noisy indicator thus buys less correction and more
distrust, which is how its weaker power to tell good from bad performers costs (van
Thiel & Leeuw 2002; Holmström & Milgrom 1991). Managers' time goes to reporting
upward, monitoring, supporting staff and coordinating across units (the Vänsterpartiet
motion: more follow-up "ökar den administrativa bördan för chefer").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.model.fields import Array, Fields, Inputs, Reads, per_manager, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("trust_relaxes_control", 0.5, "share", (0.2, 0.8),
                "share of monitoring a manager drops when fully trusting the staff",
                "Repenning & Sterman 2002"),
    coefficient("correction_rate", 0.5, "per week", (0.1, 0.9),
                "follow-up started per unit of reported shortfall under fully pressed, "
                "fully covering indicators", "Propper et al. 2010 (size: assumption)"),
    coefficient("followup_decay", 0.08, "1/week", (0.04, 0.15),
                "share of follow-up that lapses per week"),
    coefficient("reporting_base", 0.06, "share of manager hours", (0.03, 0.1),
                "managers' reporting upward with no indicators"),
    coefficient("reporting_per_indicator", 0.006, "share of manager hours", (0.003, 0.01),
                "managers' reporting per indicator in force"),
    coefficient("reporting_per_pressure", 0.1, "share of manager hours", (0.05, 0.15),
                "managers' reporting and explaining at full target pressure"),
    coefficient("reporting_per_audit", 0.1, "share of manager hours", (0.05, 0.15),
                "managers' audit work at audit rate 1 (control style)"),
    coefficient("monitoring_time", 0.25, "share of manager hours", (0.15, 0.35),
                "managers' time on monitoring at full control"),
    coefficient("supporting_base", 0.05, "share of manager hours", (0.02, 0.08),
                "managers' time supporting staff with no support lever"),
    coefficient("supporting_time", 0.3, "share of manager hours", (0.15, 0.4),
                "extra time supporting staff at support = 1"),
    coefficient("coordinating_base", 0.03, "share of manager hours", (0.01, 0.05),
                "managers' cross-unit coordination with no reward for it"),
    coefficient("coordinating_time", 0.2, "share of manager hours", (0.1, 0.3),
                "extra coordination at collaboration_reward = 1"),
)


class Owns(Fields):
    """Managers' control and week, and the follow-up staff get after weak reports."""

    control: Array = per_manager("control exerted over the staff this week, 0-1")
    reporting_time: Array = per_manager("share of hours reporting upward")
    monitoring_time: Array = per_manager("share of hours monitoring staff")
    supporting_time: Array = per_manager("share of hours supporting staff")
    coordinating_time: Array = per_manager("share of hours coordinating across units")
    followup: Array = per_worker("follow-up by the manager after weak reported results or audits, 0-1")
    correction: Array = per_worker("the part of the follow-up aimed at a real shortfall, 0-1")


READS = Reads(fields=("monitoring_in_force", "trust_in_staff", "indicators_in_force",
                      "target_pressure_in_force", "audit_rate_in_force", "target", "reported", "goal_push",
                      "measured_score", "coverage"),
              levers=("audit_style", "support", "collaboration_reward"))
RESULTS = ("manager_admin_share",)


def control(*, monitoring: Array, trust_in_staff: Array, c: Inputs) -> Array:
    """Control a manager exerts (0-1): the monitoring asked for, relaxed by trust."""
    return monitoring * (1 - c.trust_relaxes_control * trust_in_staff)


def follow_up(*, followup: Array, correction: Array, target: Array, reported: Array, measured_score: Array,
              target_pressure: Array, coverage: Array, goal_push: Array, c: Inputs) -> tuple[Array, Array]:
    """(follow-up, correction) per worker (0-1) after this week's reports: what lapses,
    plus new follow-up for those reported short of the target. ``correction`` is the part
    of it aimed at a real shortfall (the honest measured score short of the target too);
    the rest is a false alarm of noise or of a report pushed down by nothing real.
    Managers pass on the pressure their unit is under (``goal_push``, 0-1, from
    ``effort.pushed_by_goal``): with ``goal_hold`` below 1 a unit that meets its target
    follows up less (Burgess et al. 2013: the top quartile of schools did not move when the
    league tables went); at the default 1 every pressed unit follows up alike."""
    shown = clip(target - reported, 0, 1)
    real = clip(target - measured_score, 0, 1)
    rate = c.correction_rate * target_pressure * coverage * goal_push
    kept = 1 - c.followup_decay
    return (clip(followup * kept + rate * shown, 0, 1),
            clip(correction * kept + rate * np.minimum(shown, real), 0, 1))


def manager_time(*, indicators: Array, target_pressure: Array, audit_rate: Array, control_audits: Array,
                 manager_control: Array, support: Array, collaboration_reward: Array,
                 c: Inputs) -> tuple[Array, Array, Array, Array]:
    """Managers' week as shares (reporting, monitoring, supporting, coordinating); the
    rest is leading and developing the unit. Scaled down together if they exceed it."""
    reporting = (c.reporting_base + c.reporting_per_indicator * indicators
                 + c.reporting_per_pressure * target_pressure
                 + c.reporting_per_audit * audit_rate * control_audits)
    monitoring = c.monitoring_time * manager_control
    supporting = c.supporting_base + c.supporting_time * support
    coordinating = c.coordinating_base + c.coordinating_time * collaboration_reward
    total = reporting + monitoring + supporting + coordinating
    scale = 1 / np.maximum(total, 1)
    return reporting * scale, monitoring * scale, supporting * scale, coordinating * scale


# ------------------------------------------------------------------ steps of the week
def managers_translate(s: State) -> None:
    """Managers turn the levers in force into control of their staff and a week's split."""
    c = s.c
    s.control = control(monitoring=s.monitoring_in_force, trust_in_staff=s.trust_in_staff, c=c)
    (s.reporting_time, s.monitoring_time, s.supporting_time, s.coordinating_time) = manager_time(
        indicators=s.indicators_in_force, target_pressure=s.target_pressure_in_force,
        audit_rate=s.audit_rate_in_force, control_audits=1 - s.lever.audit_style, manager_control=s.control,
        support=s.lever.support, collaboration_reward=s.lever.collaboration_reward, c=c)


def follow_up_reports(s: State) -> None:
    """Managers follow up those reported short of their target."""
    s.followup, s.correction = follow_up(
        followup=s.followup, correction=s.correction, target=s.at_worker(s.target), reported=s.reported,
        measured_score=s.measured_score, target_pressure=s.at_worker(s.target_pressure_in_force),
        coverage=s.at_worker(s.coverage), goal_push=s.goal_push, c=s.c)
