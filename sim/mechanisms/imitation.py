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

from typing import TYPE_CHECKING

import numpy as np

from sim.inputs.spec import coefficient, table
from sim.mechanisms import clip
from sim.model.fields import Array, Fields, Inputs, Reads, Stream, per_unit

if TYPE_CHECKING:
    from sim.model.state import State

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


class Owns(Fields):
    """Units' practices, and what other units see of each."""

    practice_focus: Array = per_unit("the unit's lean towards the measured beyond pay and targets")
    practice_gaming: Array = per_unit("the unit's gaming norm")
    looks: Array = per_unit("what other units see of this unit")


READS = Reads(fields=("unit_reported", "unit_quality", "target_pressure_in_force"))
#: The practices units copy: their lean towards the measured and their gaming norm.
PRACTICES = ("practice_focus", "practice_gaming")
IMITATION = Stream("imitation", "whether each unit compares itself this week, with whom (and a third "
                                "uniform, unused), each practice's drift, and what peers see of it",
                   "unit", (("random", 3), ("standard_normal", len(PRACTICES)), ("standard_normal", 1)))
STREAMS = (IMITATION,)
RESULTS = ("practice_drift",)


def looks(*, unit_reported: Array, unit_quality: Array, target_pressure: Array, peer_draw: Array,
          c: Inputs) -> Array:
    """What other units see of a unit (one value per unit)."""
    return target_pressure * unit_reported + (1 - target_pressure) * (unit_quality
                                                                 + c.peer_noise * peer_draw)


def copy_practices(*, practice: Array, signal: Array, other: Array, compares: Array, drift_draw: Array,
                   c: Inputs) -> Array:
    """Practices (rows: kind, columns: units) after one week. ``other``: the unit each
    unit would look at; ``compares``: whether it looks this week; ``drift_draw``:
    standard normals shaped like ``practice``."""
    better = compares & (np.take_along_axis(signal, other, -1) > signal)
    seen = np.take_along_axis(practice, other[None], -1)
    practice = practice + better * c.imitation_strength * (seen - practice)
    return clip(practice + c.innovation_sd * drift_draw, -c.max_practice, c.max_practice)


def applicant_low_motivation(*, low_motivation_share: Array, incentive_strength: Array, discretion: Array,
                             c: Inputs) -> Array:
    """Share of low-motivation people among applicants, given the regime."""
    return clip(low_motivation_share * (1 + c.pool_sorting * (incentive_strength - discretion)),
                0, 1)


# ------------------------------------------------------------------ steps of the week
def imitate(s: State) -> None:
    """Now and then a unit looks at another and copies part of its practices if it
    looks better: by its reports where targets press, by peers' view of its real work
    where they do not. Practices also drift a little."""
    c, n_units = s.c, s.p.units
    draws, drift, peer = s.draw(IMITATION)
    s.looks = looks(unit_reported=s.unit_reported, unit_quality=s.unit_quality,
                    target_pressure=s.target_pressure_in_force, peer_draw=peer, c=c)
    if n_units == 1:
        return  # no other unit to look at
    other = (np.arange(n_units) + 1 + (draws[1] * (n_units - 1)).astype(int)) % n_units
    practice = np.stack([s.practice_focus, s.practice_gaming])
    practice = copy_practices(practice=practice, signal=s.looks, other=other, compares=draws[0] < c.imitation_rate,
                              drift_draw=drift, c=c)
    s.practice_focus, s.practice_gaming = practice[0], practice[1]
