"""The model as a user drives it: reproducible bit for bit, common random numbers across
regimes (one shared history), the history cache changing nothing, a steady start, and
real Mesa agents."""

import mesa
import numpy as np
import pandas as pd
import pytest
from conftest import SEEDS, SMALL, paired_effect, run, tail_mean

from sim import SteeringModel, SteersimInputError
from sim.inputs.scenario import load_scenario
from sim.model import past
from sim.model.agents import Citizen, FrontlineWorker, Manager, Politician


def test_same_seed_same_history_bit_for_bit():
    a, b = np.vstack(run(7, 40).history), np.vstack(run(7, 40).history)
    assert np.array_equal(a, b, equal_nan=True)


def test_different_seeds_differ():
    assert not np.array_equal(np.vstack(run(7, 20).history), np.vstack(run(8, 20).history), equal_nan=True)


def test_the_history_cache_changes_nothing():
    past.cache_clear()
    fresh = np.vstack(run(5, 30).history)
    cached = np.vstack(run(5, 30).history)  # the same history, restored from the cache
    past.cache_clear()
    assert np.array_equal(fresh, cached, equal_nan=True)


def test_regimes_on_one_seed_share_people_needs_and_history():
    npm = SteeringModel.from_scenario(load_scenario("npm"), 3, **SMALL)
    trust = SteeringModel.from_scenario(load_scenario("trust"), 3, **SMALL)
    for key in ("resources", "home_unit", "caseworker"):
        assert np.array_equal(npm.citizens[key], trust.citizens[key])
    assert np.array_equal(npm.staff["public_service_motivation"], trust.staff["public_service_motivation"])
    assert npm.rules_in_force == trust.rules_in_force  # the same inherited rulebook
    assert npm.units["change_load"].sum() == 0 < trust.units["change_load"].sum()  # trust is a change
    npm.step()
    trust.step()
    assert np.array_equal(npm.citizens["complex"], trust.citizens["complex"])
    assert npm.org["cases_needed"] == trust.org["cases_needed"]


def test_the_status_quo_starts_steady():
    model = SteeringModel.from_scenario(load_scenario("npm"), 2, **SMALL).run(104)
    frame = model.history_frame()
    for metric in ("admin_share", "rules", "overhead_share"):
        start, end = frame[metric].iloc[:8].mean(), frame[metric].iloc[-26:].mean()
        assert abs(end / start - 1) < 0.1, f"{metric} drifts from {start:.3f} to {end:.3f}"


def test_the_burn_in_forgets_the_initial_conditions():
    # skill and trust start at arbitrary values; after the history they depend on the regime
    a = SteeringModel(rng=4, collect=False, **{**SMALL, "burn_in": 0})
    b = SteeringModel(rng=4, collect=False, **SMALL)
    assert a.staff["felt_trust"].std() == 0 < b.staff["felt_trust"].std()


@pytest.mark.parametrize("bad", ["one", 1.5, -3, True])
def test_the_seed_must_be_a_whole_number(bad):
    with pytest.raises(SteersimInputError, match="seed"):
        SteeringModel(rng=bad)


@pytest.mark.parametrize("bad", [-5, 2.5, "3", True])
def test_run_takes_a_whole_number_of_weeks(bad):
    model = SteeringModel(rng=1, **SMALL)
    with pytest.raises(SteersimInputError, match="steps"):
        model.run(bad)
    assert model.run(0).week == 0 and model.run(np.int64(2)).week == 2


def test_a_short_run_is_summarised_over_its_own_weeks_not_its_starting_state():
    from sim import api
    model = SteeringModel(rng=1, **SMALL).run(10)
    frame = model.history_frame()
    summary, _ = api.summarise(np.array(list(model.history)), window=52, metrics=("service_quality",))
    assert summary["service_quality"] == pytest.approx(frame["service_quality"].iloc[1:].mean(), abs=1e-15)
    assert summary["service_quality"] != pytest.approx(frame["service_quality"].mean(), abs=1e-12)
    for key, value in (("seed", -1), ("window", 0), ("steps", 0)):
        with pytest.raises(SteersimInputError, match=f"'{key}'"):
            api.evaluate(**{key: value})


def test_agents_are_real_mesa_agents_on_the_state_rows():
    m = SteeringModel(rng=1, **SMALL)
    counts = {k: len(v) for k, v in m.agents_by_type.items()}
    assert counts == {Politician: 7, Manager: 6, FrontlineWorker: 48, Citizen: 600}
    workers = m.agents_by_type[FrontlineWorker]
    assert workers.agg("strain", np.mean) == pytest.approx(m.staff["strain"].mean())
    worker = next(iter(workers))
    worker.strain = 0.99
    assert m.staff["strain"][worker.row] == 0.99 and worker in workers.select(lambda a: a.strain > 0.9)
    assert len(workers.groupby("unit").groups) == 6


def test_mesa_idioms_work_run_model_ends_at_the_horizon_and_agents_sit_in_the_network():
    m = SteeringModel(rng=1, horizon=6, **SMALL)
    m.run_model()
    assert m.week == 6 and not m.running and len(m.datacollector.get_model_vars_dataframe()) == 7
    # an agent's cell before anyone has looked at the space: asking builds it
    worker = next(iter(m.agents_by_type[FrontlineWorker]))
    cell = worker.cell
    space = m.network
    assert cell is not None and cell is space[("staff", worker.row)] and worker in cell.agents
    # a worker's neighbours in the space are its manager and the staff it works with
    kinds = {node[0] for node in m.layers.to_networkx().neighbors(("staff", worker.row))}
    assert kinds <= {"manager", "staff", "citizen"} and "manager" in kinds
    assert all(a.cell is not None for a in m.agents)  # 600 citizens: all in the space
    # model.rng is the run's own named stream: the same seed gives the same draws
    assert SteeringModel(rng=1, **SMALL).rng.random() == SteeringModel(rng=1, **SMALL).rng.random()
    assert SteeringModel(rng=2, **SMALL).rng.random() != SteeringModel(rng=1, **SMALL).rng.random()


def test_an_unknown_attribute_names_the_model_and_the_fields_are_visible():
    m = SteeringModel(rng=1, **SMALL)
    with pytest.raises(AttributeError, match="'SteeringModel' object has no attribute 'nonexistent'"):
        _ = m.nonexistent
    assert "skill" in m.staff and "trust_in_staff" in m.managers and "useful_rules" in m.org
    assert isinstance(m.org["useful_rules"], float) and m.staff["skill"].shape == (48,)


def test_the_datacollector_and_batch_run_work():
    m = SteeringModel(rng=1, **SMALL).run(4)
    frame = m.datacollector.get_model_vars_dataframe()
    assert len(frame) == 5 and "service_quality" in frame and "indicators_in_force" in frame
    rows = mesa.batch_run(SteeringModel, parameters={"documentation_hours": [0.5, 3.0], **SMALL},
                          rng=[1, 2], max_steps=8, number_processes=1, display_progress=False)
    frame = pd.DataFrame(rows)
    assert len(frame) == 4 and set(frame["documentation_hours"]) == {0.5, 3.0}
    by_lever = frame.groupby("documentation_hours")["admin_share"].mean()
    assert by_lever[3.0] > by_lever[0.5]


def test_the_mesa_network_space_holds_every_layer():
    space = SteeringModel(rng=1, **SMALL).network
    assert {d["layer"] for _, _, d in space.G.edges(data=True)} == {"hierarchy", "collaboration", "service", "social"}
    assert len(space.G) == 7 + 6 + 48 + 600


def test_a_pilot_changes_only_its_units_levers():
    from sim.inputs.events import SetLevers
    trust = load_scenario("trust").levers()
    m = SteeringModel(rng=1, events=[SetLevers(3, trust, (0, 1), True)], **SMALL).run(4)
    assert m.levers["discretion"][0] == trust["discretion"] != m.levers["discretion"][5]
    assert m.units["pilot"].tolist()[:3] == [True, True, False]
    assert m.units["change_load"][0] > 0 == m.units["change_load"][5]


def test_budget_changes_compound_on_the_units_they_name_and_cost_their_hours():
    from sim.inputs.events import BudgetChange
    cuts = [BudgetChange(2, -0.2), BudgetChange(3, 0.5, (0,))]
    m = SteeringModel(rng=1, events=cuts, **SMALL)
    m.run(2)
    before = m.staff["hours"].copy()
    m.run(2)
    assert m.units["capacity"].tolist() == pytest.approx([0.8 * 1.5] + [0.8] * 5)
    unit = m.staff["unit"]
    hours = m.staff["hours"]
    assert np.all(hours[unit == 0] > before[unit == 0]) and np.all(hours[unit == 5] < before[unit == 5])


@pytest.mark.slow
def test_a_larger_region_is_not_steered_differently_by_its_size():
    # the board reacts to the incident rate: five times the units, or twice the staff per
    # unit (same citizens per worker), must not drift into control (it did when it summed
    # incidents over units). Six seeds: control drift, which rests on a few incidents, varies
    # by about 0.03 between seeds at the default size, so two seeds put the difference's SE
    # near the tolerance (seeds 1-2 failed it by chance at 0.041; over 8 seeds the sizes differ
    # by 0.016 +- 0.013); six bring the SE to about a third of it
    def status_quo(units, per_unit=10):
        frames = [SteeringModel.from_scenario(load_scenario("npm"), seed, units=units, staff_per_unit=per_unit,
                                             citizens=10 * units * per_unit).run(156).history_frame()
                  for seed in range(1, 7)]
        return pd.concat(frames).groupby(level=0).mean().iloc[-52:].mean()

    small = status_quo(20)
    for large in (status_quo(100), status_quo(20, per_unit=20)):
        for metric, tolerance in (("admin_share", 0.03), ("rules", 15), ("control_drift", 0.04),
                                  ("service_quality", 0.01)):
            assert abs(large[metric] - small[metric]) < tolerance, (metric, small[metric], large[metric])


@pytest.mark.slow
def test_the_board_starts_where_its_history_left_it():
    # the board's control preference starts at the history regime's, so the status quo's
    # drift towards control does not climb from nothing through the first years of a run
    frames = [SteeringModel.from_scenario(load_scenario("npm"), seed).run(260).history_frame() for seed in (1, 2, 3)]
    drift = pd.concat(frames).groupby(level=0).mean()["control_drift"]
    first, fifth = drift.iloc[1:53].mean(), drift.iloc[-52:].mean()
    assert first > 0.05 and abs(fifth - first) < 0.05, (first, fifth)


@pytest.mark.slow
def test_the_gaming_gap_is_gaming_and_grows_with_what_rides_on_the_figures():
    # the gap compares a report with the true value of the same measure: with no one
    # gaming (no propensity, and no unit norms that drift into tolerating it) it is only
    # measurement noise, which an honest reading does not bias; pay tied to the figures
    # widens it (Campbell's law), as pressed targets do
    nobody = dict(gaming_propensity=0.0, imitation_rate=0.0, innovation_sd=0.0)
    runs = [run(s, **nobody) for s in SEEDS]
    assert all(m.staff["gaming"].max() == 0 for m in runs)
    honest = np.mean([tail_mean(m, "gaming_gap") for m in runs])
    assert abs(honest) < 0.005, honest
    gamed, lo, hi = paired_effect("gaming_gap", dict(gaming_propensity=0.0, imitation_rate=0.0),
                                  dict(gaming_propensity=0.8, imitation_rate=0.0))
    assert lo > 0.02, (gamed, lo, hi)
    paid, lo, hi = paired_effect("gaming_gap", dict(incentive_strength=0.0), dict(incentive_strength=1.0),
                                 seeds=range(1, 13), weeks=52)
    assert lo > 0, (paid, lo, hi)


def test_unpaid_overtime_rises_with_administration():
    # the motivated protect client time from administration with their own hours: more
    # documentation means more unpaid hours; where staff do not make up for it, none
    more, lo, hi = paired_effect("unpaid_overtime", dict(documentation_hours=0.5), dict(documentation_hours=3.0), weeks=52)
    assert lo > 0.01, (more, lo, hi)
    not_made_up = tail_mean(run(1, documentation_hours=3.0, overtime_per_admin=0.0), "unpaid_overtime")
    assert not_made_up == 0.0
    heavy = tail_mean(run(1, documentation_hours=3.0), "unpaid_overtime")
    assert 0 < heavy < 1


@pytest.mark.slow
def test_which_audit_style_pays_depends_on_who_the_staff_are():
    # a learning inspection teaches and reads as support but sanctions less, so it
    # deters gaming and shirking less: its edge over control audits shrinks where many
    # staff are low-motivated and gaming-prone
    def edge(**world):
        return paired_effect("service_quality", dict(world, audit_style="control"),
                             dict(world, audit_style="learning"), steps=208)[0]
    committed = edge(low_motivation_share=0.05, gaming_propensity=0.2)
    knaves = edge(low_motivation_share=0.6, gaming_propensity=0.8, crowding_sensitivity=0.3)
    assert committed - knaves > 0.002, (committed, knaves)


@pytest.mark.slow
def test_collaboration_across_silos_pays_on_complex_needs_until_its_hours_cost_more():
    complex_needs = dict(load_scenario("trust").levers(), complex_share=0.4)
    some, lo, hi = paired_effect("complex_need_quality", dict(complex_needs, collaboration_reward=0.0),
                                 dict(complex_needs, collaboration_reward=0.3), steps=208)
    assert lo > 0.005, (some, lo, hi)                        # buys: complex needs met together
    overall, lo, hi = paired_effect("service_quality", dict(complex_needs, collaboration_reward=0.3),
                                    dict(complex_needs, collaboration_reward=1.0), steps=208)
    assert hi < 0, (overall, lo, hi)                         # costs: the hours come from casework


@pytest.mark.slow
def test_a_board_that_chose_a_reform_does_not_steer_against_it():
    # the board's control preference moves with the levers it chose; only the extra
    # control incidents left behind fades slowly (before, a board that switched to trust
    # kept npm's preference, and the drift jumped from about 0.13 to 0.53 at the switch)
    reform = load_scenario("reform")
    week = reform.events[0].week
    frames = [SteeringModel.from_scenario(reform, seed).run(week + 26).history_frame() for seed in (1, 2)]
    drift = pd.concat(frames).groupby(level=0).mean()["control_drift"]
    before, after = drift.iloc[week - 13:week].mean(), drift.iloc[week + 1:week + 14].mean()
    assert after < before + 0.02, (before, after)
