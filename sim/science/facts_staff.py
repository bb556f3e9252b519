"""SF7's per-worker comparison: the same seed gives the same people in each slot, so a
worker's motivation under low and under high control can be compared directly."""

from __future__ import annotations

import numpy as np

from sim.model.model import SteeringModel
from sim.science.validation import HORIZON


def _one(args):
    low, high, seed = args
    a, b = SteeringModel.from_scenario(low, seed), SteeringModel.from_scenario(high, seed)
    start = a.staff["tenure"].copy()  # the same people: both runs share the history
    a.run(HORIZON)
    b.run(HORIZON)
    stayed = (a.staff["tenure"] == start + HORIZON) & (b.staff["tenure"] == start + HORIZON)
    diff = b.staff["motivation"][stayed] - a.staff["motivation"][stayed]
    return float((diff < -1e-3).mean()), float((np.abs(diff) <= 1e-3).mean())


def per_worker_motivation(lab, low, high):
    """Per seed: (share of staff less motivated under high control, share not affected)."""
    out = np.array(lab.executor.map(_one, [(low, high, s) for s in lab.seeds]))
    return out[:, 0], out[:, 1]
