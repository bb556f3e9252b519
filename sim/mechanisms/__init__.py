"""One module per submodel; each is a set of short, pure, vectorised functions.

State goes in as numpy arrays, new state comes out; nothing here touches the Mesa
model, so each rule can be read, tested and cited on its own. The order in which
the model calls them is in ``sim.model.SteeringModel.step`` and docs/ODD.md.
"""

import numpy as _np


def clip(values, low, high):
    """``np.clip`` without its Python-level dispatch, which costs more than the
    arithmetic at the model's default size (two ufunc calls)."""
    return _np.minimum(_np.maximum(values, low), high)
