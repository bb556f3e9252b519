"""The docs follow the code: docs/ODD.md's generated reference (every state variable,
input and outcome, with defaults, ranges and sources) is up to date, and the lever
table names every lever."""

from pathlib import Path

import pytest

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


@pytest.mark.slow
def test_the_tutorial_notebook_runs(tmp_path):
    import nbclient
    import nbformat
    notebook = nbformat.read(ROOT / "docs" / "tutorial.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert "sampled worlds" in printed and "set 'discretion': got 1.5" in printed


def test_the_odd_describes_the_phases_of_the_week_plan_in_its_order():
    import re

    from sim.model.plan import WEEK
    text = (Path(__file__).resolve().parent.parent / "docs" / "ODD.md").read_text(encoding="utf-8")
    section = text.split("## 3. Process overview and scheduling", 1)[1].split("## 4.", 1)[0]
    named = [m.lower() for m in re.findall(r"^\d+\. \*\*([^*]+)\*\*", section, re.M)]
    assert named == ["events"] + [phase.name for phase in WEEK] + ["outcomes"], named


def test_steersim_list_week_prints_the_week_plan(capsys):
    from conftest import cli

    from sim.model.plan import STEPS, step_name
    status, out, _ = cli(capsys, "list", "--week")
    assert status == 0
    positions = [out.index(step_name(step)) for step in STEPS]
    assert positions == sorted(positions) and len(positions) == len(STEPS)


def test_the_worked_example_of_a_new_mechanism_keeps_the_contract():
    # the mechanism docs/architecture.md adds, loaded as a module: its source passes the
    # declarations check and its pure function works as documented
    import importlib.util
    import re

    from sim.inputs.schema import make_params
    from sim.model import anatomy
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    source = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    spec = importlib.util.spec_from_loader("sim.mechanisms.sickness", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, "docs/architecture.md", "exec"), module.__dict__)
    assert anatomy.check(module, source) == []
    assert set(module.Owns.FIELDS) == {"off_sick"} and module.Owns.FIELDS["off_sick"].owner == "sickness"
    c = make_params().namespace()
    c.sick_base, c.sick_strain = 0.02, 0.1
    import numpy as np
    assert module.chance(strain=np.array([1.0]), c=c) > module.chance(strain=np.array([0.0]), c=c)
    # reading a field it does not declare is caught
    assert anatomy.check(module, source.replace("strain=s.strain", "strain=s.motivation"))
