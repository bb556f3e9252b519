"""M2: gaming (Campbell's and Goodhart's laws): reported performance detaches from
true performance.

Bevan & Hood 2006 ("What's measured is what matters"); Hood 2006. Gaming grows with
target pressure x (1 - perceived detection) x (1 - integrity), and with a skill at
gaming that staff learn over time under targets (which is why indicators lose their
power to tell good from bad performers: van Thiel & Leeuw 2002). Those just below a
target threshold are the most tempted: reported values bunch just above it.
Tick-box items (documentation completeness) follow pay and checks closely and fall
fast when they go (Morales et al. 2023, QOF in Scotland).
"""

from __future__ import annotations

import numpy as np

from . import clip


BUNCH_BAND = 0.15   # how far below the threshold a worker still games up to it


def threshold(target_pressure):
    """The target on the measured score (0-1) that the regime presses for."""
    return 0.3 + 0.5 * target_pressure


def gaming_intensity(propensity: float, target_pressure, audit_rate, integrity, gaming_skill,
                     indicators):
    """How much a worker games this week (0-1)."""
    detection = 0.8 * audit_rate
    has_targets = (indicators > 0).astype(float)
    return clip(propensity * target_pressure * (1.0 - detection) * (1.0 - integrity)
                   * (0.3 + 0.7 * gaming_skill) * has_targets * 6.0, 0.0, 1.0)


def report(measured_score, intensity, target, draw):
    """Reported score: inflated by gaming, and pushed just above the threshold by those
    within ``BUNCH_BAND`` below it. ``draw``: one uniform per worker."""
    reported = measured_score + intensity * (1.0 - measured_score)
    near = (reported < target) & (reported >= target - BUNCH_BAND)
    bunch = near & (draw < 2.0 * intensity)
    reported = np.where(bunch, target + 0.03 * draw, reported)
    return clip(reported, 0.0, 1.0)


def learn_gaming(gaming_skill, target_pressure, indicators, integrity):
    """Staff learn to game where targets press, those with less integrity faster (up to
    6% of the remaining room a week): the perverse learning behind the performance
    paradox (van Thiel & Leeuw 2002)."""
    rate = 0.06 * target_pressure * (1.0 - integrity) * (indicators > 0)
    return gaming_skill + rate * (1.0 - gaming_skill)


def tickbox_target(incentive_strength, coverage, monitoring, audit_rate):
    """Documentation completeness staff aim for (0-1): tick-box items follow pay and checks."""
    return clip(0.35 + 0.45 * incentive_strength * coverage + 0.1 * monitoring
                   + 0.1 * audit_rate, 0.0, 1.0)
