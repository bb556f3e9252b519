"""The wheel works anywhere: built from the checkout, installed into a fresh virtual
environment, and run from a folder far from the checkout, it finds its presets, its
examples, the experiments its commands name and its regression baseline.

The fresh environment borrows the test environment's third-party packages through a
.pth file (so the test needs no network), but not its editable steersim: the only
steersim it can import is the installed wheel."""

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp / "dist")], check=True, capture_output=True)
    wheel = next((tmp / "dist").glob("steersim-*.whl"))
    env = tmp / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    site = next((env / "lib").glob("python3.*/site-packages"))
    (site / "_borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return wheel, env, elsewhere


def _steersim(installed, *args):
    _, env, elsewhere = installed
    return subprocess.run([str(env / "bin" / "steersim"), *args], cwd=elsewhere, capture_output=True,
                          text=True, timeout=600)


def test_the_wheel_carries_presets_examples_experiments_and_the_baseline(installed):
    names = set(zipfile.ZipFile(installed[0]).namelist())
    shipped = [f"sim/scenarios/{p.name}" for p in (ROOT / "scenarios").glob("*.toml")]
    shipped += [f"sim/scenarios/examples/{p.name}" for p in (ROOT / "scenarios" / "examples").glob("*.toml")]
    shipped += [f"sim/experiments/{p.name}" for p in (ROOT / "experiments").glob("*.toml")]
    shipped += ["sim/science/baseline.json"]
    assert not [n for n in shipped if n not in names]


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    _, env, elsewhere = installed
    out = subprocess.run([str(env / "bin" / "python"), "-c", "import sim; print(sim.__file__)"], cwd=elsewhere,
                         capture_output=True, text=True, check=True).stdout.strip()
    assert Path(out).is_relative_to(env) and not Path(out).is_relative_to(ROOT)


def test_list_run_compare_and_an_example_work_from_any_folder(installed):
    listed = _steersim(installed, "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    catalogue = json.loads(listed.stdout)
    assert {"npm", "trust", "balanced"} <= set(catalogue["presets"])
    assert "examples/vasternorrland_pilot" in catalogue["examples"]

    run = _steersim(installed, "run", "npm", "--seeds", "1", "--steps", "20", "--format", "json", "--out", "r")
    assert run.returncode == 0, run.stderr
    assert 0 < json.loads(run.stdout)["metrics"]["service_quality"]["mean"] < 1

    compare = _steersim(installed, "compare", "--seeds", "2", "--steps", "30", "--out", "c")
    assert compare.returncode == 0, compare.stderr
    assert (installed[2] / "c" / "report.html").is_file()

    example = _steersim(installed, "run", "examples/vasternorrland_pilot", "--seeds", "1", "--steps", "110",
                        "--out", "e")
    assert example.returncode == 0, example.stderr


def test_the_installed_package_checks_itself_against_its_baseline(installed):
    _, env, elsewhere = installed
    out = subprocess.run([str(env / "bin" / "python"), "-m", "sim.science.baseline", "--check"], cwd=elsewhere,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("matches baseline.json")
