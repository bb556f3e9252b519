"""Scenario files: the malformed corpus, inheritance, events, examples, and the pilot
evaluation recovering known effects."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sim.science.stats import mean_ci
from sim.run.ensemble import run_many
from sim.inputs.events import BudgetChange, SetLevers
from sim.science.pilot import did_per_seed, true_effect_per_seed, without_pilot
from sim.inputs.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
BAD = sorted((ROOT / "tests" / "bad_scenarios").glob("*.toml"))
EXAMPLES = sorted((ROOT / "scenarios" / "examples").glob("*.toml"))
#: the key each malformed file must name in its error
EXPECTED_KEY = {
    "not_toml": "not valid TOML", "unknown_top_key": "'levrs'", "unknown_lever": "'discretoin'",
    "out_of_range": "'discretion'", "wrong_type": "'indicators'", "float_for_count": "'indicators'",
    "bad_choice": "'audit_style'", "unknown_extends": "'extends'", "extends_missing_file": "'extends'",
    "cycle_a": "cycle", "cycle_b": "cycle", "self_cycle": "cycle", "event_in_past": "week",
    "event_beyond_horizon": "horizon", "event_bad_unit": "unit 25", "event_unknown_kind": ".kind",
    "event_missing_week": ".week", "event_unknown_key": ".lever'", "event_severity_range": ".severity",
    "event_levers_empty": "needs 'preset'", "lever_in_wrong_section": "put it under [levers]",
    "run_unknown_key": "'run.step'", "run_seeds_zero": "'seeds'", "section_not_table": "'levers'",
    "events_not_list": "'events'", "budget_change_range": ".change", "incident_unit_missing": "unit 99",
    "name_not_string": "'name'", "units_typo": ".units", "co_created_not_bool": ".co_created",
    "event_lever_out_of_range": "'monitoring'", "behaviour_out_of_range": "'trust_loss_ratio'",
    "event_bad_preset": ".preset",
}


def steersim(*args, cwd):
    return subprocess.run([sys.executable, "-m", "sim.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    assert len(BAD) >= 20
    assert {p.stem for p in BAD} == set(EXPECTED_KEY)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
@pytest.mark.parametrize("command", ["run", "compare"])
def test_malformed_scenario_gives_one_line_exit_2_and_writes_nothing(tmp_path, path, command):
    args = [command, str(path), "--seeds", "1", "--steps", "5"]
    if command == "compare":
        args = ["compare", "npm", str(path), "--seeds", "1", "--steps", "5"]
    r = steersim(*args, cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1, r.stderr
    assert path.name in r.stderr and EXPECTED_KEY[path.stem] in r.stderr, r.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, not even results/


def test_extends_inherits_and_overrides():
    hybrid = load_scenario("hybrid")
    npm = load_scenario("npm")
    assert hybrid.chain == ("npm",)
    assert hybrid.inputs["indicators"] == npm.inputs["indicators"]
    assert hybrid.inputs["discretion"] == 0.7 != npm.inputs["discretion"]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_load_say_what_they_ask_and_run(path):
    text = path.read_text()
    assert text.startswith("#"), "each example starts with a comment saying what it asks"
    sc = load_scenario(path)
    assert sc.description
    model = sc.model(1, units=6, citizens=300)
    model.run(5)


def test_pilot_with_unchanged_levers_has_zero_effect_within_ci():
    # a pilot that sets the levers the units already have: no reform, no effect
    npm = load_scenario("npm")
    levers = {k: v for k, v in npm.inputs.items() if k in ("indicators", "discretion", "monitoring")}
    sc = npm.with_inputs({"units": 10, "citizens": 1000})
    import dataclasses
    sc = dataclasses.replace(sc, name="placebo", events=(SetLevers(52, levers, (0, 1, 2), True),))
    panel = run_many([sc, npm.with_inputs({"units": 10, "citizens": 1000})], range(1, 11), 156,
                     units=True)
    with_p, without = panel[panel["scenario"] == "placebo"], panel[panel["scenario"] != "placebo"]
    for metric in ("service_quality", "admin_share", "felt_trust"):
        # the true effect is exactly zero: the run is the same as without the "pilot"
        assert np.all(true_effect_per_seed(with_p, without, (0, 1, 2), 52, metric) == 0)
        # and the evaluator's estimate is zero within its CI (99%: three metrics at once)
        mean, lo, hi = mean_ci(did_per_seed(with_p, (0, 1, 2), 52, metric), confidence=0.99)
        assert lo <= 0 <= hi, f"{metric}: placebo DiD {mean:+.4f} [{lo:+.4f}, {hi:+.4f}]"


def test_did_recovers_a_known_effect():
    # a 30% budget cut in three units: its true effect is known from the counterfactual run
    npm = load_scenario("npm").with_inputs({"units": 10, "citizens": 1000})
    import dataclasses
    cut = dataclasses.replace(npm, name="cut", events=(BudgetChange(52, -0.3, (0, 1, 2)),))
    panel = run_many([cut, npm], range(1, 9), 156, units=True)
    with_cut = panel[panel["scenario"] == "cut"]
    without = panel[panel["scenario"] == npm.name]
    did = did_per_seed(with_cut, (0, 1, 2), 52, "service_quality")
    true = true_effect_per_seed(with_cut, without, (0, 1, 2), 52, "service_quality")
    est, lo, hi = mean_ci(did)
    assert hi < 0, "a budget cut lowers quality in the units that take it"
    assert lo <= np.mean(true) <= hi or abs(est - np.mean(true)) < 0.1 * abs(np.mean(true)), (
        f"DiD {est:+.4f} [{lo:+.4f}, {hi:+.4f}] vs true {np.mean(true):+.4f}")


def test_without_pilot_drops_only_partial_unit_lever_events():
    pilot = load_scenario("pilot")
    assert len(pilot.events) == 1 and without_pilot(pilot).events == ()
    reform = load_scenario("reform")
    assert without_pilot(reform).events == reform.events
