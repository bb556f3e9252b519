"""Who the staff are: the traits people bring to the job, drawn for the first staff and
for every hire (Le Grand 2003: knights and knaves).

Public-service motivation is bimodal: a low-motivation minority ('knaves', share
``low_motivation_share`` in the labour pool) and a committed majority. Integrity
(resistance to gaming) varies around a mean; so does each person's sensitivity to
control (crowding-out), with a minority not affected at all (Falk & Kosfeld 2006).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_citizen, per_politician, per_worker

if TYPE_CHECKING:
    from sim.model.state import State

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
    coefficient("attention_floor", 0.5, "score 0-1", (0.25, 0.75),
                "how strongly the least attentive politician reacts to incidents (the most "
                "attentive fully; the rest spread evenly between)",
                "Hood 2011 (size: assumption)"),
    coefficient("resources_shape", 2.0, "Beta a = b", (1.0, 4.0),
                "how citizens' resources to cope with administrative burden spread around the "
                "middle (Beta(a, a): 1 uniform, larger clusters closer to 0.5)",
                "Herd & Moynihan 2018 (spread: assumption)", low=0.5),
    coefficient("start_tenure_weeks", 520, "weeks", (260, 780),
                "longest tenure when the past starts (tenures spread evenly up to it; an "
                "initial condition the past moves)", low=1, kind=int),
    coefficient("start_skill", 0.45, "score 0-1", (0.35, 0.55),
                "skill of a newcomer when the past starts (an initial condition)"),
    coefficient("start_skill_gain", 0.3, "score 0-1", (0.2, 0.4),
                "skill gained with tenure up to start_skill_weeks when the past starts"),
    coefficient("start_skill_weeks", 300.0, "weeks", (150.0, 450.0),
                "tenure by which that gain is complete", low=1),
    coefficient("start_skill_sd", 0.1, "score SD", (0.05, 0.15),
                "spread of skill between people of one tenure when the past starts"),
    coefficient("start_skill_min", 0.2, "score 0-1", (0.1, 0.3), "lowest skill when the past starts"),
    coefficient("start_skill_max", 0.95, "score 0-1", (0.9, 0.98), "highest skill when the past starts"),
)


class Owns(Fields):
    """The traits people bring: staff's motivation, integrity and sensitivity to control,
    politicians' attention to incidents, citizens' resources."""

    public_service_motivation: Array = per_worker("the motivation this person brings (trait), 0-1",
                                                  start=None)
    integrity: Array = per_worker("resistance to gaming, 0-1", start=None)
    crowding_sensitivity: Array = per_worker("how strongly control lowers this person's motivation",
                                             start=None)
    attention: Array = per_politician("how strongly this politician reacts to incidents, 0-1", start=None)
    resources: Array = per_citizen("how well this citizen copes with administrative burden, 0-1",
                                   start=None)


READS = Reads(inputs=("low_motivation_share", "crowding_sensitivity", "unaffected_share", "generalised_trust",
                      "start_trust_spread"),
              updates=("motivation", "tenure", "skill", "trust"))
START_STAFF = Stream("init.staff", "the first staff's traits, tenure and skill")
START_BOARD = Stream("init.board", "the politicians' attention")
START_CITIZENS = Stream("init.citizens", "citizens' resources and their trust at the start")
STREAMS = (START_STAFF, START_BOARD, START_CITIZENS)
RESULTS = ("low_motivation_staff",)


def motivation_trait(*, low: Array, draw: Array, c: Inputs) -> Array:
    """Public-service motivation (0-1) for people who are low-motivation (``low``) or
    not; ``draw`` one uniform each. People spread ``motivation_range`` above their
    group's base, or as far as the top of the scale leaves room for."""
    base = np.where(low, c.motivation_low, c.motivation_high)
    return base + np.minimum(c.motivation_range, 1 - base) * draw


def integrity(*, rng: np.random.Generator, n: int, c: Inputs) -> Array:
    """Integrity of ``n`` people (Beta with the given mean and concentration)."""
    a = c.integrity_mean * c.integrity_concentration
    return rng.beta(a, c.integrity_concentration - a, n)


def sensitivity(*, rng: np.random.Generator, n: int, crowding_sensitivity: Array, unaffected_share: Array,
                c: Inputs) -> Array:
    """Each person's crowding sensitivity: zero for the unaffected minority."""
    unaffected = rng.random(n) < unaffected_share
    return np.where(unaffected, 0, crowding_sensitivity * rng.lognormal(0, c.sensitivity_spread, n))


def draw_people(s: State) -> None:
    """The people at the start of the past, each run from its own streams: staff's
    traits, tenure and skill; politicians' attention; citizens' resources and trust."""
    n_staff, n_citizens = s.n_staff, s.p.citizens
    for run, (streams, c) in enumerate(zip(s.streams, s.run_c)):
        r = streams(START_STAFF.name)
        low = r.random(n_staff) < c.low_motivation_share
        psm = motivation_trait(low=low, draw=r.random(n_staff), c=c)
        s.public_service_motivation[run] = psm
        s.motivation[run] = psm
        s.crowding_sensitivity[run] = sensitivity(rng=r, n=n_staff, crowding_sensitivity=c.crowding_sensitivity,
                                                  unaffected_share=c.unaffected_share, c=c)
        tenure = r.integers(0, c.start_tenure_weeks, n_staff).astype(float)
        s.tenure[run] = tenure
        s.skill[run] = np.clip(c.start_skill + c.start_skill_gain * np.minimum(tenure / c.start_skill_weeks, 1)
                               + c.start_skill_sd * r.standard_normal(n_staff), c.start_skill_min, c.start_skill_max)
        s.integrity[run] = integrity(rng=r, n=n_staff, c=c)
        r = streams(START_BOARD.name)
        s.attention[run] = c.attention_floor + (1 - c.attention_floor) * r.random(s.p.politicians)
        r = streams(START_CITIZENS.name)
        s.resources[run] = r.beta(c.resources_shape, c.resources_shape, n_citizens)
        s.trust[run] = np.clip(c.generalised_trust + c.start_trust_spread * r.standard_normal(n_citizens), 0, 1)
