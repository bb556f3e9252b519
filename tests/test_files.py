"""Scenario files as users write them: inheritance, events, the shipped examples, and a
corpus of malformed files, each refused with one line naming the file and the key,
exit status 2, nothing written. Run in this process (``main(argv)``), so it is fast."""

from pathlib import Path

import pytest
from conftest import cli

from sim.inputs.scenario import load_scenario
from sim.model.model import SteeringModel

ROOT = Path(__file__).resolve().parent.parent
BAD = sorted((ROOT / "tests" / "bad_scenarios").glob("*.toml"))
EXAMPLES = sorted((ROOT / "scenarios" / "examples").glob("*.toml"))
#: the text each malformed file's error must contain (the key, or what went wrong)
EXPECTED = {
    "not_toml": "not valid TOML", "unknown_top_key": "'levrs'", "unknown_lever": "'levers.discretoin'",
    "out_of_range": "'levers.discretion'", "wrong_type": "'levers.indicators'",
    "float_for_count": "'levers.indicators'", "bad_choice": "'levers.audit_style'",
    "unknown_extends": "'extends'", "extends_missing_file": "'extends'", "cycle_a": "cycle",
    "cycle_b": "cycle", "self_cycle": "cycle", "event_in_past": "'events[0].week'",
    "event_beyond_horizon": "horizon", "event_bad_unit": "unit 25", "event_unknown_kind": "'events[0].kind'",
    "event_missing_week": "'events[0].week'", "event_unknown_key": "'events[0].lever'",
    "event_severity_range": "'events[0].severity'", "event_levers_empty": "needs 'preset'",
    "lever_in_wrong_section": "put it under [levers]", "run_unknown_key": "'run.step'",
    "run_seeds_zero": "'run.seeds'", "section_not_table": "'levers'", "events_not_list": "'events'",
    "budget_change_range": "'events[0].change'",
    "budget_cuts_compound": "'events[1].change'", "incident_unit_missing": "unit 99",
    "name_not_string": "'name'", "units_typo": "'events[0].units'", "co_created_not_bool": "'events[0].co_created'",
    "event_lever_out_of_range": "'events[0].levers.monitoring'",
    "behaviour_out_of_range": "'behaviour.trust_loss_ratio'", "event_bad_preset": "'events[0].preset'",
    "payment_shares_over_one": "'levers.payment_capitation': the payment shares add up to 1.3",
    "event_payment_shares_over_one": "'events[0].levers.payment_per_visit': the payment shares add up to 1.3",
    "rural_share_out_of_range": "'organisation.rural_share'",
}


def test_every_malformed_file_has_an_expectation():
    assert {p.stem for p in BAD} == set(EXPECTED)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
@pytest.mark.parametrize("command", ["run", "compare"])
def test_a_malformed_file_gives_one_line_exit_2_and_writes_nothing(capsys, monkeypatch, tmp_path, path, command):
    monkeypatch.chdir(tmp_path)
    args = [command, path, "--seeds", "1", "--steps", "5"] if command == "run" else \
        ["compare", "npm", path, "--seeds", "1", "--steps", "5"]
    status, out, err = cli(capsys, *args)
    assert status == 2, out + err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert path.name in err and EXPECTED[path.stem] in err, err
    assert list(tmp_path.iterdir()) == []


def test_extends_inherits_and_overrides():
    hybrid, npm = load_scenario("hybrid"), load_scenario("npm")
    assert hybrid.chain == ("npm",)
    assert hybrid.inputs["indicators"] == npm.inputs["indicators"]
    assert hybrid.inputs["discretion"] == 0.7 != npm.inputs["discretion"]


def test_a_file_may_not_read_outside_its_folder_or_the_presets(tmp_path):
    (tmp_path / "outside.toml").write_text('extends = "npm"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "a.toml").write_text('extends = "../outside.toml"\n')
    (inner / "b.toml").write_text(f'extends = "{tmp_path / "outside.toml"}"\n')
    from sim.errors import SteersimInputError
    for name in ("a.toml", "b.toml"):
        with pytest.raises(SteersimInputError, match="outside the scenario's folder"):
            load_scenario(inner / name)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_say_what_they_ask_load_and_run(path):
    assert path.read_text().startswith("#"), "each example starts with a comment saying what it asks"
    sc = load_scenario(path)
    assert sc.description
    SteeringModel.from_scenario(sc, 1, units=6, citizens=300, burn_in=10).run(3)
