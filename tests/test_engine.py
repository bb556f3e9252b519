"""The batched engine as a sweep uses it: a run gives the same numbers, at every week and
in every metric and state, whether it runs alone or in a batch with other seeds, levers,
behaviour inputs, coefficients and events; a batch refuses runs it cannot hold."""

import numpy as np
import pytest
from conftest import SMALL

from sim import SteersimInputError
from sim.inputs.scenario import load_scenario
from sim.model import past
from sim.model.batching import batch_runs
from sim.model.engine import Engine
from sim.model.model import SteeringModel

WEEKS = 110  # past the reform's switch (104), the pilot's start (52) and the scandal (104)

#: Runs that differ in every way a batch allows: seed, preset (levers), timeline events,
#: a behaviour input, coefficients, and two runs on one seed (a shared history).
MIXED = [
    ("npm", 1, {}),
    ("trust", 2, {}),
    ("reform", 1, {}),
    ("pilot", 3, {"measurement_noise": 0.3, "hours_scale": 2.5}),
    ("scandal", 4, {"low_motivation_share": 0.5}),
    ("npm", 1, {"rule_bloat": 0.9, "discretion": 0.9}),
]


def _alone(name, seed, inputs, weeks=WEEKS):
    model = SteeringModel.from_scenario(load_scenario(name), seed, **{**SMALL, **inputs})
    model.run(weeks)
    out = (np.vstack(list(model.history)), {k: v.copy() for k, v in model.staff.items()},
           {k: v.copy() for k, v in model.citizens.items()}, np.stack(model.unit_history))
    model.remove_all_agents()
    return out


def _specs(cases):
    specs = []
    for name, seed, inputs in cases:
        sc = load_scenario(name).with_inputs({**SMALL, **inputs})
        specs.append((sc, seed))
    return specs


@pytest.mark.parametrize("cached", [False, True], ids=["burnt-in-together", "from-the-cache"])
def test_a_run_in_a_batch_equals_the_run_alone(cached):
    alone = [_alone(*case) for case in MIXED]
    if not cached:
        past.cache_clear()  # the batch burns in its runs' histories together
    engine = batch_runs(_specs(MIXED)).run(WEEKS)
    for r, (series, staff, citizens, units) in enumerate(alone):
        batched = engine.history_of(r)
        # bit for bit (the issue asks for 1e-12; nothing in a run depends on its batch)
        assert np.array_equal(batched, series, equal_nan=True), MIXED[r]
        for key, values in staff.items():
            assert np.array_equal(getattr(engine.state, key)[r], values), (MIXED[r], key)
        for key, values in citizens.items():
            assert np.array_equal(getattr(engine.state, key)[r], values), (MIXED[r], key)
        assert np.array_equal(np.stack([w[r] for w in engine.unit_records]), units)


def test_the_order_of_a_batch_changes_nothing():
    specs = _specs(MIXED[:4])
    forward = batch_runs(specs).run(30)
    backward = batch_runs(specs[::-1]).run(30)
    for r in range(4):
        assert np.array_equal(forward.history_of(r), backward.history_of(3 - r), equal_nan=True)


def test_runs_in_a_batch_stay_apart():
    # the same seed and inputs twice, one with a scandal: only that run is shaken
    sc = load_scenario("npm").with_inputs(SMALL)
    scandal = load_scenario("scandal").with_inputs(SMALL)
    engine = batch_runs([(sc, 5), (scandal, 5), (sc, 5)]).run(WEEKS)
    quiet, shaken, again = (engine.history_of(r) for r in range(3))
    assert np.array_equal(quiet, again, equal_nan=True)
    assert not np.array_equal(quiet, shaken, equal_nan=True)


def test_a_batch_refuses_runs_of_different_sizes():
    small = load_scenario("npm").with_inputs(SMALL)
    bigger = load_scenario("npm").with_inputs({**SMALL, "units": SMALL.get("units", 20) + 1})
    with pytest.raises(SteersimInputError, match="units"):
        batch_runs([(small, 1), (bigger, 1)])


def test_an_engine_needs_one_seed_per_run():
    with pytest.raises(ValueError, match="one seed"):
        Engine([1, 2], [SteeringModel.from_scenario(load_scenario("npm"), 1, **SMALL).p])


def test_a_run_view_shows_its_own_row_and_not_the_batch():
    from sim.model.engine import RunView
    engine = batch_runs(_specs(MIXED[:2]))
    view = RunView(engine, 1)
    assert view.staff["skill"].shape == (engine.state.n_staff,)  # the run's row
    assert view.org["useful_rules"] == engine.state.useful_rules[1, 0]
    with pytest.raises(AttributeError, match="'RunView' object has no attribute 'records'"):
        _ = view.records  # the records belong to the whole batch (engine.records)


def test_choices_that_differ_between_runs_are_not_guessed():
    specs = _specs([("npm", 1, {}), ("trust", 1, {})])  # control vs learning audits
    engine = batch_runs(specs)
    assert not hasattr(engine.state.c, "audit_style")  # a mechanism reading it would fail loudly
    assert engine.state.lever.audit_style[:, 0].tolist() == [0.0, 1.0]


def test_the_sweep_shows_its_batch_size_while_it_runs(tmp_path, capsys, monkeypatch):
    from pathlib import Path

    from sim.execution import progress
    from sim.execution.executor import Executor
    from sim.execution.sweep import sweep
    from sim.inputs.experiment import load_experiment
    monkeypatch.setattr(progress, "LOG_SECONDS", 0.0)  # stderr is no terminal here: progress lines, at once
    exp = load_experiment(Path(__file__).parent / "experiments" / "tiny_grid.toml")
    sweep(exp, tmp_path / "out", executor=Executor(1), progress=True)
    assert "tiny_grid (batches of up to 2 runs): 8/8 runs" in capsys.readouterr().err
