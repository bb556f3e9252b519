"""All shares and scores stay in [0, 1], with no NaN, over 2,000 weeks at the extremes
of every lever (and of the behaviour assumptions)."""

import numpy as np
import pytest

from sim import SteeringModel
from sim.model.metrics import BOUNDED, INDEX, METRICS
from sim.inputs.schema import SPEC_LIST

TINY = dict(units=3, staff_per_unit=4, citizens=120)


def extremes(end: str, group: str) -> dict:
    out = {}
    for spec in SPEC_LIST:
        if spec.group != group:
            continue
        if spec.choices:
            out[spec.name] = spec.choices[0 if end == "low" else -1]
        else:
            out[spec.name] = spec.low if end == "low" else spec.high
    return out


def corners():
    rng = np.random.default_rng(2026)
    yield "all low", {**extremes("low", "regime"), **extremes("low", "behaviour")}
    yield "all high", {**extremes("high", "regime"), **extremes("high", "behaviour")}
    yield "levers low, behaviour high", {**extremes("low", "regime"), **extremes("high", "behaviour")}
    yield "levers high, behaviour low", {**extremes("high", "regime"), **extremes("low", "behaviour")}
    low = {**extremes("low", "regime"), **extremes("low", "behaviour")}
    high = {**extremes("high", "regime"), **extremes("high", "behaviour")}
    for i in range(4):  # random corners of the lever/behaviour cube
        pick = rng.random(len(low)) < 0.5
        yield f"random corner {i}", {k: (high[k] if p else low[k]) for k, p in zip(low, pick)}


@pytest.mark.parametrize("label,inputs", list(corners()), ids=lambda x: x if isinstance(x, str) else "")
def test_metrics_stay_in_bounds_over_2000_weeks(label, inputs):
    model = SteeringModel(rng=11, collect=False, **TINY, **inputs).run(2000)
    history = np.vstack(model.history[1:])  # week 0 has no flows yet
    assert np.isfinite(history).all(), f"{label}: NaN or inf in " + ", ".join(
        name for name in METRICS if not np.isfinite(history[:, INDEX[name]]).all())
    for name in BOUNDED:
        column = history[:, INDEX[name]]
        assert column.min() >= 0.0 and column.max() <= 1.0, f"{label}: {name} left [0, 1]"
    assert (history[:, INDEX["indicator_validity"]] >= -1).all()
    assert (history[:, INDEX["cost_per_quality"]] > 0).all()
    for table in (model.staff, model.citizens, model.managers, model.board):
        for key, values in table.items():
            assert np.isfinite(np.asarray(values, dtype=float)).all(), f"{label}: state {key}"
