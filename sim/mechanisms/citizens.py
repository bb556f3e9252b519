"""M7 (take-up) and the citizens' side of M5: needs arrive, citizens apply or give
up, judge what they get, and talk.

Administrative burden lowers take-up, most for those with few resources (Herd &
Moynihan 2018). Citizens' trust follows the asymmetric rule of M5 and spreads by
word of mouth over their small-world network.
"""

from __future__ import annotations

import numpy as np

from .trust import asymmetric_update

EXPECTATION = 0.45  # quality a citizen takes as "what I should get"
#: Generalised trust in government that experience moves trust around (OECD Trust
#: Survey 2023: Sweden 43%); trust drifts back to it by 1% of the gap a week.
GENERALISED_TRUST = 0.43


def burden(documentation_hours, rules_in_force: float):
    """Burden a citizen meets in applying (0-1): forms that follow the documentation
    demands, plus rules to navigate."""
    return np.clip(0.5 * documentation_hours / 5.0 + 0.5 * rules_in_force / (rules_in_force + 300.0),
                   0.0, 1.0)


def take_up_probability(burden_of_unit, resources):
    """Probability that a citizen with a need applies: 1 - 0.8 * burden * (1 - resources)."""
    return 1.0 - 0.8 * burden_of_unit * (1.0 - resources)


def arrive_needs(need_rate: float, complex_share: float, take_up_prob, rng):
    """Cases per citizen this week (Poisson), whether the need is complex, and whether the
    citizen applies. One draw per citizen per stream, so slots never reshuffle."""
    n = take_up_prob.size
    cases = rng.poisson(need_rate, n)
    is_complex = rng.random(n) < complex_share
    applies = rng.random(n) < take_up_prob
    return cases, is_complex, applies


def react(satisfaction, trust, served, unmet, quality_received, social, degree,
          up: float, loss_ratio: float, talk_weight: float = 0.05):
    """Citizens update satisfaction and trust from their own case, then talk.

    ``served``: got a case handled this week; ``unmet``: had a need but gave up.
    Returns (satisfaction, trust).
    """
    satisfaction = np.where(served, satisfaction + 0.3 * (quality_received - satisfaction),
                            satisfaction)
    satisfaction = np.where(unmet, satisfaction * 0.95, satisfaction)
    good = np.where(served, np.clip((quality_received - EXPECTATION) / 0.3, 0, 1), 0.0)
    bad = np.where(served, np.clip((EXPECTATION - quality_received) / 0.3, 0, 1), 0.0)
    bad = np.maximum(bad, 0.5 * unmet)
    trust = asymmetric_update(trust, good, bad, up, loss_ratio)
    trust = trust + 0.01 * (GENERALISED_TRUST - trust)
    heard = social @ trust
    trust = np.where(degree > 0, (1 - talk_weight) * trust + talk_weight * heard / np.maximum(degree, 1), trust)
    return np.clip(satisfaction, 0, 1), np.clip(trust, 0, 1)
