"""Pilot design as a region would use it: power rises with units and with duration for a
known effect, placebo pilots are 'detected' at about the nominal 5% with the permutation
test, volunteers bias the estimate and the report says so, and bad options get one line."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

import sim
from sim.cli import main
from sim.inputs.events import SetLevers
from sim.inputs.scenario import load_scenario
from sim.science import pilot_design as pd_
from sim.science.pilot_result import PilotDesignResult

SMALL = dict(units=20, staff_per_unit=5, citizens=1000, burn_in=104)


def known_effect_pilot():
    """Dropping documentation in the pilot units: a gain that builds as the demands fall
    (a small move of one lever, so hardly any change dip)."""
    base = load_scenario("npm").with_inputs(SMALL)
    event = SetLevers(52, dict(documentation_hours=0.0), (0, 1), False, "pilot")
    return dataclasses.replace(base, name="documentation pilot", events=(event,))


def test_the_permutation_test_and_did_on_a_hand_made_panel():
    rng = np.random.default_rng(1)
    changes = rng.normal(0, 0.01, (1, 20))
    changes[0, 3] += 0.2   # one unit with a large change: it alone is the most extreme of 20
    estimate, p = pd_.p_value(changes, np.array([3]), rng)
    assert estimate == pytest.approx(changes[0, 3] - np.delete(changes[0], 3).mean())
    assert p == pytest.approx(1 / 20)
    _, p_null = pd_.p_value(changes, np.array([5]), rng)
    assert p_null > 0.05
    # staggered slots: each pilot unit is compared with the others over its own weeks
    two = np.array([[0.0] * 4, [1.0, 1.0, 1.0, 1.0]])
    assert pd_.did(two, np.array([[0, 1]]))[0] == pytest.approx(0.0)


def test_with_staggered_slots_the_test_shuffles_which_unit_gets_which_slot():
    rng = np.random.default_rng(3)
    changes = rng.normal(0, 0.01, (2, 20))       # two slots that differ (a staggered start)
    assert len(pd_.assignments(20, 2, True, rng)) == 380 and len(pd_.assignments(20, 2, False, rng)) == 190
    # the observed assignment, in whatever order, is one of those the test lists: p is never 0
    ps = [pd_.p_value(changes, rng.permutation(20)[:2], rng)[1] for _ in range(300)]
    assert min(ps) >= 1 / 380
    # under the null the test keeps its level
    nulls = [pd_.p_value(np.random.default_rng(i).normal(0, 0.01, (2, 20)), np.array([0, 1]), rng)[1]
             for i in range(400)]
    assert np.mean(np.array(nulls) <= 0.05) < 0.09


def test_the_recommendation_never_rests_on_detecting_the_dip():
    table = pd.DataFrame([dict(units=k, weeks=w, true_effect=e, power=pw, power_low=0, power_high=1,
                               mde=0.01, false_positive=0.05, estimate=e, bias=0.0)
                          for k, w, e, pw in ((8, 26, -0.008, 0.85), (2, 104, 0.022, 0.87),
                                              (2, 26, -0.009, 0.5), (8, 104, 0.023, 1.0))])
    design = pd_.Design(units=(2, 8), weeks=(26, 104))
    result = PilotDesignResult("pilot", design, [1], table, pd.DataFrame(), detect=0.02, own_units=2, own_weeks=26)
    best = result.enough()
    assert (int(best.units), int(best.weeks)) == (2, 104)
    assert "by at least 2 units for 2 years" in result.recommendation()


@pytest.mark.slow
def test_power_rises_with_units_and_duration_and_placebos_hold_their_level():
    result = pd_.plan(known_effect_pilot(), pd_.Design(units=(1, 6), weeks=(26, 104)), list(range(1, 31)))
    t = result.table.set_index(["units", "weeks"])
    assert (t["true_effect"] > 0).all()
    assert t.loc[(6, 104), "power"] > t.loc[(1, 104), "power"] + 0.2
    assert t.loc[(6, 104), "power"] > t.loc[(6, 26), "power"] + 0.2
    assert t.loc[(6, 104), "mde"] < t.loc[(1, 104), "mde"]
    placebo = result.tests[result.tests["kind"] == "placebo"]
    assert 0.02 <= (placebo["p"] <= 0.05).mean() <= 0.08
    assert (t["false_positive"] < 0.12).all()
    # the estimate is close to the model's own true effect when units are drawn at random
    assert (t["bias"].abs() < 0.01).all()
    text = result.text()
    assert "power" in text and "placebo pilots" in text


@pytest.mark.slow
def test_volunteers_bias_the_estimate_against_random_choice_and_the_report_says_so():
    sc = load_scenario("pilot").with_inputs(SMALL)
    result = pd_.plan(sc, pd_.Design(units=(4,), weeks=(104,), choice="volunteers", metric="staff_motivation"),
                      list(range(1, 21)))
    row = result.table.iloc[0]
    assert abs(row["bias_vs_random"]) > 0.01
    assert "biased against a pilot in units drawn at random" in result.recommendation()
    # the volunteers are the most motivated units before the start, whatever the seed
    motivation = np.arange(20.0)
    assert sorted(pd_.chosen_units("volunteers", 4, motivation, np.random.default_rng(1))) == [16, 17, 18, 19]


def test_the_library_call_checks_its_options_in_one_line():
    with pytest.raises(sim.SteersimInputError, match="--units"):
        sim.pilot_design("pilot", units=[0, 2])
    with pytest.raises(sim.SteersimInputError, match="--metric"):
        sim.pilot_design("pilot", metric="citizen_trust")
    with pytest.raises(sim.SteersimInputError, match="no pilot"):
        sim.pilot_design("npm", seeds=5)
    with pytest.raises(sim.SteersimInputError, match="--stagger"):
        sim.pilot_design("pilot", units=[8], weeks=[26], stagger=10)


@pytest.mark.parametrize("argv, key", [
    (["--units", "1,x"], "--units"), (["--weeks", "2"], "--weeks"), (["--choose", "best"], "--choose"),
    (["--seeds", "2"], "--seeds"), (["--survey", "-3"], "--survey"), (["--detect", "5"], "--detect"),
    (["--weeks", "26", "--post-weeks", "100"], "longest pilot tried (26 weeks)"),
])
def test_bad_pilot_design_options_get_one_line(argv, key, capsys):
    assert main(["pilot-design", "pilot", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and key in err and "Traceback" not in err


@pytest.mark.slow
def test_the_command_prints_the_table_and_the_recommendation(tmp_path, capsys):
    out = tmp_path / "pd"
    code = main(["pilot-design", "pilot", "--units", "2,6", "--weeks", "26,104", "--seeds", "6",
                 "--survey", "200", "--stagger", "4", "--set", "staff_per_unit=4", "--set", "citizens=800",
                 "--workers", "1", "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0, text
    assert "power" in text and "a survey of 200" in text and "one more unit every 4 weeks" in text
    assert (out / "power.png").stat().st_size > 5000 and (out / "pilot_design.csv").exists()
