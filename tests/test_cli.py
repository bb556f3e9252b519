"""The command line as a user meets it: outputs, JSON, one-line errors, offline reports.
Most run in this process (``main(argv)``); a real process only where it matters."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import cli

from sim.model.metrics import METRICS

ROOT = Path(__file__).resolve().parent.parent
SMALL_SET = ["--set", "units=4", "--set", "citizens=300", "--set", "staff_per_unit=5", "--set", "burn_in=20"]


def steersim(*args, cwd=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "sim.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=timeout)


def test_run_json_has_mean_and_ci_for_every_metric(capsys, tmp_path):
    status, out, err = cli(capsys, "run", "npm", "--seeds", 2, "--steps", 20, *SMALL_SET, "--format", "json",
                           "--out", tmp_path / "run")
    assert status == 0, err
    data = json.loads(out)
    assert data["scenario"] == "npm" and data["seeds"] == 2 and data["steps"] == 20
    sq = data["metrics"]["service_quality"]
    assert sq["ci95"][0] <= sq["mean"] <= sq["ci95"][1]
    for name in ("unequal_treatment", "serious_errors", "gaming_gap", "cost_per_quality", "rules"):
        assert name in data["metrics"]
    series = pd.read_parquet(tmp_path / "run" / "series.parquet")
    assert set(series["seed"]) == {1, 2} and series["week"].max() == 20


def test_compare_prints_both_kinds_of_uncertainty_and_writes_a_report(capsys, tmp_path):
    status, out, err = cli(capsys, "compare", "--seeds", 2, "--steps", 20, *SMALL_SET, "--uncertainty", 6,
                           "--out", tmp_path)
    assert status == 0, err
    assert "trust - npm" in out and "over seeds" in out and "plausible worlds" in out
    assert (tmp_path / "comparison.png").stat().st_size > 20_000
    assert (tmp_path / "differences_trust_vs_npm.csv").exists()
    md = (tmp_path / "report.md").read_text()
    assert "over worlds" in md and "worlds where higher" in md


def test_a_short_run_says_what_it_averaged_and_no_interval_leaves_a_metrics_range(capsys, tmp_path):
    status, out, err = cli(capsys, "run", "npm", "--seeds", 1, "--steps", 10, *SMALL_SET, "--out", tmp_path / "one")
    assert status == 0, err
    assert "mean over the last 10 weeks" in out and "[no CI: one seed]" in out
    status, out, err = cli(capsys, "run", "npm", "--seeds", 2, "--steps", 10, *SMALL_SET, "--format", "json",
                           "--out", tmp_path / "two")
    assert status == 0, err
    for name, metric in json.loads(out)["metrics"].items():
        if METRICS[name].bounded:
            assert 0 <= metric["ci95"][0] <= metric["mean"] <= metric["ci95"][1] <= 1, name


@pytest.mark.parametrize("args,needle", [
    (["run", "nmp"], "did you mean 'npm'"),
    (["run", "npm", "--set", "discretoin=0.5"], "did you mean 'discretion'"),
    (["run", "npm", "--set", "discretion=2"], "from 0 to 1"),
    (["run", "npm", "--set", "indicators=many"], "not a number"),
    (["run", "npm", "--set", "discretion"], "NAME=VALUE"),
    (["run", "npm", "--seeds", "0"], "from 1"),
    (["run", "no/such/file.toml"], "file not found"),
    (["run", "reform", "--steps", "50"], "beyond --steps"),
    (["compare", "npm"], "at least two"),
    (["compare", "npm", ROOT / "scenarios/examples/vasternorrland_pilot.toml"],
     "own steps differ (npm 260 and vasternorrland_pilot 156"),
    (["run", "npm", "--seeds", "x"], "invalid int"),
    (["frobnicate"], "invalid choice"),
    (["run", "npm", "--workers", "0"], "at least 1"),
    (["validate", "--only", "SF99"], "no fact 'SF99'"),
    (["animate", "npm", "trust", "--out", "a.mp4"], ".gif or .html"),
    (["animate", "npm", "trsut", "--out", "a.gif"], "did you mean 'trust'"),
    (["animate", "npm", "trust", "--out", "a.gif", "--seed", "-3"], "'--seed'"),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(capsys, monkeypatch, tmp_path, args, needle):
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(capsys, *args)
    assert status == 2 and needle in err and "Traceback" not in err and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == []


def test_viz_on_a_taken_port_says_so_in_one_line(capsys):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        status, _, err = cli(capsys, "viz", "--port", taken.getsockname()[1])
    assert status == 2 and "is taken" in err and "--port" in err and err.count("\n") == 1, err


def test_list_shows_presets_levers_coefficients_and_metrics(capsys):
    status, out, _ = cli(capsys, "list")
    assert status == 0
    for word in ("npm", "trust", "balanced", "discretion", "hours/case", "gaming_gap", "hours_per_indicator",
                 "[workload]", "plausible"):
        assert word in out


@pytest.mark.slow
def test_a_closed_pipe_is_not_an_error():
    r = subprocess.run(f"{sys.executable} -m sim.cli list | head -1", shell=True, capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0 and "Traceback" not in r.stderr and r.stderr == ""


@pytest.mark.slow
def test_copy_an_example_change_two_values_compare_and_get_an_offline_report(tmp_path):
    example = (ROOT / "scenarios" / "examples" / "kalmar.toml").read_text()
    mine = example.replace('name = "kalmar"', 'name = "my_kalmar"') + "\n"
    mine = mine.replace("[levers]", "[levers]\nindicators = 6", 1) if "indicators" not in mine else \
        mine.replace("indicators = 10", "indicators = 6")
    (tmp_path / "my_kalmar.toml").write_text(mine)
    r = steersim("compare", "npm", "my_kalmar.toml", "--seeds", 2, "--steps", 30, *SMALL_SET, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "results" / "compare_npm_vs_my_kalmar"
    page = (out / "report.html").read_text()
    assert page.count("data:image/png;base64,") >= 1
    assert "http://" not in page and "https://" not in page  # nothing to fetch: works offline
    assert "In plain words" in page and "indicators" in page and "chance only" in page
    assert "![" in (out / "report.md").read_text() and (out / "comparison.png").exists()


@pytest.mark.slow
def test_pilot_report_has_a_difference_in_differences_section(capsys, tmp_path):
    status, out, err = cli(capsys, "compare", "npm", "pilot", "--seeds", 3, "--steps", 80, *SMALL_SET,
                           "--out", tmp_path)
    assert status == 0, err
    assert "difference-in-differences" in out
    page = (tmp_path / "report.md").read_text()
    assert "## Pilot evaluation: pilot" in page and "DiD estimate" in page
    assert (tmp_path / "pilot_pilot.png").exists()


@pytest.mark.slow
def test_animate_writes_a_projector_gif_and_a_small_offline_html_player(tmp_path):
    for name in ("a.gif", "a.html"):
        r = steersim("animate", "npm", "trust", "--out", tmp_path / name, "--frames", 3, "--weeks-per-frame", 2,
                     "--lang", "sv")
        assert r.returncode == 0, r.stderr
    from PIL import Image
    with Image.open(tmp_path / "a.gif") as gif:
        assert gif.n_frames == 3 and gif.size == (1280, 720)
    page = (tmp_path / "a.html").read_text()
    assert "https://" not in page and "http://" not in page
    assert (tmp_path / "a.html").stat().st_size < 3_000_000
    assert "steersimCharts" in page and "medborgarnas tillit" in page and '"names":["NPM","tillitsbaserad"]' in page  # the sides in the page's words
