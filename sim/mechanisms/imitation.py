"""Selection on a proxy: units copy the practices of units that look better, and hire
from a labour pool the regime shapes (Braganza 2022; Smaldino & McElreath 2016).

Each unit has practices: how far its staff lean towards the measured tasks beyond what
pay and targets ask, and how much gaming its norms tolerate. Now and then a unit looks
at another; if the other looks better, it copies part of its practices. What "looks
better" means depends on the regime: where targets are pressed (league tables) it is
the reported score, otherwise what peers see of the real work (noisily). Practices also
drift a little at random. So under pressed targets practice drifts towards the proxy,
with no one cheating on purpose. Applicants sort by the regime: incentive pay draws
more extrinsically motivated people, autonomy more intrinsically motivated ones (Le
Grand 2003; sizes: assumption).
"""

from __future__ import annotations

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip

COEFFICIENTS = table(
    __name__,
    coefficient("imitation_rate", 0.02, "1/week", (0.0, 0.05),
                "chance per week that a unit compares itself with another unit",
                "Braganza 2022; Smaldino & McElreath 2016 (rate: assumption)"),
    coefficient("imitation_strength", 0.5, "share", (0.2, 0.7),
                "share of the difference in practice copied from a better-looking unit"),
    coefficient("peer_noise", 0.1, "score SD", (0.03, 0.2),
                "noise in what peers see of another unit's real work"),
    coefficient("innovation_sd", 0.015, "practice SD per week", (0.005, 0.025),
                "random weekly drift in a unit's practices (new ideas, people)"),
    coefficient("max_practice", 0.3, "share", (0.15, 0.5),
                "the largest lean towards the measured, or gaming norm, a practice can reach"),
    coefficient("pool_sorting", 0.3, "share", (0.0, 0.6),
                "how much the regime shifts the low-motivation share among applicants: "
                "up with incentive pay, down with discretion", "Le Grand 2003 (size: assumption)"),
)


def looks(reported, true_quality, target_pressure, peer_draw, c):
    """What other units see of a unit (one value per unit)."""
    return target_pressure * reported + (1 - target_pressure) * (true_quality
                                                                 + c.peer_noise * peer_draw)


def copy_practices(practice, signal, other, compares, drift_draw, c):
    """Practices (rows: kind, columns: units) after one week. ``other``: the unit each
    unit would look at; ``compares``: whether it looks this week; ``drift_draw``:
    standard normals shaped like ``practice``."""
    better = compares & (np.take_along_axis(signal, other, -1) > signal)
    seen = np.take_along_axis(practice, other[None], -1)
    practice = practice + better * c.imitation_strength * (seen - practice)
    return clip(practice + c.innovation_sd * drift_draw, -c.max_practice, c.max_practice)


def applicant_low_motivation(low_motivation_share, incentive_strength, discretion, c):
    """Share of low-motivation people among applicants, given the regime."""
    return clip(low_motivation_share * (1 + c.pool_sorting * (incentive_strength - discretion)),
                0, 1)
