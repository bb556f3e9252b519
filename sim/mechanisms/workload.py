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

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip, saturating

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
    coefficient("pull_pay", 1.2, "pull per unit of pay", (0.4, 2.0),
                "pull of full pay on covered work towards the measured tasks",
                "Holmström & Milgrom 1991"),
    coefficient("pull_targets", 0.4, "pull per unit of pressure", (0.1, 0.8),
                "pull of fully pressed targets towards the measured tasks",
                "Bevan & Hood 2006; size bounded by Kelman & Friedman 2009: a pressed target on a "
                "narrow goal, without pay, improved it with no measurable dysfunction (SF17)"),
    coefficient("pull_damping", 0.5, "share", (0.2, 0.8),
                "share of the pull a fully motivated worker resists", "Le Grand 2003"),
    coefficient("max_pull", 0.95, "share", (0.8, 0.98),
                "the largest share of the unmeasured part's time the pull can take"),
    coefficient("focus_adjust", 0.15, "1/week", (0.05, 0.3),
                "share of the gap to the wanted split closed per week"),
)


def coverage(indicators, measurability, c):
    """Share (0-1) of the measurable work the indicators cover and so make visible."""
    return indicators / (indicators + 1 + c.coverage_breadth * (1 - measurability))


def central_offload(central_per_frontline, c):
    """Share of reporting and compliance work central staff take off the frontline."""
    return c.offload_max * saturating(central_per_frontline, c.offload_half)


def admin_hours(documentation_hours, caseload, completeness, indicators, measurability,
                rules_in_force, audit_rate, learning_audits, offload, c):
    """Required administration in hours/week per worker."""
    documentation = documentation_hours * caseload * (
        c.documentation_floor + (1 - c.documentation_floor) * completeness)
    per_indicator = c.hours_per_indicator * (c.reporting_floor
                                             + (1 - c.reporting_floor) * (1 - measurability))
    reporting = per_indicator * indicators + c.hours_per_rule * rules_in_force
    prep = audit_rate * (c.audit_prep_control * (1 - learning_audits)
                         + c.audit_prep_learning * learning_audits)
    return documentation + reporting * (1 - offload) + prep


def allocate(hours, admin, development, learning_time, strain, complex_share,
             collaboration_reward, incentive_strength, c):
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


def professional_focus(measurability, professional_bias, citizen_panel, c):
    """Share of core time professionals left to themselves give the measured part. The
    value-optimal share is about ``measurability``; professionals under-weight some of
    what the public values and can measure (waiting times, follow-up: Propper et al.
    2010), by ``professional_bias``; a citizen panel narrows the gap."""
    return measurability * (1 - professional_bias * (1 - c.panel_bias_cut * citizen_panel))


def focus_target(professional, coverage, pay, target_pressure, motivation, practice, c):
    """Share of core time a worker wants on the measured part (M1): the professional
    split, pulled towards the measured by pay and targets on covered work (less so for
    the motivated) and by the unit's practice."""
    pull = coverage * (c.pull_pay * pay
                       + c.pull_targets * target_pressure) * (1 - c.pull_damping * motivation)
    return professional + (1 - professional) * clip(pull + practice, 0, c.max_pull)


def follow_focus(focus, target, c):
    return focus + c.focus_adjust * (target - focus)


def overtime(admin_share, motivation, c):
    """Unpaid extra hours (share of paid hours) spent on client work to make up for
    administration beyond what is tolerated: the motivated compensate, others do not."""
    return c.overtime_per_admin * motivation * np.maximum(admin_share - c.admin_tolerated, 0)
