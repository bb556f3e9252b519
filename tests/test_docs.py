"""The docs follow the code: docs/ODD.md's generated reference (every state variable,
input and outcome, with defaults, ranges and sources) is up to date, and the lever
table names every lever."""

from pathlib import Path

from sim.report import reference

ROOT = Path(__file__).resolve().parent.parent


def test_the_generated_reference_in_the_odd_is_up_to_date():
    text = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    stale = [name for name, block in reference.blocks().items() if reference.section(text, name) != block]
    assert not stale, f"docs/ODD.md is stale in {stale}: run python -m sim.report.reference --update"


def test_the_odd_says_what_every_lever_costs_and_buys():
    from sim.inputs.schema import LEVERS
    text = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    table = text[text.index("What each lever costs and buys"):]
    missing = [lever for lever in LEVERS if f"`{lever}`" not in table]
    assert not missing, missing
