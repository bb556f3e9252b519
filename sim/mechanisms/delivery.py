"""Service delivery: true quality per case, for ordinary and for complex needs.

Each case has a measurable part (weight ``measurability``) and an unmeasured part.
Quality on each part saturates with effective hours per case (skill x effort x
time); the scales are set so that the professional split (time in proportion to
value) is the best one, so any pull away from it costs true quality
(Holmström & Milgrom 1991). Discretion lets staff fit the unmeasured part to the
person; many rules take some of that room away (SOU 2018:47). Complex needs span
units and also need collaboration: the worker's own collaboration time, help from
colleagues in other units (over the collaboration network) and managers'
coordination (SCIENCE SF14).
"""

from __future__ import annotations

import numpy as np

#: Share of quality that steering can reach at all; the rest (training, technology,
#: facilities, law) is the same under any regime. An assumption: it keeps regime effects
#: in the modest range the reform evaluations report (SCIENCE SF12).
STEERING_REACH = 0.7
HOURS_SCALE = 0.8  # effective hours per case at which quality reaches 63% of its maximum


def part_quality(hours_per_case, weight):
    """Quality (0-1) of one part of a case given the effective hours spent on it."""
    return 1.0 - np.exp(-hours_per_case / np.maximum(weight * HOURS_SCALE, 1e-6))


def adaptation(used_discretion, rules_in_force: float):
    """How well the unmeasured part can be fitted to the person (0.6-1)."""
    return (0.75 + 0.25 * used_discretion) * (1.0 - 0.15 * rules_in_force / (rules_in_force + 200.0))


def practise_discretion(used_discretion, discretion):
    """Discretion that staff actually use follows the delegated room slowly (2% of the
    gap a week): after years of detailed control, people take time to use it
    (SCIENCE SF12: trust reforms give modest, slow change)."""
    return used_discretion + 0.02 * (discretion - used_discretion)


def deliver(core_hours, effort, measured_effort, skill, caseload, measured_share, measurability,
            adapt):
    """Returns (measured_score, true_quality, unmeasured_quality) per worker, all 0-1.

    ``measured_score`` is what honest indicators would show; ``true_quality`` is the
    value to the citizen of an average case.
    """
    per_case = core_hours * skill / np.maximum(caseload, 1.0)
    measured_time = measured_share * per_case * measured_effort
    measured_part = part_quality(measured_time, measurability)
    unmeasured = part_quality((1.0 - measured_share) * per_case * effort, 1.0 - measurability)
    steerable = measurability * measured_part + (1.0 - measurability) * unmeasured * adapt
    true_quality = (1.0 - STEERING_REACH) + STEERING_REACH * steerable
    # Indicators count volumes and deadlines, which keep rising with time spent, so their
    # score saturates on the whole-case scale, not on the measurable part's share of it.
    measured_score = part_quality(measured_time, 1.0)
    return measured_score, true_quality, unmeasured


def complex_quality(true_quality, own_collaboration_hours, complex_cases, cross_unit, cross_degree,
                    coordination):
    """Quality (0-1) of cases that span units: the worker's quality, limited by how well
    the collaboration across silos works."""
    own = own_collaboration_hours / np.maximum(complex_cases, 1.0)
    partners = (cross_unit @ own) / np.maximum(cross_degree, 1.0)
    joint = own + 0.5 * partners + 4.0 * coordination
    return true_quality * (0.35 + 0.65 * (1.0 - np.exp(-joint / 1.5)))
