"""Sweeps on a Dask cluster as a researcher meets them: a real scheduler on 127.0.0.1,
started by the tests. A sweep stops within a second of Ctrl-C even with no worker
connected, says so while no worker is there, and loses or doubles nothing when workers
are killed mid-run."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from sim.execution import executor as executor_module
from sim.execution.executor import Executor, Stopped
from sim.execution.store import Store

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "experiments"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cluster(workers: int):
    return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, protocol="tcp",
                                    host="127.0.0.1", dashboard_address=None)


def sweep_process(experiment, scheduler, out):
    return subprocess.Popen([sys.executable, "-m", "sim.cli", "sweep", str(HERE / experiment), "--scheduler",
                             scheduler, "--out", str(out)], env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def lines_of(stream, into: list):
    """Collect a process's lines with the time each arrived."""
    def read():
        for line in stream:
            into.append((time.monotonic(), line))
    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_a_sweep_with_no_worker_stops_on_ctrl_c_within_a_second_and_says_how_to_resume(tmp_path):
    with cluster(0) as c:
        assert c.scheduler_address.startswith("tcp://127.0.0.1:")
        proc = sweep_process("tiny_grid.toml", c.scheduler_address, tmp_path / "out")
        err: list = []
        reader = lines_of(proc.stderr, err)
        deadline = time.monotonic() + 60
        while not any("on the Dask cluster" in line for _, line in err) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # waiting on a cluster with no worker
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        reader.join(timeout=5)
    stopped = [(t, line) for t, line in err if "stopped" in line]
    assert proc.returncode == 130, err
    assert stopped and stopped[0][0] - sent < 1.0, (stopped, sent)
    assert "0 finished runs are stored" in stopped[0][1] and "--resume" in stopped[0][1]
    assert "Traceback" not in "".join(line for _, line in err)


def test_with_no_worker_connected_a_notice_says_so_and_how_long_it_has_waited(monkeypatch, capsys):
    monkeypatch.setattr(executor_module, "NO_WORKERS_SECONDS", 0.6)
    with cluster(0) as c:
        timer = threading.Timer(2.0, os.kill, (os.getpid(), signal.SIGINT))
        timer.start()
        with pytest.raises(Stopped):
            list(Executor(scheduler=c.scheduler_address).imap(abs, [-1, -2]))
        timer.join()
    notices = [line for line in capsys.readouterr().err.splitlines() if "no Dask worker" in line]
    assert len(notices) >= 2, notices
    assert "waited 1 s" in notices[0] and "dask worker tcp://127.0.0.1:" in notices[0]


def test_a_sweep_whose_workers_are_killed_mid_run_finishes_with_nothing_lost_or_doubled(tmp_path):
    out = tmp_path / "out"
    with cluster(2) as c, distributed.Client(c.scheduler_address) as client:
        proc = sweep_process("dask_grid.toml", c.scheduler_address, out)
        store, deadline = Store(out), time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if store.done_ids():
                    break
            except Exception:  # a part being renamed as we look
                pass
            time.sleep(0.1)
        pids = client.run(os.getpid)
        assert proc.poll() is None and len(store.done_ids()) < 16, "the kill should land mid-way"
        for pid in pids.values():  # both workers, mid-task; their nannies start new ones
            os.kill(pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    raw = pd.concat([pd.read_parquet(p) for p in sorted((out / "runs").glob("part-*.parquet"))])
    assert sorted(raw["run_id"]) == list(range(16)), "a run lost or stored twice"
    assert (raw["status"] == "ok").all()
