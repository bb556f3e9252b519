"""M1 (multitask diversion), M7 (admin burden) and M8 (learning time eaten by
pressure): how a frontline worker's week is split.

Admin comes first, because it is required: documentation per case, reporting per
indicator, compliance per rule in force, audit preparation (Forssell & Ivarsson
Westerberg 2014; Anskär et al. 2018). Then protected learning time (eaten by
strain: the capability trap, Repenning & Sterman 2001) and collaboration on complex
cases (discouraged by silo incentives). What is left is core time, split between
the measured dimensions of the work and the unmeasured ones. Professionals allocate
roughly by value, under-weighting some of what the public values and can measure
(``professional_share``); indicators with pay and targets pull time towards what is
measured, the more so the less intrinsically motivated the worker is (Holmström &
Milgrom 1991).
"""

from __future__ import annotations

import numpy as np

from . import clip

HOURS_PER_INDICATOR = 0.2   # hours/week registering and reporting one indicator
HOURS_PER_RULE = 0.02      # hours/week complying with one rule in force
AUDIT_PREP_HOURS = (3.0, 1.0)  # hours/week at audit_rate 1, control vs learning style
MAX_ADMIN = 0.7
#: Meetings, travel, breaks: time that is neither admin nor client work (Anskär et al.
#: 2018 found about a third "other"; part of that is collaboration and learning here).
OTHER_SHARE = 0.2


def coverage(indicators, measurability):
    """Share of the measurable work that the indicators cover and reward (0-1). A narrow
    goal (high measurability) is covered by a few indicators; broad welfare work needs
    many: ``indicators / (indicators + 1 + 10 * (1 - measurability))``."""
    return indicators / (indicators + 1.0 + 10.0 * (1.0 - measurability))


def admin_hours(documentation_hours, caseload, tickbox, indicators, rules_in_force,
                audit_rate, learning_audits):
    """Required administration in hours/week per worker."""
    documentation = documentation_hours * caseload * (0.5 + 0.5 * tickbox)
    reporting = HOURS_PER_INDICATOR * indicators
    compliance = HOURS_PER_RULE * rules_in_force
    prep = audit_rate * (AUDIT_PREP_HOURS[0] * (1 - learning_audits)
                         + AUDIT_PREP_HOURS[1] * learning_audits)
    return documentation + reporting + compliance + prep


def allocate_time(hours, admin, learning_time, strain, complex_share_of_cases,
                  collaboration_reward, incentive_strength):
    """Shares of the week: (admin, learning, collaboration, core); with ``OTHER_SHARE``
    they sum to 1."""
    admin_share = clip(admin / hours, 0.0, MAX_ADMIN)
    learning = 0.1 * learning_time * (1.0 - 0.7 * strain)
    silo = incentive_strength * (1.0 - collaboration_reward)
    collaboration = 0.02 + complex_share_of_cases * (0.05 + 0.3 * collaboration_reward) * (1 - 0.6 * silo)
    free = 1.0 - OTHER_SHARE - admin_share
    learning = np.minimum(learning, 0.5 * free)
    collaboration = np.minimum(collaboration, 0.5 * (free - learning))
    core = free - learning - collaboration
    return admin_share, learning, collaboration, core


def professional_share(measurability, professional_bias: float, citizen_panel):
    """Share of core time professionals left to themselves give the measurable part.

    The value-optimal share is ``measurability``; professionals under-weight some of what
    the public values and can measure (waiting times, follow-up visits: Propper et al.
    2010), by ``professional_bias``. A citizen panel halves the gap by letting citizens'
    priorities reach the work (Kalmar, seed 004)."""
    return measurability * (1.0 - professional_bias * (1.0 - 0.5 * citizen_panel))


def measured_share_target(professional, coverage, incentive_strength, incentive_response,
                          target_pressure, motivation):
    """Share of core time a worker wants on the measured dimensions (M1).

    Starts from the professional allocation and is pulled towards 1 by pay and targets
    on the covered part of the work, less so for the intrinsically motivated.
    """
    pull = coverage * (1.2 * incentive_strength * incentive_response
                       + 0.6 * target_pressure) * (1.0 - 0.5 * motivation)
    return professional + (1.0 - professional) * clip(pull, 0.0, 0.95)


def effort(motivation, follow_up, strain):
    """Work intensity in core time (about 0.3-1.2): intrinsic motivation, and follow-up
    that keeps the unmotivated from shirking (Le Grand 2003), less strain."""
    e = 0.45 + 0.35 * motivation + 0.45 * follow_up * (1.0 - motivation) - 0.15 * strain
    return clip(e, 0.1, 1.2)


def measured_effort_boost(incentive_strength, incentive_response, target_pressure, coverage):
    """Extra intensity on the measured tasks: pay for them (Holmström & Milgrom 1991) and
    specific, pressed targets (goal setting; Propper et al. 2010; Bevan & Hamblin 2009).
    This is how NPM wins where the goal is narrow and well measured (SF4)."""
    return coverage * (0.8 * incentive_strength * incentive_response + 0.3 * target_pressure)
