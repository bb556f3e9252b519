"""The run axis: how the mechanisms sum and average over a batch of runs whose state
arrays have one row per run (``sim.model.state``). Each helper keeps a run's numbers to
that run's row, in the order a run alone would use them.
"""

from __future__ import annotations

import numpy as np


def total(values: np.ndarray) -> np.ndarray:
    """Each run's sum over its agents, as a column (runs, 1)."""
    return _sum(values, axis=-1, keepdims=True)


def average(values: np.ndarray) -> np.ndarray:
    """Each run's mean over its agents, as a column (runs, 1)."""
    return _sum(values, axis=-1, keepdims=True) / values.shape[-1]


_sum = np.add.reduce  # what ndarray.sum calls, without its Python wrapper


#: Where the run axis sits in a stack of each run's draws: second to last (a draw of
#: shape (k, agents) per run stacks to (k, runs, agents)).
RUN_AXIS = -2


def stacked(rows: list) -> np.ndarray:
    """Each run's draws stacked on the run axis (second to last)."""
    return np.stack(rows, axis=RUN_AXIS) if len(rows) > 1 else rows[0][..., np.newaxis, :]
