"""All shares and scores stay in [0, 1], with no NaN or infinity, over 2,000 weeks at the
allowed extremes of every lever, behaviour input and coefficient: whatever a user
sets within the documented bounds, the model stays meaningful."""

import numpy as np
import pytest

from sim import SteeringModel
from sim.inputs.schema import PAYMENT_SHARES, SPEC_LIST
from sim.model.metrics import BOUNDED, INDEX, METRICS
from sim.model.state import FIELDS

pytestmark = pytest.mark.slow
TINY = dict(units=3, staff_per_unit=4, citizens=120, burn_in=52)
GROUPS = ("regime", "behaviour", "coefficient")


def extreme(spec, end):
    if spec.choices:
        return spec.choices[0 if end == "low" else -1]
    return spec.low if end == "low" else spec.high


def allowed(corner: dict) -> dict:
    """A provider's payment shares add up to at most 1: where they are at their top, each
    share in turn takes what the ones before it leave (the allowed extreme: per visit all of
    it, the others none)."""
    left = 1.0
    for name in PAYMENT_SHARES:
        corner[name] = min(corner[name], left)
        left -= corner[name]
    return corner


def corners():
    specs = [s for s in SPEC_LIST if s.group in GROUPS]
    yield "all low", {s.name: extreme(s, "low") for s in specs}
    yield "all high", allowed({s.name: extreme(s, "high") for s in specs})
    yield "levers low, the rest high", {s.name: extreme(s, "low" if s.group == "regime" else "high") for s in specs}
    yield "levers high, the rest low", allowed({s.name: extreme(s, "high" if s.group == "regime" else "low")
                                                for s in specs})
    rng = np.random.default_rng(2026)
    for i in range(6):
        yield f"random corner {i}", allowed({s.name: extreme(s, "low" if rng.random() < 0.5 else "high") for s in specs})


@pytest.mark.parametrize("label,inputs", list(corners()), ids=lambda x: x if isinstance(x, str) else "")
def test_metrics_stay_in_bounds_over_2000_weeks(label, inputs):
    model = SteeringModel(rng=11, collect=False, **TINY, **inputs).run(2000)
    history = np.vstack(model.history[1:])
    assert np.isfinite(history).all(), f"{label}: NaN or inf in " + ", ".join(
        name for name in METRICS if not np.isfinite(history[:, INDEX[name]]).all())
    for name in BOUNDED:
        column = history[:, INDEX[name]]
        assert column.min() >= -1e-12 and column.max() <= 1 + 1e-12, f"{label}: {name} left [0, 1]"
    assert (history[:, INDEX["indicator_validity"]] >= -1 - 1e-12).all()
    assert (history[:, INDEX["cost_per_quality"]] > 0).all()
    for table in (model.staff, model.citizens, model.managers, model.board, model.units):
        for key, values in table.items():
            assert np.isfinite(np.asarray(values, dtype=float)).all(), f"{label}: state {key}"
    # every state its description calls a 0-1 score or share stays one
    for key, field in FIELDS.items():
        if "0-1" in field.doc:
            values = np.asarray(getattr(model, field.table)[key], dtype=float)
            assert values.min() >= -1e-12 and values.max() <= 1 + 1e-12, f"{label}: state {field.table}.{key} left [0, 1]"
