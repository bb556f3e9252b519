"""M1 and M2, the indicators themselves: what they see, how noisily, what they report,
and how targets are set.

An indicator reads the measured part of a worker's work with noise; more indicators
average more of it out. Pay tied to a noisy signal buys less effort, because effort
moves it less reliably (Holmström & Milgrom 1991: the right intensity falls as
measurement noise rises). An honest reading is unbiased: on average it is the measured
score, spread by the noise but never outside 0-1 (a Beta reading, so that noise alone
neither lowers scores near the top nor raises them near the bottom). Reported values are
that reading plus what gaming adds; those just below the target are tempted to push their report just above
it (bunching: Bevan & Hood 2006). Where next year's target ratchets on this year's
result, strategic staff hold back (the ratchet effect, Weitzman 1980).
"""

from __future__ import annotations

import numpy as np
from scipy.special import betaincinv

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip

COEFFICIENTS = table(
    __name__,
    coefficient("noise_indicators", 8.0, "indicators", (3.0, 20.0),
                "indicators over which measurement noise falls by a factor of the square "
                "root of two: more indicators average out more of it", low=0.3),
    coefficient("risk_aversion", 15.0, "1/score^2", (4.0, 40.0),
                "how much noise in the pay signal weakens pay's pull on effort: the "
                "incentive's power is 1 / (1 + risk_aversion x noise^2)",
                "Holmström & Milgrom 1991"),
    coefficient("manipulation_reach", 0.8, "share", (0.5, 1.0),
                "share of the gap to a perfect score that full gaming can add to a report",
                "Bevan & Hood 2006 (size: assumption)"),
    coefficient("target_base", 0.35, "score 0-1", (0.25, 0.45),
                "target on the measured score with no target pressure"),
    coefficient("target_per_pressure", 0.55, "score 0-1", (0.35, 0.7),
                "how much full target pressure raises the target"),
    coefficient("bunch_band", 0.12, "score 0-1", (0.05, 0.2),
                "how far below the target a worker still pushes a report up to it",
                "Bevan & Hood 2006"),
    coefficient("bunch_margin", 0.03, "score 0-1", (0.01, 0.05),
                "how far above the target bunched reports land at most"),
    coefficient("bunch_propensity", 2.0, "1/gaming", (1.0, 4.0),
                "probability of pushing a near-miss report over the target, per unit of "
                "gaming intensity"),
    coefficient("ratchet_holdback", 0.3, "share of measured effort", (0.1, 0.5),
                "measured effort a strategic (low-motivation) worker holds back when the "
                "target fully ratchets on this year's result", "Weitzman 1980"),
)


def noise_sd(measurement_noise, indicators, c):
    """SD of the noise on a worker's measured score, after averaging over indicators."""
    return measurement_noise / np.sqrt(1 + indicators / c.noise_indicators)


def incentive_power(noise, c):
    """How much of pay's pull on effort survives the noise (0-1)."""
    return 1 / (1 + c.risk_aversion * noise * noise)


def threshold(target_pressure, c):
    """The target on the measured score (0-1) the regime presses for, before any ratchet."""
    return c.target_base + c.target_per_pressure * target_pressure


def ratcheted(base_target, last_year_result, ratchet):
    """Next year's target: the base target raised by ``ratchet`` (0-1) of how far this
    year's result exceeded it."""
    return base_target + ratchet * np.maximum(last_year_result - base_target, 0)


def holdback(ratchet, target_pressure, motivation, c):
    """Share of measured effort held back against a ratcheting target: strategic staff
    (low motivation) hold back, committed ones do not."""
    return ratchet * target_pressure * c.ratchet_holdback * (1 - motivation)


def reading(measured_score, noise, draw):
    """An honest indicator's reading (0-1) of a measured score: a Beta draw (``draw``
    uniform 0-1, by its inverse distribution) whose mean is the score and whose SD is
    ``noise`` where the score is far from the ends, less near them (the variance is
    m(1-m) noise^2 / (m(1-m) + noise^2) for score m). Like the sampling noise of a share
    (the share of patients seen within four hours), it vanishes at the ends: a worker
    whose measured work is all but perfect is rarely misread, and near the top the
    readings lean towards 1 with a thin tail below."""
    spread = measured_score * (1 - measured_score)
    noisy = (noise > 0) & (spread > 0)
    concentration = np.where(noisy, spread, 1) / np.where(noisy, noise * noise, 1)
    a = np.where(noisy, measured_score * concentration, 1)
    b = np.where(noisy, (1 - measured_score) * concentration, 1)
    return np.where(noisy, betaincinv(a, b, draw), measured_score)


def report(measured_score, gaming, noise, noise_draw, target, bunch_draw, c):
    """(reported score, inflation) (0-1, score units): an honest ``reading`` of the
    measured score (``noise_draw`` uniform 0-1), plus what gaming adds; reports within
    ``bunch_band`` below the target are pushed just above it with a probability that
    grows with gaming. ``inflation`` is the report less what honest reporting with the
    same noise would have said: what an audit of the records can find."""
    honest = reading(measured_score, noise, noise_draw)
    reported = clip(honest + gaming * (1 - measured_score) * c.manipulation_reach, 0, 1)
    near = (reported < target) & (reported >= target - c.bunch_band)
    bunch = near & (bunch_draw < c.bunch_propensity * gaming)
    reported = clip(np.where(bunch, target + c.bunch_margin * bunch_draw, reported), 0, 1)
    return reported, reported - honest
