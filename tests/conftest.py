import numpy as np
import pytest

from sim.science.stats import mean_ci

#: A small organisation that keeps the suite fast; the mechanisms are size-free.
SMALL = dict(units=6, staff_per_unit=8, citizens=600, burn_in=104)
SEEDS = (1, 2, 3, 4)


def tail_mean(model, metric, weeks=26):
    return float(model.history_frame()[metric].iloc[-weeks:].mean())


def run(seed, steps=156, **inputs):
    from sim import SteeringModel
    return SteeringModel(rng=seed, collect=False, **{**SMALL, **inputs}).run(steps)


def paired_effect(metric, low: dict, high: dict, steps=156, seeds=SEEDS, weeks=26):
    """Mean and 95% CI over seeds of metric(high) - metric(low), same seeds."""
    diffs = [tail_mean(run(s, steps, **high), metric, weeks) - tail_mean(run(s, steps, **low), metric, weeks)
             for s in seeds]
    return mean_ci(np.array(diffs))


def cli(capsys, *args):
    """Run ``steersim ARGS`` in this process: (exit status, stdout, stderr)."""
    from sim.cli import main
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture
def small():
    return dict(SMALL)
