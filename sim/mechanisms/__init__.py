"""The model's submodels, one module per mechanism.

Each module holds short, pure, vectorised functions (state in as numpy arrays, new
state out; nothing here touches the Mesa model) and a ``COEFFICIENTS`` table that
declares every number its logic uses: name, default, unit, plausible range and source
(or "assumption"). The logic itself holds no numeric literal but 0 and 1 (a test parses
the source to check), so every assumption is an input a user can see with
``steersim list``, change with ``--set`` and sweep. Functions take the coefficients as
``c``: any object with them as attributes (the model passes its inputs).

The order in which the model calls them is in ``sim.model.model.SteeringModel.step``
and docs/ODD.md.
"""

import numpy as _np

MODULES = ("population", "workload", "measurement", "gaming", "effort", "followup", "audits", "delivery",
           "motivation", "trust", "strain", "learning", "steering", "incidents", "rules",
           "staffing", "citizens", "change", "imitation")


def clip(values, low, high):
    """``np.clip`` without its Python-level dispatch, which costs more than the
    arithmetic at the model's default size."""
    return _np.minimum(_np.maximum(values, low), high)


def saturating(x, half):
    """x / (x + half): 0 at 0, a half at ``half``, approaching 1."""
    return x / (x + half)
