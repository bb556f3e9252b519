"""Every state array of fixed runs, alone and in a batch, hashes as recorded in
tests/state_hashes.json: a refactor that says it changes no number changes none."""

import json

import pytest
from state_hashes import PATH, compute, new_name


@pytest.fixture(scope="module")
def recorded_and_now():
    return json.loads(PATH.read_text()), compute()


def test_every_state_array_of_every_run_alone_is_unchanged(recorded_and_now):
    recorded, now = recorded_and_now
    assert now["weeks"] == recorded["weeks"]
    changed = [f"{run}: {name}" for run, arrays in recorded["alone"].items()
               for name, value in arrays.items() if now["alone"][run].get(new_name(name)) != value]
    assert not changed, changed[:20]


def test_every_run_in_a_batch_holds_the_same_arrays_as_alone(recorded_and_now):
    recorded, now = recorded_and_now
    changed = [f"{run}: {name}" for run, arrays in recorded["alone"].items()
               for name, value in arrays.items() if now["batched"][run].get(new_name(name)) != value]
    assert not changed, changed[:20]


def test_the_fingerprint_names_the_model_the_hashes_were_made_with():
    # a change to the model (its inputs, fields, streams, week plan or baseline) changes
    # the fingerprint, and the hashes are made again with it
    recorded = json.loads(PATH.read_text())
    from sim.model.fingerprint import fingerprint
    assert recorded["fingerprint"] == fingerprint(), "the model changed: run tests/state_hashes.py --update"


def test_the_fingerprint_moves_with_a_coefficient_the_week_plan_or_the_baseline(monkeypatch):
    import dataclasses

    from sim.model import fingerprint as fp
    before = fp.fingerprint()
    assert len(before) == 12 and fp.fingerprint() == before
    specs = list(fp.SPEC_LIST)
    monkeypatch.setattr(fp, "SPEC_LIST", [dataclasses.replace(specs[0], default=specs[0].default + 1)] + specs[1:])
    fp.fingerprint.cache_clear()
    assert fp.fingerprint() != before
    monkeypatch.setattr(fp, "SPEC_LIST", specs)
    monkeypatch.setattr(fp, "STEPS", fp.STEPS[::-1])
    fp.fingerprint.cache_clear()
    assert fp.fingerprint() != before
    monkeypatch.setattr(fp, "STEPS", fp.STEPS[::-1])
    fp.fingerprint.cache_clear()
    assert fp.fingerprint() == before


def test_the_run_cache_carries_the_fingerprint(monkeypatch):
    # a cached run is found only by the model that made it
    from sim.execution import cache
    from sim.inputs.scenario import load_scenario
    from sim.model import fingerprint as fp
    scenario = load_scenario("trust")
    before = cache.key(scenario, 1, 10, False, code="same code")
    assert cache.key(scenario, 1, 10, False, code="same code") == before
    monkeypatch.setattr(fp, "fingerprint", lambda: "0123456789ab")
    assert cache.key(scenario, 1, 10, False, code="same code") != before
