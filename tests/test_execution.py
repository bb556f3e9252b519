"""Running work as a user relies on it: progress wherever the output goes, one default
for --workers, a run cache that never serves a run made by other code, a script that
calls the library without a main guard, and an organisation too large for memory refused
up front."""

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import cli

from sim.cli import build_parser
from sim.execution import cache, ensemble, progress
from sim.execution.progress import LogLines, progress_bar

ROOT = Path(__file__).resolve().parent.parent
SMALL = {"units": 4, "citizens": 300, "staff_per_unit": 5, "burn_in": 20}
SMALL_SET = [x for k, v in SMALL.items() for x in ("--set", f"{k}={v}")]


def _env() -> dict:
    return dict(os.environ)


def test_in_a_log_progress_is_a_line_with_done_total_rate_and_time_left():
    log = io.StringIO()
    bar = LogLines(10, "runs", "npm, trust", log, every=0)
    for _ in range(4):
        bar.update()
    bar.close()
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("npm, trust: 1/10 runs (10%), ") and "runs/s" in lines[0] and "left" in lines[0]
    assert lines[-1].startswith("npm, trust: 4/10 runs (40%)") and "done in" in lines[-1]


def test_work_shorter_than_the_log_interval_prints_nothing():
    log = io.StringIO()
    bar = progress_bar(3, True, "run", "quick", stream=log)
    bar.update(3)
    bar.close()
    assert log.getvalue() == ""


def test_compare_into_a_log_writes_progress_lines_and_quiet_writes_none(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(progress, "LOG_SECONDS", 0.0)
    cache.clear()  # runs made by earlier tests would come from the cache, with no progress
    status, _, err = cli(capsys, "compare", "--seeds", 2, "--steps", 20, *SMALL_SET, "--uncertainty", 3,
                         "--out", tmp_path / "a", "--workers", 1)
    assert status == 0, err
    runs = [line for line in err.splitlines() if line.startswith("npm, trust (batches of up to")]
    worlds = [line for line in err.splitlines() if line.startswith("plausible worlds: ")]
    assert runs and "/4 runs" in runs[0] and worlds and "/3 worlds" in worlds[-1], err
    status, _, err = cli(capsys, "compare", "--seeds", 2, "--steps", 20, *SMALL_SET, "--uncertainty", 3,
                         "--out", tmp_path / "b", "--workers", 1, "--quiet")
    assert status == 0 and err == "", err


def test_every_command_that_runs_defaults_to_all_cores():
    parser = build_parser()
    for command in ("run", "compare", "robustness", "pilot-design", "validate", "calibrate", "sweep"):
        args = parser.parse_args([command, *(["x"] if command in ("run", "sweep") else [])])
        assert args.workers is None, command
    text = parser._subparsers._group_actions[0].choices["validate"].format_help()
    assert "default: all cores" in text


def test_the_cache_key_changes_with_the_code_that_makes_a_run_not_the_version(tmp_path, monkeypatch):
    files = {p.relative_to(ROOT).as_posix() for p in cache._code_files()}
    assert {"sim/model/model.py", "sim/mechanisms/gaming.py", "sim/inputs/schema.py", "scenarios/npm.toml"} <= files
    module = tmp_path / "mechanism.py"
    module.write_text("RATE = 0.1\n")
    monkeypatch.setattr(cache, "_code_files", lambda: [module])
    before = cache.code_key()
    module.write_text("RATE = 0.2\n")  # an edit, as in a live kernel
    assert cache.code_key() != before
    monkeypatch.setattr("sim.__version__", "99.0")  # the version alone changes nothing
    assert cache.code_key() == cache.code_key()


def test_a_run_made_by_other_code_is_not_served_from_the_cache(tmp_path, monkeypatch):
    from sim.api import scenario
    module = tmp_path / "mechanism.py"
    module.write_text("RATE = 0.1\n")
    monkeypatch.setattr(cache, "_code_files", lambda: [module])
    made = []
    real = ensemble.batch_task
    monkeypatch.setattr(ensemble, "batch_task", lambda args: made.append(len(args[0])) or real(args))
    sc = scenario("npm", SMALL)
    ensemble.run_many([sc], [1], 5, workers=1, progress=False)
    ensemble.run_many([sc], [1], 5, workers=1, progress=False)
    assert made == [1], "the same code: served from the cache"
    module.write_text("RATE = 0.2\n")
    ensemble.run_many([sc], [1], 5, workers=1, progress=False)
    assert made == [1, 1], "an edited mechanism: made again"


@pytest.mark.slow
def test_a_script_without_a_main_guard_runs_on_all_cores(tmp_path):
    # Spawned workers re-run the parent's script; one that calls sim.compare at the top
    # level would start workers of its own and die ("a worker process died").
    script = tmp_path / "analysis.py"
    script.write_text("import sim\n"
                      "r = sim.compare('npm', 'trust', seeds=4, steps=60, workers=2, progress=False)\n"
                      "print(len(r.seeds), 'seeds')\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "4 seeds", out.stderr[-2000:]


def test_an_organisation_too_large_for_memory_is_refused_up_front_with_the_estimate(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("STEERSIM_MEMORY", "4GB")
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(capsys, "run", "npm", "--set", "citizens=20000000", "--seeds", 2, "--workers", 1)
    assert status == 2 and err.count("\n") == 1, err
    assert "20,000,000 citizens" in err and "about 14.9 GB per run" in err and "4.0 GB is available" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_compare_redirected_to_a_log_writes_progress_lines_while_it_runs(tmp_path):
    # `steersim compare --uncertainty N > log.txt 2>&1`, as under nohup or a batch job
    log = tmp_path / "log.txt"
    with log.open("w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "sim.cli", "compare", "--seeds", "6", "--uncertainty", "12",
                                 "--steps", "260", "--workers", "1", "--out", str(tmp_path / "out")],
                                stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT, env={**_env(), "PYTHONPATH": str(ROOT)})
        seen_while_running = []
        while proc.poll() is None:
            seen_while_running = [line for line in log.read_text().splitlines() if " left" in line]
            if seen_while_running:
                break
            time.sleep(0.2)
        proc.terminate()  # seen while it runs; a batch system's SIGTERM stops it in one line
        assert proc.wait(timeout=60) in (0, 130), log.read_text()[-2000:]
    assert seen_while_running, "no progress line before the end"
    assert "Traceback" not in log.read_text()
    assert re.match(r"^(npm, trust \(batches of up to \d+ runs\)|plausible worlds): \d+/\d+ (runs|worlds) \(\d+%\), "
                    r"[\d.]+ (runs|worlds)/s, about \d+ (s|min \d+ s) left$", seen_while_running[0]), seen_while_running
