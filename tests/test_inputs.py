"""Bad input gets a one-line error naming the key and what is allowed."""

import pytest

from sim import SteeringModel, SteersimInputError
from sim.inputs.schema import SPECS, make_params


def test_unknown_lever_suggests_the_closest_name():
    with pytest.raises(SteersimInputError, match="did you mean 'discretion'"):
        SteeringModel(rng=1, discretoin=0.5)


@pytest.mark.parametrize("key,value,allowed", [
    ("discretion", 1.5, "from 0 to 1"),
    ("indicators", 2.5, "whole number"),
    ("audit_style", "strict", "'control', 'learning'"),
    ("target_pressure", "high", "not a number"),
    ("citizens", -5, "from 10"),
    ("documentation_hours", float("nan"), "from 0 to 5"),
    ("co_created" if "co_created" in SPECS else "error_policy", True, "one of"),
])
def test_out_of_range_or_wrong_type_names_key_and_allowed(key, value, allowed):
    with pytest.raises(SteersimInputError) as err:
        make_params({key: value})
    message = str(err.value)
    assert key in message and allowed in message and "\n" not in message


def test_every_input_has_unit_doc_and_default_within_its_range():
    for spec in SPECS.values():
        assert spec.unit and spec.doc
        assert spec.check(spec.default) == spec.default
