"""Today's model against the checked-in baseline (update: python -m sim.science.baseline --update)."""

import json

import pytest

from sim.science import baseline


def test_fixed_runs_match_the_baseline():
    expected = json.loads(baseline.PATH.read_text())
    current = baseline.summary()
    assert current.keys() == expected.keys()
    for run, metrics in expected.items():
        for name, value in metrics.items():
            assert current[run][name] == pytest.approx(value, rel=1e-6, abs=1e-9), (
                f"{run} {name} changed; if deliberate: python -m sim.science.baseline --update")
