"""Who the staff are: the traits people bring to the job, drawn for the first staff and
for every hire (Le Grand 2003: knights and knaves).

Public-service motivation is bimodal: a low-motivation minority ('knaves', share
``low_motivation_share`` in the labour pool) and a committed majority. Integrity
(resistance to gaming) varies around a mean; so does each person's sensitivity to
control (crowding-out), with a minority not affected at all (Falk & Kosfeld 2006).
"""

from __future__ import annotations

import numpy as np

from sim.inputs.spec import coefficient, table

COEFFICIENTS = table(
    __name__,
    coefficient("motivation_low", 0.05, "score 0-1", (0.0, 0.15),
                "lowest public-service motivation of a low-motivation person", "Le Grand 2003"),
    coefficient("motivation_high", 0.65, "score 0-1", (0.55, 0.75),
                "lowest public-service motivation of a committed person", "Le Grand 2003"),
    coefficient("motivation_range", 0.2, "score 0-1", (0.1, 0.25),
                "spread of motivation within each group (uniform)"),
    coefficient("integrity_mean", 0.67, "score 0-1", (0.5, 0.8),
                "mean integrity (resistance to gaming)", "Bevan & Hood 2006 (size: assumption)", low=0.01, high=0.99),
    coefficient("integrity_concentration", 6.0, "Beta a+b", (3.0, 12.0),
                "how tightly integrity clusters around its mean (Beta distribution)", low=0.5),
    coefficient("sensitivity_spread", 0.4, "lognormal sigma", (0.2, 0.6),
                "spread of crowding sensitivity between people", "Falk & Kosfeld 2006"),
)


def motivation_trait(low, draw, c):
    """Public-service motivation (0-1) for people who are low-motivation (``low``) or
    not; ``draw`` one uniform each. People spread ``motivation_range`` above their
    group's base, or as far as the top of the scale leaves room for."""
    base = np.where(low, c.motivation_low, c.motivation_high)
    return base + np.minimum(c.motivation_range, 1 - base) * draw


def integrity(rng, n, c):
    """Integrity of ``n`` people (Beta with the given mean and concentration)."""
    a = c.integrity_mean * c.integrity_concentration
    return rng.beta(a, c.integrity_concentration - a, n)


def sensitivity(rng, n, crowding_sensitivity, unaffected_share, c):
    """Each person's crowding sensitivity: zero for the unaffected minority."""
    unaffected = rng.random(n) < unaffected_share
    return np.where(unaffected, 0, crowding_sensitivity * rng.lognormal(0, c.sensitivity_spread, n))
