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
    # section 8 only: the reference tables further down name every lever too
    table = text[text.index("What each lever costs and buys"):text.index("## 9. ")]
    missing = [lever for lever in LEVERS if f"`{lever}`" not in table]
    assert not missing, missing


@pytest.mark.slow
def test_the_tutorial_notebook_runs_headless_and_shows_figures_tables_and_progress(tmp_path):
    import nbclient
    import nbformat
    notebook = nbformat.read(ROOT / "docs" / "tutorial.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    printed = "".join(o.get("text", "") for o in outputs)
    assert "sampled worlds" in printed and "set 'discretion': got 1.5" in printed
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) >= 4 and all(len(o["data"]["image/png"]) > 20_000 for o in figures)
    pages = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "steersim-result" in pages  # results show themselves
    assert "npm vs trust: 3 seeds (1-3) paired, 156 weeks" in pages
    assert "<th>service_quality</th>" in pages and "<th>label</th>" in pages  # run_batch's tidy table
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)  # progress


def _tool(name: str):
    """A script of tools/ loaded as a module."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"tool_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_readme_table_and_figure_are_what_the_main_comparison_gives_today(tmp_path):
    # runs `steersim compare --uncertainty 30` as the README gives it (about a minute)
    tool = _tool("readme")
    assert tool.stale(tmp_path) == [], "run: python tools/readme.py --update"


def test_a_stale_readme_table_or_figure_is_caught(tmp_path, monkeypatch):
    # the check itself, on a cheap stand-in for the command: a figure drawn from other
    # numbers, a data file that differs, a table that differs are each named
    import shutil
    tool = _tool("readme")
    readme, figure = tmp_path / "README.md", tmp_path / "fig.png"
    readme.write_text(f"x\n{tool.block('the table')}\ny\n")
    shutil.copyfile(ROOT / "docs" / "img" / "compare_npm_trust.png", figure)
    (tmp_path / "fig.csv").write_text((ROOT / "docs" / "img" / "compare_npm_trust.csv").read_text())
    monkeypatch.setattr(tool, "README", readme)
    monkeypatch.setattr(tool, "FIGURE", figure)
    monkeypatch.setattr(tool, "DATA", tmp_path / "fig.csv")
    monkeypatch.setattr(tool, "ROOT", tmp_path)

    def fake_run(out, table="the table", data=None):
        (out / "comparison.csv").write_text(data or (ROOT / "docs" / "img" / "compare_npm_trust.csv").read_text())
        return table
    monkeypatch.setattr(tool, "run", fake_run)
    assert tool.stale(tmp_path) == []
    monkeypatch.setattr(tool, "run", lambda out: fake_run(out, table="another table"))
    assert [p.split(":")[0] for p in tool.stale(tmp_path)] == ["README.md"]
    monkeypatch.setattr(tool, "run", lambda out: fake_run(out, data="kind,metric\nseeds,other\n"))
    assert [p.split(":")[0] for p in tool.stale(tmp_path)] == ["fig.csv", "fig.png"]


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


def test_the_replication_page_shows_the_committed_benchmark_and_names_every_study():
    # docs/replication.md's tables are rendered from benchmarks/replication.*, never typed
    tool = _tool("replication_doc")
    assert tool.committed() == tool.block(), "run: python tools/replication_doc.py --update"
    from sim.inputs.study import study_names
    page = (ROOT / "docs" / "replication.md").read_text(encoding="utf-8")
    tables = tool.committed()
    assert all(f"| {name} |" in tables for name in study_names())
    assert "(img/replication_forest.png)" in page and (ROOT / "docs" / "img" / "replication_forest.png").exists()
    # every study that does not hold as published is discussed below the tables
    import json
    summary = json.loads((ROOT / "benchmarks" / "replication.json").read_text(encoding="utf-8"))
    findings = page.split("## What does not hold", 1)[1]
    missing = [s for s, v in summary["verdicts"].items() if v["as_published"] != "holds" and f"`{s}`" not in findings]
    assert missing == [], f"docs/replication.md does not discuss {missing}"


@pytest.mark.slow
def test_the_worked_example_runs_once_wired_in_as_the_recipe_says(tmp_path):
    # docs/architecture.md's recipe followed on a copy of the package: the new file, the
    # module in MODULES and among State's bases, its step in the week plan. Then a run
    # shows the new field, steersim list shows its coefficients, and --set reaches them.
    import re
    import shutil
    import subprocess
    import sys

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    source = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    package = tmp_path / "sim"
    shutil.copytree(ROOT / "sim", package, ignore=shutil.ignore_patterns("__pycache__"))
    for shipped in ("scenarios", "studies", "experiments"):
        shutil.copytree(ROOT / shipped, tmp_path / shipped)
    (package / "mechanisms" / "sickness.py").write_text(source, encoding="utf-8")

    def edit(path, old, new):
        body = path.read_text(encoding="utf-8")
        assert body.count(old) == 1, f"{path.name}: the recipe's anchor {old!r} moved"
        path.write_text(body.replace(old, new), encoding="utf-8")

    # 2. register it: the module's name last in MODULES, its Owns among State's bases
    edit(package / "mechanisms" / "__init__.py", '"citizens", "change", "imitation", "market")',
         '"citizens", "change", "imitation", "market", "sickness")')
    edit(package / "model" / "state.py", "from sim.mechanisms import (\n", "from sim.mechanisms import (\n    sickness,\n")
    edit(package / "model" / "state.py", "market.Owns, Structure):", "market.Owns, sickness.Owns, Structure):")
    # 3. its step in the phase "staff update"
    edit(package / "model" / "plan.py", "from sim.mechanisms import (\n", "from sim.mechanisms import (\n    sickness,\n")
    edit(package / "model" / "plan.py", "strain.turnover)),", "strain.turnover, sickness.fall_ill)),")
    run = """
from sim import SteeringModel
from sim.model.plan import STEPS, step_name
model = SteeringModel(rng=3, collect=False, burn_in=0, sick_strain=0.2)
model.run(8)
sick = model.staff["off_sick"]
print(len(sick), int(sick.sum()), "sickness.fall_ill" in [step_name(s) for s in STEPS])
"""
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", run], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    staff, off, planned = out.stdout.split()
    assert planned == "True" and int(staff) == 200 and 0 < int(off) < 100
    lister = 'import sys; from sim.cli import main; sys.exit(main(["list"]))'
    listing = subprocess.run([sys.executable, "-c", lister], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=300)
    assert listing.returncode == 0 and "sick_base" in listing.stdout and "sick_strain" in listing.stdout


def test_the_screening_experiment_lists_every_uncertain_input_at_its_plausible_range():
    # experiments/screen_every_input.toml is written from the registry (tools/screen_experiment.py)
    tool = _tool("screen_experiment")
    assert tool.main(["--check"]) == 0, "run: python tools/screen_experiment.py --update"
    from sim.inputs.experiment import load_experiment
    from sim.inputs.schema import INPUTS, UNCERTAINTIES
    experiment = load_experiment(ROOT / "experiments" / "screen_every_input.toml")
    # every uncertain input but those that act only through levers npm leaves off (the market's)
    assert [f.name for f in experiment.factors] == [n for n in UNCERTAINTIES if not INPUTS[n].acts_with]
    assert all(tuple(f.bounds()) == tuple(map(float, INPUTS[f.name].plausible)) for f in experiment.factors)
    assert experiment.design == "morris" and experiment.n_runs == tool.TRAJECTORIES * (len(experiment.factors) + 1)
