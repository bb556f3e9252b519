import numpy as np
import pytest

from sim import SteeringModel
from sim.science.stats import mean_ci

#: A small organisation that keeps the suite fast; the mechanisms are size-free.
SMALL = dict(units=6, staff_per_unit=8, citizens=600)
SEEDS = (1, 2, 3, 4)


def tail_mean(model, metric, weeks=26):
    frame = model.history_frame()
    return float(frame[metric].iloc[-weeks:].mean())


def run(seed, steps=156, **inputs):
    return SteeringModel(rng=seed, collect=False, **{**SMALL, **inputs}).run(steps)


def paired_effect(metric, low: dict, high: dict, steps=156, seeds=SEEDS, weeks=26):
    """Mean and 95% CI over seeds of metric(high) - metric(low), same seeds."""
    diffs = [tail_mean(run(s, steps, **high), metric, weeks) - tail_mean(run(s, steps, **low), metric, weeks)
             for s in seeds]
    return mean_ci(np.array(diffs))


@pytest.fixture
def small():
    return dict(SMALL)
