"""The command line as a user meets it: outputs, JSON, and one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL_SET = ["--set", "units=4", "--set", "citizens=300", "--set", "staff_per_unit=5"]


def steersim(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sim.cli", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_run_json_has_mean_and_ci_for_every_metric(tmp_path):
    out = tmp_path / "run"
    r = steersim("run", "npm", "--seeds", "2", "--steps", "30", *SMALL_SET, "--format", "json",
                 "--out", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["scenario"] == "npm" and data["seeds"] == 2 and data["steps"] == 30
    sq = data["metrics"]["service_quality"]
    assert sq["ci95"][0] <= sq["mean"] <= sq["ci95"][1]
    for name in ("complex_need_quality", "gaming_gap", "admin_share", "turnover", "rules"):
        assert name in data["metrics"]
    import pandas as pd
    series = pd.read_parquet(out / "series.parquet")
    assert set(series["seed"]) == {1, 2} and series["week"].max() == 30


def test_compare_writes_figure_and_differences(tmp_path):
    r = steersim("compare", "--seeds", "2", "--steps", "20", *SMALL_SET, "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "trust - npm" in r.stdout and "service_quality" in r.stdout
    assert (tmp_path / "comparison.png").stat().st_size > 20_000
    assert (tmp_path / "differences_trust_vs_npm.csv").exists()


@pytest.mark.parametrize("args,needle", [
    (["run", "nmp"], "did you mean 'npm'"),
    (["run", "npm", "--set", "discretoin=0.5"], "did you mean 'discretion'"),
    (["run", "npm", "--set", "discretion=2"], "from 0 to 1"),
    (["run", "npm", "--set", "indicators=many"], "not a number"),
    (["run", "npm", "--set", "discretion"], "LEVER=VALUE"),
    (["run", "npm", "--seeds", "0"], "from 1"),
    (["run", "no/such/file.toml"], "file not found"),
    (["run", "reform", "--steps", "50"], "beyond --steps"),
    (["compare", "npm"], "at least two"),
    (["run", "npm", "--seeds", "x"], "invalid int"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, args, needle):
    r = steersim(*args, cwd=tmp_path)
    assert r.returncode == 2
    assert needle in r.stderr
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "results").exists()


def test_list_shows_presets_levers_and_metrics():
    r = steersim("list")
    assert r.returncode == 0
    for word in ("npm", "trust", "pilot", "discretion", "hours/case", "gaming_gap"):
        assert word in r.stdout


def test_copy_an_example_change_two_values_compare_and_get_an_offline_report(tmp_path):
    example = (ROOT / "scenarios" / "examples" / "kalmar.toml").read_text()
    mine = example.replace("indicators = 10", "indicators = 6").replace(
        "citizen_panel = 0.8", "citizen_panel = 1.0").replace('name = "kalmar"', 'name = "my_kalmar"')
    assert mine != example
    (tmp_path / "my_kalmar.toml").write_text(mine)
    r = steersim("compare", "npm", "my_kalmar.toml", "--seeds", "2", "--steps", "30", *SMALL_SET,
                 cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "results" / "compare_npm_vs_my_kalmar"
    page = (out / "report.html").read_text()
    assert page.count("data:image/png;base64,") >= 1
    assert "http://" not in page and "https://" not in page  # nothing to fetch: works offline
    assert "In plain words" in page and "indicators" in page and "citizen_panel" in page
    md = (out / "report.md").read_text()
    assert "![" in md and (out / "comparison.png").exists()


def test_pilot_report_has_a_difference_in_differences_section(tmp_path):
    r = steersim("compare", "npm", "pilot", "--seeds", "3", "--steps", "80", *SMALL_SET,
                 "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "difference-in-differences" in r.stdout
    page = (tmp_path / "report.md").read_text()
    assert "## Pilot evaluation: pilot" in page and "DiD estimate" in page
    assert (tmp_path / "pilot_pilot.png").exists()


def test_animate_writes_a_gif_and_an_offline_html_player(tmp_path):
    for name in ("a.gif", "a.html"):
        r = steersim("animate", "npm", "trust", "--out", str(tmp_path / name), "--frames", "3",
                     "--weeks-per-frame", "2")
        assert r.returncode == 0, r.stderr
    from PIL import Image
    with Image.open(tmp_path / "a.gif") as gif:
        assert gif.n_frames == 4
    page = (tmp_path / "a.html").read_text()
    assert "https://" not in page and "data:font/woff;base64" in page and 'content:"\\f04b"' in page


def test_animate_refuses_other_file_types_and_bad_scenarios(tmp_path):
    r = steersim("animate", "npm", "trust", "--out", str(tmp_path / "a.mp4"))
    assert r.returncode == 2 and ".gif or .html" in r.stderr
    r = steersim("animate", "npm", "trsut", "--out", str(tmp_path / "a.gif"))
    assert r.returncode == 2 and "did you mean 'trust'" in r.stderr and not (tmp_path / "a.gif").exists()
