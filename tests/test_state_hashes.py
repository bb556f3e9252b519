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
