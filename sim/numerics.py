"""Closed-form distributions the mechanisms draw from, each by inverse transform of one
uniform per agent (so a draw never depends on anyone else's, and common random numbers
hold agent by agent).

Pure mathematics: the numbers in this file are those of the formulas (the moments of a
uniform piece and of a Beta distribution), not assumptions about the world, so they are
in no coefficient table. The run cache's code key covers this file (``sim.execution.cache``).
The choice of the indicator reading, and what it changed, is measured in
benchmarks/reading_numerics.py and benchmarks/reading_effect.py (benchmarks/README.md).
"""

from __future__ import annotations

import numpy as np


def split_reading(mean: np.ndarray, noise, draw: np.ndarray) -> np.ndarray:
    """A noisy reading (0-1) of a share ``mean`` (0-1) with noise ``noise`` (SD), from one
    uniform ``draw`` (0-1) per reading.

    Two uniform pieces meet at the mean: below it ``[mean - lower, mean]`` with probability
    ``upper / (lower + upper)``, above it ``[mean, mean + upper]`` with the rest, so the mean
    is exactly ``mean`` for any lengths. The lengths give the reading the variance and the
    skewness of the Beta distribution with that mean and variance
    ``m(1 - m) noise^2 / (m(1 - m) + noise^2)`` (the sampling noise of a share: about
    ``noise`` away from the ends, vanishing at them, leaning away from the nearer end with a
    thin tail). Where a piece would cross 0 or 1 it stops there and the other keeps the
    variance as far as its own bound allows: at noise 0.1 the skewness is the Beta's between
    about 0.09 and 0.91 and larger nearer the ends (a longer, thinner tail), and the variance
    is the Beta's between 0.021 and 0.979 and smaller beyond; at noise 0.2 the variance is the
    Beta's between 0.088 and 0.912. Two pieces inside 0-1 hold at most m(1 - m) / 3, so above
    noise 0.354 the variance is smaller than the Beta's at every score (at noise 0.5, a third
    to two thirds of it: 0.36 at a score of 0.02, 0.67 at 0.5, 0.49 at 0.86, 0.35 at 0.99). About 60 times cheaper than the Beta's own
    inverse (``scipy.special.betaincinv``), which it replaced. Where ``noise`` is 0 or
    ``mean`` is 0 or 1 the reading is ``mean``.
    """
    spread = mean * (1 - mean)
    smallest = np.finfo(float).tiny
    with np.errstate(under="ignore"):
        # exact where there is no noise to draw: no noise, a score at 0 or 1, or a variance
        # below the smallest normal double (a score or a noise within about 1e-154 of nothing)
        noisy = (noise > 0) & (spread > 0) & (noise * noise >= smallest) & (spread * noise * noise >= smallest)
    # any value inside 0-1 where the reading is exact: it is computed, then not used
    m = np.where(noisy, mean, 0.5)
    n = np.where(noisy, noise, 0.5)
    spread = m * (1 - m)
    variance = spread * n * n / (spread + n * n)
    concentration = spread / (n * n)                                     # the Beta's a + b
    third = 2 * variance * (1 - 2 * m) / (concentration + 2)             # its third central moment
    # pieces of lengths lower, upper: variance lower * upper / 3, third moment
    # lower * upper * (upper - lower) / 4
    gap = 4 * third / (3 * variance)                                     # upper - lower
    lower = np.sqrt(gap * gap / 4 + 3 * variance) - gap / 2
    upper = np.minimum(lower + gap, 1 - m)
    lower = np.minimum(3 * variance / upper, m)
    upper = np.minimum(3 * variance / lower, 1 - m)
    below = upper / (lower + upper)                                      # P(reading < mean)
    with np.errstate(divide="ignore", invalid="ignore"):
        # both pieces are computed for every reading; the one not taken may divide by a
        # probability that rounds to 0 (a score within about 1e-16 of an end)
        reading = np.where(draw < below, m - lower * (1 - draw / below), m + upper * (draw - below) / (1 - below))
    return np.where(noisy, reading, mean)
