"""The wheel works anywhere: built from the checkout, installed into a fresh virtual
environment, and run from a folder far from the checkout, it finds its presets, its
examples, the experiments its commands name and its regression baseline.

The fresh environment borrows the test environment's third-party packages through a
.pth file (so the test needs no network), but not its editable steersim: the only
steersim it can import is the installed wheel."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


#: What the extras install: hidden in the wheel's environment, as if installed without them.
EXTRAS = ("ema_workbench", "solara", "distributed", "dask", "ipywidgets", "ipyvue", "ipyvuetify", "altair",
          "playwright", "babel", "pytest", "nbclient", "ipykernel")
HIDE = f"""import sys
class _NoExtras:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {EXTRAS!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (an extra, hidden by the test)", name=name)
sys.meta_path.insert(0, _NoExtras())
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    # build from the tracked files only, as a fresh clone would (a build/ folder left in a
    # checkout can carry files into a wheel that a clean build would not)
    source = tmp / "source"
    for name in subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                            "-v", "-w", str(tmp / "dist")], capture_output=True, text=True, check=True)
    wheel = next((tmp / "dist").glob("steersim-*.whl"))
    env = tmp / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    site = next((env / "lib").glob("python3.*/site-packages"))
    (site / "_borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return wheel, env, elsewhere, built.stdout + built.stderr


@pytest.fixture(scope="module")
def without_extras(installed):
    """The wheel's environment with every extra hidden (the base install)."""
    _, env, _, _ = installed
    site = next((env / "lib").glob("python3.*/site-packages"))
    (site / "_no_extras.py").write_text(HIDE)
    (site / "_no_extras.pth").write_text("import _no_extras\n")
    yield installed
    (site / "_no_extras.pth").unlink()


def _steersim(installed, *args):
    _, env, elsewhere, _ = installed
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
    _, env, elsewhere, _ = installed
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
    _, env, elsewhere, _ = installed
    out = subprocess.run([str(env / "bin" / "python"), "-m", "sim.science.baseline", "--check"], cwd=elsewhere,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("matches baseline.json")


def test_the_build_is_quiet_and_ships_the_compiled_catalogue_and_the_docs_not_the_po(installed):
    wheel, _, _, log = installed
    assert "Warning" not in log and "absent from the `packages` configuration" not in log, log[-3000:]
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "sim/locale/sv/LC_MESSAGES/steersim.mo" in names
    assert not [n for n in names if n.endswith(".po")]
    assert {"sim/docs/ODD.md", "sim/docs/science.md", "sim/docs/findings.md"} <= names


def test_the_wheel_speaks_swedish_without_babel(without_extras):
    _, env, elsewhere, _ = without_extras
    out = subprocess.run([str(env / "bin" / "python"), "-c",
                          "from sim.i18n import translator; print(translator('sv')('In plain words'))"],
                         cwd=elsewhere, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "I klartext"


def _readme_commands() -> list[tuple[list[str], str | None]]:
    """Every steersim command the README shows: (arguments, the error it prints, for the
    one shown with its output)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        m = re.match(r"^\s+(\$ )?(?:bash setup.sh && )?\.venv/bin/steersim (.+?)(?:\s+#.*)?$", line)
        if m:
            found.append((m.group(2).split(), lines[i + 1].strip() if m.group(1) else None))
        for span in re.findall(r"`steersim ([^`]+)`", line):
            if not re.search(r"[A-Z\[|]", span):  # not a synopsis with placeholders
                found.append((span.split(), None))
    return list({" ".join(args): (args, shown) for args, shown in found}.values())


def test_every_readme_command_works_from_the_base_wheel_or_names_its_extra(without_extras):
    _, env, elsewhere, _ = without_extras
    folder = elsewhere / "readme"
    folder.mkdir()
    commands = _readme_commands()
    assert len(commands) >= 10, commands
    results = {}
    for args, shown in commands:
        # a long command counts as working once it is running (then stopped: it must stop
        # cleanly); the sweep runs until it has stored runs for the analysis after it
        proc = subprocess.Popen([str(env / "bin" / "steersim"), *args], cwd=folder, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": ""})
        deadline = time.monotonic() + {"sweep": 180, "analyse": 180}.get(args[0], 4)
        while proc.poll() is None and time.monotonic() < deadline:
            if args[0] == "sweep" and list(folder.glob("results/sweeps/*/runs/part-*.parquet")):
                break
            time.sleep(0.2)
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        results[" ".join(args)] = (proc.returncode, err)
        assert "Traceback" not in err, (args, err)
        if shown is not None:  # the README's example of a refused input, with its output
            assert proc.returncode == 2 and err.strip() == shown, (args, err)
        elif proc.returncode == 2:
            assert err.count("\n") == 1 and "pip install 'steersim[" in err, (args, err)
        else:
            assert proc.returncode in (0, 130), (args, proc.returncode, err[-500:])
            assert proc.returncode == 0 or "stopped" in err, (args, err[-500:])
    named = {k: v[1] for k, v in results.items() if v[0] == 2}
    assert any("steersim[robustness]" in e for e in named.values()) and any("steersim[viz]" in e for e in named.values())
