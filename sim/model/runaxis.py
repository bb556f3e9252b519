"""The run axis: how the week's phases (``sim.model.phases``) read and sum over a batch
of runs whose state arrays have one row per run (``sim.model.engine``). Each helper
keeps a run's numbers to that run's row, in the order a run alone would use them.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def total(values) -> np.ndarray:
    """Each run's sum over its agents, as a column (runs, 1)."""
    return _sum(values, axis=-1, keepdims=True)


def average(values) -> np.ndarray:
    """Each run's mean over its agents, as a column (runs, 1)."""
    return _sum(values, axis=-1, keepdims=True) / values.shape[-1]


_sum = np.add.reduce  # what ndarray.sum calls, without its Python wrapper


def stacked(rows) -> np.ndarray:
    """Each run's draws stacked on the run axis (second to last)."""
    return np.stack(rows, axis=-2) if len(rows) > 1 else rows[0][..., np.newaxis, :]


class RunAxis:
    """Helpers over the run axis (mixed into the engine's phases)."""
    p: Any
    R: int
    n_staff: int
    streams: list
    caseworker_flat: np.ndarray  # citizen -> staff slot in the flattened (runs x staff) array
    unit_flat: np.ndarray  # staff -> unit slot in the flattened (runs x units) array

    def draws(self, stream: str, method: str, *shape: int) -> np.ndarray:
        """One draw of ``shape`` from each run's weekly ``stream``, stacked on the run axis
        (second to last)."""
        return stacked([getattr(s.weekly(stream), method)(shape) for s in self.streams])

    def of_caseworker(self, staff_values) -> np.ndarray:
        """Each citizen's caseworker's value, (runs, citizens)."""
        return staff_values.ravel()[self.caseworker_flat]

    def per_caseworker(self, citizen_values) -> np.ndarray:
        """Sum of citizens' values over each caseworker, (runs, staff)."""
        return np.bincount(self.caseworker_flat.ravel(), weights=citizen_values.ravel(),
                           minlength=self.R * self.n_staff).reshape(self.R, self.n_staff)

    def per_unit(self, staff_values) -> np.ndarray:
        """Sum of staff's values over each unit, (runs, units)."""
        return np.bincount(self.unit_flat.ravel(), weights=staff_values.ravel(),
                           minlength=self.R * self.p.units).reshape(self.R, self.p.units)
