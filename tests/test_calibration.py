"""The npm preset falls inside the Swedish calibration bands (docs/calibration.md)."""

import pytest

from sim.science.calibration import TARGETS, run_targets


@pytest.fixture(scope="module")
def table():
    frame, _ = run_targets(range(1, 5), workers=2)
    return frame.set_index("target")


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_model_inside_observed_band(table, target):
    row = table.loc[target.name]
    assert target.band[0] <= row["model"] <= target.band[1], (
        f"{target.name}: model {row['model']:.3f} outside {target.band} ({target.source})")
