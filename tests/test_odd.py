"""docs/ODD.md names exactly the state variables, inputs and outcomes the code has."""

import re
from pathlib import Path

import pytest

from sim import METRICS, SPECS, SteeringModel

ODD = (Path(__file__).resolve().parent.parent / "docs" / "ODD.md").read_text(encoding="utf-8")


def names_in_section(heading: str) -> set[str]:
    match = re.search(rf"^### {re.escape(heading)}\b.*?$(.*?)(?=^##)", ODD, re.M | re.S)
    assert match, f"docs/ODD.md has no section '### {heading}'"
    return set(re.findall(r"^\| `([a-z_]+)` \|", match.group(1), re.M))


@pytest.mark.parametrize("table", ["staff", "managers", "board", "citizens", "units", "org"])
def test_state_variables_match(table):
    model = SteeringModel(rng=1, units=3, citizens=50).run(2)
    in_code = set(getattr(model, table))
    in_odd = names_in_section(table)
    assert in_odd == in_code, (f"{table}: missing from ODD {sorted(in_code - in_odd)}, "
                               f"not in code {sorted(in_odd - in_code)}")


def test_inputs_match():
    assert names_in_section("Inputs") == set(SPECS)


def test_outcomes_match():
    assert names_in_section("Outcomes") == set(METRICS)


def test_input_defaults_and_groups_match():
    section = re.search(r"^### Inputs\b(.*?)(?=^### )", ODD, re.M | re.S).group(1)
    for name, kind, default in re.findall(r"^\| `([a-z_]+)` \| (\w+) \| ([^|]+) \|", section, re.M):
        spec = SPECS[name]
        assert kind == spec.group, name
        shown = default.strip().replace(",", "")
        expected = spec.default if isinstance(spec.default, str) else float(spec.default)
        got = shown if isinstance(spec.default, str) else float(shown)
        assert got == expected, f"{name}: ODD says {shown}, code {spec.default}"
