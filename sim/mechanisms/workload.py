"""M1 (multitask diversion), M7 (administrative burden) and M8 (learning time eaten by
pressure): how a frontline worker's paid hours are split.

Administration comes first because it is required: documentation per case, reporting
per indicator, compliance per rule in force and preparing for audits (Forssell &
Ivarsson Westerberg 2014; Anskär et al. 2018). Central staff can take part of the
reporting and compliance work off the frontline (the Västernorrland motion's "ledningsfunktioner"; the
posts are counted in ``staffing``). Change and participation take hours too
(``change``). Then protected learning time (eaten by strain: the capability trap,
Repenning & Sterman 2001) and collaboration on complex cases (held back by silo
incentives). What is left is core time with citizens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import change, clip, saturating
from sim.model.fields import Array, Fields, Inputs, Reads, per_unit, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

COEFFICIENTS = table(
    __name__,
    coefficient("other_share", 0.2, "share of paid hours", (0.12, 0.28),
                "meetings, travel and breaks: neither administration nor client work",
                "Anskär et al. 2018 (about a third 'other' tasks, part of which is "
                "collaboration and learning here)"),
    coefficient("hours_per_indicator", 0.3, "hours/week per indicator", (0.2, 0.42),
                "registering and reporting one indicator in force, for work indicators capture "
                "nothing of (a narrow, measurable goal costs less: see reporting_floor)",
                "Forssell & Ivarsson Westerberg 2014 (size: assumption; range narrowed by "
                "calibration to the observed admin shares)"),
    coefficient("reporting_floor", 0.25, "share", (0.1, 0.5),
                "share of that cost left for work indicators capture fully: where the measure "
                "is a by-product of the process (waiting times are timestamps), reporting is "
                "cheap; measuring hard-to-measure work takes documentation"),
    coefficient("hours_per_rule", 0.03, "hours/week per rule", (0.02, 0.042),
                "complying with one rule in force (checking, logging, forms)",
                "Forssell & Ivarsson Westerberg 2014 (size: assumption)"),
    coefficient("documentation_floor", 0.5, "share", (0.35, 0.65),
                "share of the required documentation done even without tick-box pressure"),
    coefficient("audit_prep_control", 3.0, "hours/week at audit rate 1", (2.0, 4.0),
                "preparing for control audits (files in order, answers ready)"),
    coefficient("audit_prep_learning", 1.0, "hours/week at audit rate 1", (0.4, 2.0),
                "preparing for learning inspections"),
    coefficient("max_admin_share", 0.7, "share of paid hours", (0.6, 0.8),
                "the most administration can take: beyond it, required work is left undone"),
    coefficient("offload_max", 0.5, "share", (0.2, 0.7),
                "the largest share of reporting and compliance work central staff can take "
                "off the frontline", "the Västernorrland motion (size: assumption)"),
    coefficient("offload_half", 0.08, "central posts per frontline worker", (0.04, 0.16),
                "central staffing at which half of the possible offload is reached", low=0.004),
    coefficient("learning_max_share", 0.05, "share of paid hours", (0.03, 0.08),
                "protected learning time at learning_time = 1", "Repenning & Sterman 2001"),
    coefficient("strain_eats_learning", 0.7, "share", (0.4, 0.9),
                "share of protected learning time lost at full strain (the capability trap)",
                "Repenning & Sterman 2001"),
    coefficient("collaboration_base", 0.02, "share of paid hours", (0.01, 0.04),
                "collaboration every worker does whatever the cases"),
    coefficient("collaboration_complex", 0.05, "share of paid hours", (0.02, 0.1),
                "collaboration a caseload of only complex cases needs with no reward for it"),
    coefficient("collaboration_per_reward", 0.3, "share of paid hours", (0.15, 0.45),
                "extra collaboration on complex cases at collaboration_reward = 1", "SOU 2018:47"),
    coefficient("silo_effect", 0.6, "share", (0.3, 0.9),
                "share of collaboration lost when all pay rewards one's own unit's output "
                "(silo incentives)", "stylized fact SF14; the Vänsterpartiet motion"),
    coefficient("coverage_breadth", 10.0, "indicators", (4.0, 20.0),
                "indicators needed, beyond the first, to cover half of work that is "
                "entirely hard to measure; a narrow goal needs few", "Holmström & Milgrom 1991"),
    coefficient("overtime_per_admin", 0.5, "share of paid hours per share of admin", (0.0, 1.0),
                "unpaid extra hours a fully motivated worker puts in, per share of the week "
                "administration takes beyond what is tolerated, to protect client time (the "
                "cost then shows as strain, not lost casework)", "Anskär et al. 2019; size: assumption"),
    coefficient("admin_tolerated", 0.2, "share of paid hours", (0.1, 0.3),
                "administration staff accept without compensating"),
    coefficient("panel_bias_cut", 0.5, "share", (0.2, 0.8),
                "share of the professions' under-weighting of measurable, valued work that a "
                "full citizen panel removes, by letting citizens' priorities reach the work",
                "the Kalmar article (intressebank); size: assumption"),
    coefficient("pull_pay", 1.2, "pull per unit of pay", (0.0, 2.0),
                "pull of full pay on covered work towards the measured tasks (how much of it diverts "
                "depends on goal_contest)",
                "Holmström & Milgrom 1991; from none (no loss in unpaid subjects) to moderate "
                "(Glewwe et al. 2010: teaching to the test)"),
    coefficient("pull_targets", 0.4, "pull per unit of pressure", (0.0, 0.8),
                "pull of fully pressed targets towards the measured tasks (how much of it diverts "
                "depends on goal_contest)",
                "Bevan & Hood 2006; the range reaches none: Propper et al. 2010 and Kelman & Friedman "
                "2009 found no diversion on waiting-time targets"),
    coefficient("pull_damping", 0.5, "share", (0.2, 0.8),
                "share of the pull a fully motivated worker resists", "Le Grand 2003"),
    coefficient("max_pull", 0.95, "share", (0.8, 0.98),
                "the largest share of the unmeasured part's time the pull can take"),
    coefficient("focus_adjust", 0.15, "1/week", (0.05, 0.3),
                "share of the gap to the wanted split closed per week"),
)


class Owns(Fields):
    """How each worker's paid hours are split, and their core time between measured and not."""

    coverage: Array = per_unit("share of the measurable work the indicators in force cover, 0-1")
    hours: Array = per_worker("paid hours this week (the budget's share of a full post)")
    admin_share: Array = per_worker("share of the week on documentation, reporting, compliance, audits")
    development_share: Array = per_worker("share of the week on change and participation")
    learning_share: Array = per_worker("share of the week on protected learning")
    collaboration_share: Array = per_worker("share of the week on collaboration")
    core_share: Array = per_worker("share of the week on direct client work")
    overtime: Array = per_worker("unpaid extra hours on client work, as a share of paid hours")
    professional_focus: Array = per_worker(
        "share of core time the worker's profession, left to itself, gives the measured part")
    focus: Array = per_worker("share of core time on the measured part of the work", start=None)


READS = Reads(fields=("indicators_in_force", "audit_rate_in_force", "target_pressure_in_force",
                      "capacity", "funded", "overhead", "documentation_in_force", "billing_hours", "caseload",
                      "completeness", "complex_cases", "strain", "motivation", "change_load",
                      "co_creation_load", "pay_pull", "goal_push", "practice_focus", "rules_in_force"),
              levers=("audit_style", "participation", "learning_time", "collaboration_reward",
                      "incentive_strength", "citizen_panel"),
              inputs=("measurability", "professional_bias", "work_hours", "goal_contest"))
RESULTS = ("admin_share", "direct_time_share", "collaboration_share", "learning_share",
           "unpaid_overtime", "measured_focus")


def coverage(*, indicators: Array, measurability: Array, c: Inputs) -> Array:
    """Share (0-1) of the measurable work the indicators cover and so make visible."""
    return indicators / (indicators + 1 + c.coverage_breadth * (1 - measurability))


def central_offload(*, central_per_frontline: Array, c: Inputs) -> Array:
    """Share of reporting and compliance work central staff take off the frontline."""
    return c.offload_max * saturating(central_per_frontline, c.offload_half)


def admin_hours(*, documentation_hours: Array, caseload: Array, completeness: Array, indicators: Array,
                measurability: Array, rules_in_force: Array, audit_rate: Array, learning_audits: Array,
                offload: Array, c: Inputs) -> Array:
    """Required administration in hours/week per worker."""
    documentation = documentation_hours * caseload * (
        c.documentation_floor + (1 - c.documentation_floor) * completeness)
    per_indicator = c.hours_per_indicator * (c.reporting_floor
                                             + (1 - c.reporting_floor) * (1 - measurability))
    reporting = per_indicator * indicators + c.hours_per_rule * rules_in_force
    prep = audit_rate * (c.audit_prep_control * (1 - learning_audits)
                         + c.audit_prep_learning * learning_audits)
    return documentation + reporting * (1 - offload) + prep


def allocate(*, hours: Array, admin: Array, development: Array, learning_time: Array, strain: Array,
             complex_share: Array, collaboration_reward: Array, incentive_strength: Array,
             c: Inputs) -> tuple[Array, Array, Array, Array, Array]:
    """The week as shares of paid hours: (admin, development, learning, collaboration,
    core). With ``other_share`` they sum to 1; core time is what is left."""
    free = 1 - c.other_share
    admin_share = clip(admin / hours, 0, np.minimum(c.max_admin_share, free))
    free = free - admin_share
    development = np.minimum(development / hours, free * c.max_admin_share)
    free = free - development
    learning = np.minimum(learning_time * c.learning_max_share
                          * (1 - c.strain_eats_learning * strain), free * c.max_admin_share)
    free = free - learning
    silo = incentive_strength * (1 - collaboration_reward)
    wanted = c.collaboration_base + complex_share * (
        c.collaboration_complex + c.collaboration_per_reward * collaboration_reward) * (
        1 - c.silo_effect * silo)
    collaboration = np.minimum(wanted, free * c.max_admin_share)
    return admin_share, development, learning, collaboration, free - collaboration


def unsteered_focus(*, measurability: Array, professional_bias: Array, citizen_panel: Array,
                    c: Inputs) -> Array:
    """Share of core time professionals left to themselves give the measured part. The
    value-optimal share is about ``measurability``; professionals under-weight some of
    what the public values and can measure (waiting times, follow-up: Propper et al.
    2010), by ``professional_bias``; a citizen panel narrows the gap."""
    return measurability * (1 - professional_bias * (1 - c.panel_bias_cut * citizen_panel))


def focus_target(*, professional_focus: Array, coverage: Array, pay_pull: Array, target_pressure: Array,
                 goal_push: Array, motivation: Array, practice_focus: Array, measurability: Array,
                 goal_contest: Array, c: Inputs) -> Array:
    """Share of core time a worker wants on the measured part (M1): the professional
    split, pulled towards the measured by pay and targets on covered work (less so for
    the motivated) and by the unit's practice; a target pulls as hard as it pushes
    (``goal_push``, from ``effort.pushed_by_goal``). Up to the value-optimal split (about
    ``measurability``) the pull only corrects what professionals under-weight, which
    everyone wants (Propper et al. 2010: waits fell with no diversion); beyond it, the
    pull diverts time from unmeasured work only as far as the goal is contested
    (``goal_contest``: at 0 a target cannot divert, at 1 all its pull does)."""
    pull = coverage * (c.pull_pay * pay_pull
                       + c.pull_targets * target_pressure * goal_push) * (1 - c.pull_damping * motivation)
    pulled = professional_focus + (1 - professional_focus) * clip(pull + practice_focus, 0, c.max_pull)
    optimal = np.maximum(measurability, professional_focus)
    return np.minimum(pulled, optimal) + goal_contest * np.maximum(pulled - optimal, 0)


def follow_focus(*, focus: Array, target: Array, c: Inputs) -> Array:
    return focus + c.focus_adjust * (target - focus)


def overtime(*, admin_share: Array, motivation: Array, c: Inputs) -> Array:
    """Unpaid extra hours (share of paid hours) spent on client work to make up for
    administration beyond what is tolerated: the motivated compensate, others do not."""
    return c.overtime_per_admin * motivation * np.maximum(admin_share - c.admin_tolerated, 0)


# ------------------------------------------------------------------ steps of the week
def indicators_cover(s: State) -> None:
    """What share of the measurable work the indicators in force make visible."""
    s.coverage = coverage(indicators=s.indicators_in_force, measurability=s.c.measurability, c=s.c)


def split_the_week(s: State) -> None:
    """Administration first, then change and participation, learning and collaboration;
    what is left is core time with citizens (and the motivated add unpaid hours)."""
    c = s.c
    s.hours = c.work_hours * s.at_worker(s.capacity) * s.funded
    offload = central_offload(central_per_frontline=s.overhead / s.n_staff, c=c)
    # billing the payer (coding needs for risk-adjusted capitation) is documentation too
    admin = admin_hours(documentation_hours=s.at_worker(s.documentation_in_force + s.billing_hours), caseload=s.caseload,
                        completeness=s.completeness, indicators=s.at_worker(s.indicators_in_force),
                        measurability=c.measurability, rules_in_force=s.rules_in_force,
                        audit_rate=s.at_worker(s.audit_rate_in_force),
                        learning_audits=s.worker_lever.audit_style, offload=offload, c=c)
    developing = change.hours(load=s.at_worker(s.change_load), participation=s.worker_lever.participation,
                              co_creating=s.at_worker(s.co_creation_load), c=c)
    complex_share = s.complex_cases / np.maximum(s.caseload, 1)
    (s.admin_share, s.development_share, s.learning_share, s.collaboration_share,
     s.core_share) = allocate(hours=s.hours, admin=admin, development=developing,
                              learning_time=s.worker_lever.learning_time, strain=s.strain,
                              complex_share=complex_share,
                              collaboration_reward=s.worker_lever.collaboration_reward,
                              incentive_strength=s.worker_lever.incentive_strength, c=c)
    s.overtime = overtime(admin_share=s.admin_share, motivation=s.motivation, c=c)


def choose_focus(s: State) -> None:
    """Core time drifts towards what pay, targets and the unit's practice pull it to."""
    c = s.c
    s.professional_focus = unsteered_focus(measurability=c.measurability, professional_bias=c.professional_bias,
                                           citizen_panel=s.worker_lever.citizen_panel, c=c)
    wanted = focus_target(professional_focus=s.professional_focus, coverage=s.at_worker(s.coverage),
                          pay_pull=s.pay_pull, target_pressure=s.at_worker(s.target_pressure_in_force),
                          goal_push=s.goal_push, motivation=s.motivation, practice_focus=s.at_worker(s.practice_focus),
                          measurability=c.measurability, goal_contest=c.goal_contest, c=c)
    s.focus = follow_focus(focus=s.focus, target=wanted, c=c)
