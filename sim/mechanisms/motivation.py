"""M3 and M4: crowding-out and knights and knaves.

Control read as distrust lowers intrinsic motivation; autonomy and positive
feedback raise it (Deci, Koestner & Ryan 1999: d = -0.28 for performance-contingent
rewards, +0.33 for positive feedback; Falk & Kosfeld 2006; Bernstrøm & Svare 2017).
People differ: each worker has their own sensitivity, and a minority is not
affected at all. Public-service motivation (Le Grand 2003: knights and knaves) is a
trait each worker brings; the regime moves motivation around it.
"""

from __future__ import annotations


from . import clip

ADJUST = 0.03  # share of the gap to the target closed per week


def motivation_target(public_service_motivation, sensitivity, control, felt_trust,
                      incentive_strength, discretion, support, positive_feedback, reform_boost):
    """Where motivation is heading this week (0-1)."""
    # Sized to Deci et al.'s effect sizes (d = -0.28 and +0.33, with motivation's spread
    # across staff of about 0.2): a few hundredths to about 0.1 at the extremes.
    crowding = sensitivity * (0.2 * control * (1.0 - felt_trust) + 0.06 * incentive_strength)
    crowding_in = 0.1 * discretion + 0.05 * support + 0.1 * positive_feedback
    return clip(public_service_motivation + crowding_in - crowding + reform_boost, 0.0, 1.0)


def update_motivation(motivation, target):
    return clip(motivation + ADJUST * (target - motivation), 0.0, 1.0)
