"""Today's model against the shipped baseline (update: python -m sim.science.baseline --update)."""

import json

from sim.science import baseline


def test_fixed_runs_match_the_baseline():
    changed = baseline.differences(baseline.summary(), json.loads(baseline.PATH.read_text()))
    assert not changed, f"{changed[:5]}; if deliberate: python -m sim.science.baseline --update"


def test_a_changed_value_is_caught():
    expected = {"npm/1": {"service_quality": 0.5, "admin_share": 0.3}}
    assert baseline.differences({"npm/1": {"service_quality": 0.5, "admin_share": 0.3}}, expected) == []
    assert baseline.differences({"npm/1": {"service_quality": 0.5001, "admin_share": 0.3}}, expected) == [
        "npm/1 service_quality: 0.5 -> 0.5001"]
    assert baseline.differences({}, expected) == ["npm/1: missing"]
