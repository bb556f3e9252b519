"""What happens to a user's results when things go wrong: two sweeps into one folder,
a damaged part, a batch scheduler's SIGTERM to the whole process group, a SIGKILL, a
full disk, and folders or files reached through links or ``..``. These need real
processes (signals, locks, a small filesystem), so they run as subprocesses."""

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures.process import _ExecutorManagerThread
from pathlib import Path

import pandas as pd
import pytest
from conftest import cli

from sim.execution.executor import Executor, Stopped
from sim.execution.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "experiments"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def start_sweep(out, *extra, experiment="slow_grid.toml"):
    return subprocess.Popen([sys.executable, "-m", "sim.cli", "sweep", str(HERE / experiment), "--workers", "2",
                             "--out", str(out), *extra], env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_runs(out, n, proc, timeout=180):
    store, deadline = Store(out), time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            if len(store.done_ids()) >= n:
                return
        except Exception:  # a part being renamed as we look
            pass
        time.sleep(0.2)
    raise AssertionError(f"fewer than {n} runs stored in {timeout} s")


def group_members(pgid):
    """Live processes (not zombies) whose process group is ``pgid``."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def wait_until_gone(pgid, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline and group_members(pgid):
        time.sleep(0.2)
    return group_members(pgid)


def test_two_sweeps_into_one_folder_the_second_refuses_and_the_first_stores_each_run_once(tmp_path):
    out = tmp_path / "shared"
    first = start_sweep(out)
    wait_for_runs(out, 2, first)
    for extra in ((), ("--resume",)):
        second = subprocess.run([sys.executable, "-m", "sim.cli", "sweep", str(HERE / "slow_grid.toml"),
                                 "--out", str(out), *extra], env=ENV, cwd=ROOT, capture_output=True, text=True,
                                timeout=120)
        assert second.returncode == 2, second.stderr
        assert "in use by steersim pid" in second.stderr and second.stderr.count("\n") == 1
    _, err = first.communicate(timeout=900)
    assert first.returncode == 0, err
    runs = pd.read_parquet(out / "runs")
    assert sorted(runs["run_id"]) == list(range(40))


def test_a_truncated_or_foreign_part_is_set_aside_and_its_runs_run_again(tmp_path, capsys):
    out = tmp_path / "damaged"
    assert cli(capsys, "sweep", HERE / "tiny_grid.toml", "--out", out)[0] == 0
    parts = Store(out).parts()
    damaged = parts[0]
    lost = set(pd.read_parquet(damaged)["run_id"])
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
    pd.DataFrame({"something": [1, 2]}).to_parquet(out / "runs" / "part-foreign.parquet")
    status, _, err = cli(capsys, "sweep", HERE / "tiny_grid.toml", "--out", out, "--resume")
    assert status == 0, err
    runs = pd.read_parquet(out / "runs")
    assert sorted(runs["run_id"]) == list(range(8)) and lost
    assert sorted(p.name for p in (out / "set-aside").iterdir()) == sorted([damaged.name, "part-foreign.parquet"])
    status, out_text, err = cli(capsys, "analyse", out)
    assert status == 0, err


def test_sigterm_to_the_process_group_keeps_finished_runs_and_leaves_no_process(tmp_path):
    out = tmp_path / "term"
    proc = start_sweep(out)
    wait_for_runs(out, 3, proc)
    os.killpg(proc.pid, signal.SIGTERM)  # what a batch scheduler sends
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "--resume" in err
    assert len(Store(out).done_ids()) >= 3
    assert wait_until_gone(proc.pid, 5) == []


def test_a_stopped_pool_has_closed_its_manager_before_control_returns():
    # The standard library's exit hook writes to the pool manager's wake-up pipe; if the
    # manager is still closing it when the interpreter exits, the user sees a traceback
    # after "--resume" (seen once in CI). So the manager must be gone when imap stops.
    finished = []
    with pytest.raises(Stopped):
        for index, _ in Executor(2).imap(time.sleep, [0.3] * 40):
            finished.append(index)
            if len(finished) == 2:
                os.kill(os.getpid(), signal.SIGTERM)
    assert 2 <= len(finished) < 40
    assert [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)] == []


def test_sigkill_of_the_parent_leaves_no_worker_behind(tmp_path):
    out = tmp_path / "kill"
    proc = start_sweep(out)
    wait_for_runs(out, 2, proc)
    assert len(group_members(proc.pid)) > 1  # the workers are up
    proc.kill()
    proc.communicate(timeout=30)
    assert wait_until_gone(proc.pid, 10) == []


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("this machine does not let the tests mount a small filesystem")
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


def no_partial_files(folder):
    leftovers = [p for p in folder.rglob("*") if p.is_file() and (".tmp" in p.name or p.name.startswith(".tmp"))]
    for p in folder.rglob("*.parquet"):
        pd.read_parquet(p)  # every Parquet file left is whole
    return leftovers == []


def one_error_line(err, needle):
    """The error is one line (after any progress lines), with no traceback."""
    errors = [line for line in err.splitlines() if line.startswith("steersim:")]
    return len(errors) == 1 and needle in errors[0] and "Traceback" not in err and err.endswith(errors[0] + "\n")


def test_a_full_disk_gives_one_line_and_no_partial_file(small_disk, capsys):
    status, _, err = cli(capsys, "compare", "--seeds", "2", "--steps", "60", "--out", small_disk / "compare")
    assert status in (1, 2) and one_error_line(err, "disk is full"), err
    assert no_partial_files(small_disk)
    for p in small_disk.rglob("*"):
        if p.is_file():
            p.unlink()
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    (small_disk / "filler").write_bytes(b"x" * (free - 12_000))  # room for the metadata, not the runs
    status, _, err = cli(capsys, "sweep", HERE / "tiny_grid.toml", "--out", small_disk / "sweep")
    assert status in (1, 2) and one_error_line(err, "disk is full"), err
    assert no_partial_files(small_disk)


def test_nothing_is_written_through_a_link_or_read_outside_the_allowed_folders(tmp_path, capsys, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    work = tmp_path / "work"
    (work / "results").mkdir(parents=True)
    monkeypatch.chdir(work)
    os.symlink(elsewhere, work / "results" / "run_planted")
    os.symlink(elsewhere, work / "linked_out")
    (work / "s.toml").write_text('extends = "npm"\nname = "planted"\n')
    for argv in (("run", "s.toml", "--seeds", "1", "--steps", "5"),  # results/run_planted is a link
                 ("run", "npm", "--seeds", "1", "--steps", "5", "--out", "linked_out"),
                 ("run", "npm", "--seeds", "1", "--steps", "5", "--out", "results/run_planted/x")):
        status, _, err = cli(capsys, *argv)
        assert status == 2 and "symbolic link" in err, err
    assert list(elsewhere.iterdir()) == []
    # a file that reaches outside its folder through a link, or through ..
    secret = tmp_path / "secret.toml"
    secret.write_text('extends = "npm"\n')
    os.symlink(secret, work / "innocent.toml")
    for text in ('extends = "innocent.toml"\n', 'extends = "../secret.toml"\n', f'extends = "{secret}"\n'):
        (work / "s.toml").write_text(text)
        status, _, err = cli(capsys, "run", "s.toml", "--seeds", "1", "--steps", "5")
        assert status == 2 and "outside the scenario's folder" in err and "s.toml" in err, err
