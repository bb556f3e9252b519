"""M7 (take-up) and the citizens' side of M5: needs arrive, citizens apply or give up,
judge what they get, and talk.

Administrative burden lowers take-up, most for those with few resources (Herd &
Moynihan 2018). Citizens compare what they get with what they expect; trust follows
the asymmetric rule of M5, so an uneven service (like cases treated differently) costs
more trust than an even one of the same mean, and it spreads by word of mouth over
their small-world network. Trust drifts back towards the generalised trust in
government (OECD Trust Survey 2023: Sweden 43%, OECD 39%).
"""

from __future__ import annotations

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip, saturating
from sim.mechanisms.trust import asymmetric_update

COEFFICIENTS = table(
    __name__,
    coefficient("burden_per_documentation_hour", 0.1, "burden per hour/case", (0.05, 0.2),
                "burden citizens meet per hour of documentation required per case (forms, "
                "certificates)", "Herd & Moynihan 2018 (size: assumption)"),
    coefficient("burden_from_rules", 0.5, "burden 0-1", (0.25, 0.75),
                "burden from a rulebook at its half size"),
    coefficient("burden_rules_half", 300.0, "rules", (150.0, 600.0),
                "rules in force at which half of the rule burden is reached", low=15),
    coefficient("burden_deterrence", 0.8, "share", (0.5, 1.0),
                "share of citizens with no resources who give up under full burden",
                "Herd & Moynihan 2018"),
    coefficient("expectation", 0.78, "score 0-1", (0.72, 0.84),
                "the quality a citizen takes as 'what I should get'",
                "calibrated to the OECD Trust Survey 2023 (Sweden 43%)"),
    coefficient("expectation_band", 0.3, "score 0-1", (0.15, 0.45),
                "how far from the expectation an experience counts fully as good or bad", low=0.015),
    coefficient("unmet_distrust", 0.5, "signal 0-1", (0.25, 0.75),
                "bad signal of giving up on a need"),
    coefficient("satisfaction_adjust", 0.3, "share", (0.1, 0.5),
                "share of the gap between satisfaction and a case's quality closed by the case"),
    coefficient("unmet_dissatisfaction", 0.05, "share", (0.02, 0.1),
                "satisfaction lost by giving up on a need"),
    coefficient("generalised_trust", 0.43, "share", (0.39, 0.5),
                "trust in government that experience moves trust around",
                "OECD Trust Survey 2023"),
    coefficient("trust_reversion", 0.01, "1/week", (0.005, 0.02),
                "share of the gap to generalised trust closed per week"),
    coefficient("talk_weight", 0.05, "share", (0.02, 0.1),
                "weight of what friends think in this week's trust"),
)


def burden(documentation_hours, rules_in_force, c):
    """Burden (0-1) a citizen meets in applying: forms that follow the documentation
    demands, and rules to navigate."""
    return clip(c.burden_per_documentation_hour * documentation_hours
                + c.burden_from_rules * saturating(rules_in_force, c.burden_rules_half), 0, 1)


def take_up_probability(burden_of_unit, resources, c):
    """Probability that a citizen with a need applies."""
    return 1 - c.burden_deterrence * burden_of_unit * (1 - resources)


def arrive(need_cdf, complex_share, take_up, draw_need, draw_complex, draw_apply):
    """Cases per citizen this week (Poisson, by inverse transform of one uniform per
    citizen, so a slot's needs never depend on anyone else's), whether the need is
    complex, and whether the citizen applies (one uniform each per citizen)."""
    cases = np.searchsorted(need_cdf, draw_need, side="right")
    return cases, draw_complex < complex_share, draw_apply < take_up


def react(satisfaction, trust, served, unmet, quality_received, friends_mean, has_friends,
          up, loss_ratio, c):
    """Citizens update satisfaction and trust from their own case, then talk.
    ``served``/``unmet`` are 0/1 floats. Returns (satisfaction, trust)."""
    satisfaction = ((satisfaction + served * c.satisfaction_adjust * (quality_received - satisfaction))
                    * (1 - c.unmet_dissatisfaction * unmet))
    gap = (quality_received - c.expectation) / c.expectation_band
    good = clip(gap, 0, 1) * served
    bad = np.maximum(clip(-gap, 0, 1) * served, c.unmet_distrust * unmet)
    trust = asymmetric_update(trust, good, bad, up, loss_ratio)
    trust = trust + c.trust_reversion * (c.generalised_trust - trust)
    trust = trust + c.talk_weight * has_friends * (friends_mean @ trust - trust)
    return clip(satisfaction, 0, 1), clip(trust, 0, 1)
