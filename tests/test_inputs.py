"""Every input is documented, validated once, and reachable from every way in: keyword,
--set, scenario and experiment files, `steersim list`, the JSON Schema."""

import json

import pytest
from conftest import cli

from sim.errors import SteersimInputError
from sim.inputs.schema import INPUTS, LEVERS, SPEC_LIST, UNCERTAINTIES, make_params
from sim.inputs.spec import GROUPS


def test_every_input_has_unit_doc_source_and_a_default_inside_its_ranges():
    for spec in SPEC_LIST:
        assert spec.unit and spec.doc and spec.source, spec.name
        assert spec.check(spec.default) == spec.default
        if spec.plausible:
            lo, hi = spec.plausible
            assert spec.low <= lo <= spec.default <= hi <= spec.high, spec.name


def test_groups_are_kept_apart_and_coefficients_belong_to_a_mechanism():
    assert {s.group for s in SPEC_LIST} == set(GROUPS)
    assert all(s.mechanism for s in SPEC_LIST if s.group == "coefficient")
    assert len(UNCERTAINTIES) > 150  # behaviour, coefficients and the uncertain work features
    assert not set(LEVERS) & set(UNCERTAINTIES)


@pytest.mark.parametrize("key,value,allowed", [
    ("discretion", 1.5, "from 0 to 1"), ("indicators", 2.5, "whole number"),
    ("audit_style", "strict", "'control', 'learning'"), ("target_pressure", "high", "not a number"),
    ("citizens", -5, "from 10"), ("documentation_hours", float("nan"), "from 0 to 5"),
    ("hours_per_indicator", -0.1, "from 0 to"), ("units", 10**400, "not a number"),
    ("error_policy", True, "one of"),
])
def test_a_bad_value_names_the_key_and_what_is_allowed_in_one_line(key, value, allowed):
    with pytest.raises(SteersimInputError) as err:
        make_params({key: value})
    message = str(err.value)
    assert key in message and allowed in message and "\n" not in message


def test_an_unknown_name_gets_the_closest_suggestion():
    with pytest.raises(SteersimInputError, match="did you mean 'hours_per_indicator'"):
        make_params({"hours_per_indicater": 0.2})


def test_a_coefficient_can_be_set_like_a_lever(capsys, tmp_path):
    status, out, err = cli(capsys, "run", "npm", "--seeds", "1", "--steps", "3", "--set", "units=3",
                           "--set", "citizens=200", "--set", "burn_in=2", "--set", "hours_per_indicator=0.5",
                           "--format", "json", "--out", tmp_path)
    assert status == 0, err
    assert json.loads(out)["steps"] == 3


def test_list_json_names_every_input_with_its_ranges_and_source(capsys):
    status, out, _ = cli(capsys, "list", "--format", "json")
    data = json.loads(out)
    assert status == 0 and {i["name"] for i in data["inputs"]} == set(INPUTS)
    hpi = next(i for i in data["inputs"] if i["name"] == "hours_per_indicator")
    assert hpi["group"] == "coefficient" and hpi["mechanism"] == "workload"
    assert hpi["plausible"] and hpi["source"] and hpi["unit"]
    assert {"npm", "trust", "balanced"} <= set(data["presets"])


def test_list_as_text_shows_every_coefficient(capsys):
    status, out, _ = cli(capsys, "list", "--group", "coefficient")
    assert status == 0
    assert all(s.name in out for s in SPEC_LIST if s.group == "coefficient")


def test_the_json_schema_describes_every_input(capsys):
    status, out, _ = cli(capsys, "schema", "scenario")
    schema = json.loads(out)
    text = json.dumps(schema)
    assert status == 0 and all(f'"{name}"' in text for name in INPUTS)
    status, out, _ = cli(capsys, "schema", "experiment")
    assert status == 0 and "vary" in json.loads(out)["properties"]


def test_other_tools_get_their_ranges_from_the_registry():
    from sim.inputs.adapters import ema_parameters, salib_problem, span
    from sim.inputs.schema import INPUTS
    assert span("low_motivation_share") == INPUTS["low_motivation_share"].plausible  # uncertain: plausible
    assert span("discretion") == (0.0, 1.0)  # a lever: all the model accepts
    problem = salib_problem(["trust_loss_ratio", "measurability"])
    assert problem["bounds"] == [list(INPUTS["trust_loss_ratio"].plausible), list(INPUTS["measurability"].plausible)]
    ema = pytest.importorskip("ema_workbench")
    params = ema_parameters(["measurability", "indicators", "audit_style"])
    assert [type(p) for p in params] == [ema.RealParameter, ema.IntegerParameter, ema.CategoricalParameter]
    assert (params[0].lower_bound, params[0].upper_bound) == INPUTS["measurability"].plausible


@pytest.mark.parametrize("where", ["set", "file"])
def test_a_renamed_input_is_refused_with_its_new_name(where, tmp_path, capsys):
    if where == "set":
        status, _, err = cli(capsys, "run", "npm", "--set", "history=trust", "--steps", "2", "--seeds", "2")
    else:
        path = tmp_path / "old.toml"
        path.write_text('extends = "npm"\n[organisation]\nhistory_years = 10\n')
        status, _, err = cli(capsys, "run", path, "--steps", "2", "--seeds", "2")
    assert status == 2 and "was renamed 'past_" in err and "docs/migration.md" in err and len(err.splitlines()) == 1
