"""M7 (take-up) and the citizens' side of M5: needs arrive, citizens apply or give
up, judge what they get, and talk.

Administrative burden lowers take-up, most for those with few resources (Herd &
Moynihan 2018). Citizens' trust follows the asymmetric rule of M5 and spreads by
word of mouth over their small-world network.
"""

from __future__ import annotations

import numpy as np

from . import clip

from .trust import asymmetric_update

EXPECTATION = 0.65  # quality a citizen takes as "what I should get"
#: Generalised trust in government that experience moves trust around (OECD Trust
#: Survey 2023: Sweden 43%); trust drifts back to it by 1% of the gap a week.
GENERALISED_TRUST = 0.43


def burden(documentation_hours, rules_in_force: float):
    """Burden a citizen meets in applying (0-1): forms that follow the documentation
    demands, plus rules to navigate."""
    return clip(0.5 * documentation_hours / 5.0 + 0.5 * rules_in_force / (rules_in_force + 300.0),
                   0.0, 1.0)


def take_up_probability(burden_of_unit, resources):
    """Probability that a citizen with a need applies: 1 - 0.8 * burden * (1 - resources)."""
    return 1.0 - 0.8 * burden_of_unit * (1.0 - resources)


def poisson_cdf(rate: float) -> np.ndarray:
    """Cumulative Poisson probabilities P(X <= k) for k = 0, 1, ... until they reach 1."""
    k = np.arange(0, int(rate + 12 * np.sqrt(rate) + 12))
    pmf = np.exp(k * np.log(rate) - rate - np.cumsum(np.log(np.maximum(k, 1))))
    return np.cumsum(pmf)


def arrive_needs(need_cdf, complex_share: float, take_up_prob, draws):
    """Cases per citizen this week (Poisson, by inverse transform of one uniform per
    citizen, so a slot's needs never depend on anyone else's), whether the need is
    complex, and whether the citizen applies. ``draws``: uniforms of shape (3, n)."""
    cases = np.searchsorted(need_cdf, draws[0], side="right")
    is_complex = draws[1] < complex_share
    applies = draws[2] < take_up_prob
    return cases, is_complex, applies


TALK_WEIGHT = 0.05  # weight of what friends think in this week's trust


def react(satisfaction, trust, served, unmet, quality_received, friends_mean, has_friends,
          up: float, loss_ratio: float):
    """Citizens update satisfaction and trust from their own case, then talk.

    ``served``/``unmet`` (0/1 floats): got a case handled this week / had a need but
    gave up. ``friends_mean``: the social network's adjacency with rows scaled to sum to
    1, so ``friends_mean @ trust`` is what each citizen hears. Returns (satisfaction, trust).
    """
    satisfaction = (satisfaction + served * 0.3 * (quality_received - satisfaction)) * (1 - 0.05 * unmet)
    gap = (quality_received - EXPECTATION) / 0.3
    good = clip(gap, 0.0, 1.0) * served
    bad = np.maximum(clip(-gap, 0.0, 1.0) * served, 0.5 * unmet)
    trust = asymmetric_update(trust, good, bad, up, loss_ratio)
    trust += 0.01 * (GENERALISED_TRUST - trust)
    trust += TALK_WEIGHT * has_friends * (friends_mean @ trust - trust)
    return clip(satisfaction, 0.0, 1.0), clip(trust, 0.0, 1.0)
