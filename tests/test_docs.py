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
