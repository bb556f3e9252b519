"""M1 and M2, the indicators themselves: what they see, how noisily, what they report,
and how targets are set.

An indicator reads the measured part of a worker's work with noise; more indicators
average more of it out. Pay tied to a noisy signal buys less effort, because effort
moves it less reliably (Holmström & Milgrom 1991: the right intensity falls as
measurement noise rises). An honest reading is unbiased: on average it is the measured
score, spread by the noise but never outside 0-1 (shaped like a Beta, so that noise alone
neither lowers scores near the top nor raises them near the bottom). Reported values are
that reading plus what gaming adds; those just below the target are tempted to push their report just above
it (bunching: Bevan & Hood 2006). Where next year's target ratchets on this year's
result, strategic staff hold back (the ratchet effect, Weitzman 1980).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_unit, per_worker
from sim.numerics import split_reading
from sim.units import WEEKS_PER_YEAR

if TYPE_CHECKING:
    from sim.model.state import State

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
    coefficient("standing_weeks", 26.0, "weeks", (8.0, 52.0),
                "weeks of a unit's reports its standing averages: what a league table or a target "
                "review shows, and what the pressure on the unit follows",
                "league tables and target reviews are termly or yearly; size: assumption", low=1.0),
    coefficient("ratchet_holdback", 0.3, "share of measured effort", (0.1, 0.5),
                "measured effort a strategic (low-motivation) worker holds back when the "
                "target fully ratchets on this year's result", "Weitzman 1980"),
)


class Owns(Fields):
    """What the indicators read and report, and the targets they are held to."""

    indicator_noise: Array = per_unit("SD of the noise on a worker's measured score, after averaging "
                                      "over the indicators in force")
    incentive_power: Array = per_unit("how much of pay's pull survives the noise in the signal, 0-1")
    has_indicators: Array = per_unit("1 where any indicator is in force, else 0")
    reported: Array = per_worker("reported score on the indicators this week, 0-1")
    inflation: Array = per_worker("this week's report less what honest reporting would have said")
    unit_reported: Array = per_unit("the unit's mean reported score this week")
    unit_standing: Array = per_unit("the unit's standing: its mean report, averaged over about "
                                    "standing_weeks", start=0.6)
    target: Array = per_unit("target on the measured score, with the ratchet")
    ratchet_bonus: Array = per_unit("how far the ratchet has raised the target")
    reported_sum: Array = per_unit("reports summed since the target was last set")


READS = Reads(fields=("indicators_in_force", "target_pressure_in_force", "measured_score", "gaming"),
              levers=("target_ratchet",),
              inputs=("measurement_noise",))
REPORTS = Stream("reports", "each worker's indicator reading (its noise) and whether a near miss "
                            "is pushed over the target", "worker", (("random", 2),))
STREAMS = (REPORTS,)
RESULTS = ("reported_outcomes", "reported_performance", "tickbox_compliance", "gaming_gap",
           "manipulation", "bunching", "below_target", "indicator_validity")


def noise_sd(*, measurement_noise: Array, indicators: Array, c: Inputs) -> Array:
    """SD of the noise on a worker's measured score, after averaging over indicators."""
    return measurement_noise / np.sqrt(1 + indicators / c.noise_indicators)


def incentive_power(*, noise: Array, c: Inputs) -> Array:
    """How much of pay's pull on effort survives the noise (0-1)."""
    return 1 / (1 + c.risk_aversion * noise * noise)


def threshold(*, target_pressure: Array, c: Inputs) -> Array:
    """The target on the measured score (0-1) the regime presses for, before any ratchet."""
    return c.target_base + c.target_per_pressure * target_pressure


def ratcheted(*, base_target: Array, last_year_result: Array, ratchet: Array) -> Array:
    """Next year's target: the base target raised by ``ratchet`` (0-1) of how far this
    year's result exceeded it."""
    return base_target + ratchet * np.maximum(last_year_result - base_target, 0)


def holdback(*, ratchet: Array, target_pressure: Array, motivation: Array, c: Inputs) -> Array:
    """Share of measured effort held back against a ratcheting target: strategic staff
    (low motivation) hold back, committed ones do not."""
    return ratchet * target_pressure * c.ratchet_holdback * (1 - motivation)


def reading(*, measured_score: Array, noise: Array, draw: Array) -> Array:
    """An honest indicator's reading (0-1) of a measured score, from one uniform ``draw``
    per worker: mean exactly the score, SD ``noise`` where the score is far from the ends
    and less near them (the variance is m(1-m) noise^2 / (m(1-m) + noise^2) for score m), and
    the skewness of a Beta distribution with that mean and variance (``numerics.split_reading``:
    two uniform pieces meeting at the score). Like the sampling noise of a share (the share
    of patients seen within four hours), it vanishes at the ends: a worker whose measured
    work is all but perfect is rarely misread, and near the top the readings lean towards 1
    with a thin tail below."""
    return split_reading(measured_score, noise, draw)


def report(*, measured_score: Array, gaming: Array, noise: Array, noise_draw: Array, target: Array,
           bunch_draw: Array, c: Inputs) -> tuple[Array, Array]:
    """(reported score, inflation) (0-1, score units): an honest ``reading`` of the
    measured score (``noise_draw`` uniform 0-1), plus what gaming adds; reports within
    ``bunch_band`` below the target are pushed just above it with a probability that
    grows with gaming. ``inflation`` is the report less what honest reporting with the
    same noise would have said: what an audit of the records can find."""
    honest = reading(measured_score=measured_score, noise=noise, draw=noise_draw)
    reported = clip(honest + gaming * (1 - measured_score) * c.manipulation_reach, 0, 1)
    near = (reported < target) & (reported >= target - c.bunch_band)
    bunch = near & (bunch_draw < c.bunch_propensity * gaming)
    reported = clip(np.where(bunch, target + c.bunch_margin * bunch_draw, reported), 0, 1)
    return reported, reported - honest


# ------------------------------------------------------------------ steps of the week
def weigh_indicators(s: State) -> None:
    """How noisy the indicators in force are, and so how much power pay tied to them has."""
    c = s.c
    s.indicator_noise = noise_sd(measurement_noise=c.measurement_noise, indicators=s.indicators_in_force, c=c)
    s.incentive_power = incentive_power(noise=s.indicator_noise, c=c)
    s.has_indicators = (s.indicators_in_force > 0).astype(float)


def read_and_report(s: State) -> None:
    """Each worker's indicators read the measured work with noise; gaming adds to the
    report, and near misses are pushed over the target."""
    (noise_draw, bunch_draw), = s.draw(REPORTS)
    s.reported, s.inflation = report(measured_score=s.measured_score, gaming=s.gaming,
                                     noise=s.at_worker(s.indicator_noise), noise_draw=noise_draw,
                                     target=s.at_worker(s.target), bunch_draw=bunch_draw, c=s.c)
    s.unit_reported = s.per_unit(s.reported) / s.p.staff_per_unit
    # A unit is judged on its results over a term or a year, not on one week's noise
    s.unit_standing += (s.unit_reported - s.unit_standing) / s.c.standing_weeks


def set_targets(s: State) -> None:
    """Targets follow the pressure each week; once a year the ratchet raises them by
    part of how far the year's reports exceeded them (Weitzman 1980)."""
    base = threshold(target_pressure=s.target_pressure_in_force, c=s.c)
    s.reported_sum += s.unit_reported
    if s.week % WEEKS_PER_YEAR == 0:
        year_mean = s.reported_sum / WEEKS_PER_YEAR
        s.ratchet_bonus = ratcheted(base_target=base, last_year_result=year_mean,
                                    ratchet=s.lever.target_ratchet) - base
        s.reported_sum[:] = 0
    s.target = base + s.ratchet_bonus
