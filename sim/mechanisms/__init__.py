"""The model's submodels, one module per mechanism.

Each module declares, beside its logic (docs/architecture.md):

* ``COEFFICIENTS``: every number its logic uses, with default, unit, plausible range
  and source (or "assumption"). The logic itself holds no numeric literal but 0 and 1
  (a test parses the source to check), so every assumption is an input a user can see
  with ``steersim list``, change with ``--set`` and sweep;
* ``class Owns``: the state fields it owns, with their axis and meaning
  (``sim.model.fields``); ``READS``: what else it reads and changes; ``STREAMS``: its
  named random streams; ``RESULTS``: the metrics that report on it;
* keyword-only, typed functions of arrays (pure: state in, new values out), and its
  steps: functions of the state (``step(s)``) that the week plan calls in order
  (``sim.model.plan.WEEK``; ``steersim list --week``).
"""

from typing import Any as _Any

import numpy as _np

MODULES = ("population", "workload", "measurement", "gaming", "effort", "followup", "audits", "delivery",
           "motivation", "trust", "strain", "learning", "steering", "incidents", "rules",
           "staffing", "citizens", "change", "imitation", "market")


def clip(values: _np.ndarray, low: _Any, high: _Any) -> _np.ndarray:
    """``np.clip`` without its Python-level dispatch, which costs more than the
    arithmetic at the model's default size."""
    return _np.minimum(_np.maximum(values, low), high)


def saturating(x: _np.ndarray, half: _Any) -> _np.ndarray:
    """x / (x + half): 0 at 0, a half at ``half``, approaching 1."""
    return x / (x + half)
