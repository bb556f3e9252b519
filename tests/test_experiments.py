"""Sweeps: same table serially, on processes and on Dask; kill and resume; failures
recorded; analyses; the pure entry point; bad experiment files."""

import gc
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import cli

from sim import api
from sim.errors import SteersimInputError
from sim.execution.executor import Executor
from sim.execution.store import Store
from sim.execution.sweep import by_seed, jobs_per_task, sweep
from sim.inputs.experiment import load_experiment, shipped_experiments
from sim.model.agents import Citizen
from sim.model.engine import Engine

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "experiments"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def table(out: Path) -> pd.DataFrame:
    runs = Store(out).runs().drop(columns=["seconds"])
    return runs.sort_values("run_id").reset_index(drop=True)


def steersim(*args, **kw):
    return subprocess.run([sys.executable, "-m", "sim.cli", *args], capture_output=True, text=True,
                          env=ENV, cwd=kw.get("cwd", ROOT), timeout=kw.get("timeout", 600))


def test_serial_and_processes_give_identical_tables(tmp_path):
    exp = load_experiment(HERE / "tiny_grid.toml")
    sweep(exp, tmp_path / "serial", executor=Executor(1), progress=False)
    sweep(exp, tmp_path / "procs", executor=Executor(2), progress=False)
    a, b = table(tmp_path / "serial"), table(tmp_path / "procs")
    assert len(a) == 8 and (a["status"] == "ok").all()
    pd.testing.assert_frame_equal(a, b)
    series = pd.read_parquet(tmp_path / "serial" / "series")
    assert set(series["run_id"]) == set(range(8)) and series["week"].max() == 40


def test_tasks_group_the_runs_of_one_seed_and_lose_none():
    # one process builds each seed's history once when a task carries several points of
    # that seed; the serial sweep above runs in tasks of two jobs and the two-process one
    # in tasks of one, and their tables are equal
    exp = load_experiment(HERE / "tiny_grid.toml")
    # a task fills a batch of runs, but leaves at least four tasks per process
    assert jobs_per_task(8, 1, 1, 16) == 2 and jobs_per_task(8, 2, 1, 16) == 1
    assert jobs_per_task(10_000, 2, 1, 16) == 16 and jobs_per_task(10_000, 2, 4, 16) == 4
    assert jobs_per_task(10_000, 2, 40, 16) == 1
    tasks = list(by_seed(exp.jobs(), 2))
    ids = [run["run_id"] for task in tasks for run in task]
    assert sorted(ids) == list(range(exp.n_runs))
    assert all(len({(run["point"], run["replicate"]) for run in task}) <= 2 for task in tasks)
    # the jobs of a replicate sit together: its seed's history is built in few tasks
    replicates = [run["replicate"] for task in tasks for run in task]
    assert replicates == sorted(replicates)


def test_dask_scheduler_on_localhost_gives_the_serial_table(tmp_path):
    distributed = pytest.importorskip("distributed")
    exp = load_experiment(HERE / "tiny_grid.toml")
    sweep(exp, tmp_path / "serial", executor=Executor(1), progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        r = steersim("sweep", str(HERE / "tiny_grid.toml"), "--scheduler", cluster.scheduler_address,
                     "--out", str(tmp_path / "dask"))
    assert r.returncode == 0, r.stderr
    pd.testing.assert_frame_equal(table(tmp_path / "serial"), table(tmp_path / "dask"))


def test_a_killed_sweep_resumes_and_every_run_is_there_once(tmp_path):
    out = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "sim.cli", "sweep", str(HERE / "slow_grid.toml"),
                             "--workers", "2", "--out", str(out)], env=ENV, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    store = Store(out)
    deadline = time.time() + 120
    while time.time() < deadline and len(store.done_ids()) < 5:
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)  # a real signal, mid-way
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    stored = store.done_ids()
    assert 5 <= len(stored) < 40, "the kill should land mid-way"
    assert "--resume" in err
    r = steersim("sweep", str(HERE / "slow_grid.toml"), "--workers", "2", "--out", str(out), "--resume")
    assert r.returncode == 0, r.stderr
    runs = Store(out).runs()
    assert sorted(runs["run_id"]) == list(range(40))  # every run exactly once
    assert Store(out).read_metadata()["resumed"]


def test_rerunning_into_a_used_folder_without_resume_is_refused(tmp_path):
    exp = load_experiment(HERE / "tiny_grid.toml")
    sweep(exp, tmp_path, executor=Executor(1), progress=False)
    r = steersim("sweep", str(HERE / "tiny_grid.toml"), "--out", str(tmp_path))
    assert r.returncode == 2 and "--resume" in r.stderr


def test_a_failed_run_is_recorded_and_the_sweep_goes_on(tmp_path, monkeypatch):
    # two runs fail mid-way inside their batch: the batch is run again one run at a
    # time, so only those two are recorded as failed and the others' results are kept
    real = Engine.advance

    def flaky(engine):
        if engine.week > 5 and any(p.values["indicators"] == 30 and seed == 2
                                   for p, seed in zip(engine.params, engine.seeds)):
            raise RuntimeError("disk full (simulated)")
        return real(engine)

    monkeypatch.setattr(Engine, "advance", flaky)
    exp = load_experiment(HERE / "tiny_grid.toml")
    sweep(exp, tmp_path, executor=Executor(1), progress=False)
    runs = Store(tmp_path).runs()
    failed = runs[runs["status"] == "failed"]
    assert len(runs) == 8 and len(failed) == 2
    assert failed["error"].str.contains("disk full").all()


def test_sobol_and_morris_analyses_give_indices_with_cis(tmp_path):
    for name, columns in (("tiny_sobol", {"S1", "S1_conf", "ST", "ST_conf"}),
                          ("tiny_morris", {"mu_star", "mu_star_conf", "sigma"})):
        out = tmp_path / name
        assert steersim("sweep", str(HERE / f"{name}.toml"), "--workers", "2", "--out", str(out)).returncode == 0
        r = steersim("analyse", str(out))
        assert r.returncode == 0, r.stderr
        design = name.split("_")[1]
        frame = pd.read_csv(out / "analysis" / f"{design}.csv")
        assert columns <= set(frame.columns)
        assert (out / "analysis" / f"{design}.png").exists()
    sobol = pd.read_csv(tmp_path / "tiny_sobol" / "analysis" / "sobol.csv")
    admin = sobol[sobol.metric == "admin_share"].set_index("factor")
    assert admin.loc["indicators", "ST"] > admin.loc["discretion", "ST"]


def test_grid_analysis_and_crossover_map(tmp_path):
    exp_text = (ROOT / "experiments" / "where_regimes_cross.toml").read_text()
    small = exp_text.replace("replicates = 4", "replicates = 1").replace("steps = 260", "steps = 40") \
        .replace("window = 52", "window = 10").replace("steps = 5 }", "steps = 2 }") \
        .replace("complex_share = 0.1", "complex_share = 0.1\nunits = 4\ncitizens = 300\nburn_in = 20")
    (ROOT / "experiments" / "_test_cross.toml").write_text(small)  # beside the original: same references
    out = tmp_path / "out"
    try:
        r = steersim("sweep", str(ROOT / "experiments" / "_test_cross.toml"), "--out", str(out))
    finally:
        (ROOT / "experiments" / "_test_cross.toml").unlink()
    assert r.returncode == 0, r.stderr
    r = steersim("analyse", str(out))
    assert r.returncode == 0, r.stderr
    for name in ("main_effects.png", "interaction.png", "crossover_service_quality.png",
                 "crossover_service_quality.csv"):
        assert (out / "analysis" / name).exists(), name
    cross = pd.read_csv(out / "analysis" / "crossover_service_quality.csv")
    assert set(cross["better"]) <= {"npm", "balanced", "trust"} and len(cross) == 4
    assert cross["se"].isna().all()  # one replicate: no standard error, so no cell is called a tie


def test_crossover_of_three_regimes_names_the_best_and_its_lead_in_the_metric_direction():
    from sim.science.sensitivity import crossover
    cells = [(x, y) for x in (0.1, 0.9) for y in (0, 1)]
    score = {"a": lambda x, y: x, "b": lambda x, y: 0.5, "c": lambda x, y: 1 - x + 0.01 * y}
    runs = pd.DataFrame([dict(scenario=n, m=x, k=y, replicate=r, status="ok", service_quality=f(x, y),
                              serious_errors=f(x, y)) for n, f in score.items() for x, y in cells for r in range(2)])
    cross = crossover(runs, ["m", "k"], "service_quality", ["a", "b", "c"]).set_index(["m", "k"])
    assert cross.loc[(0.9, 0), "better"] == "a" and cross.loc[(0.1, 1), "better"] == "c"
    assert cross.loc[(0.9, 0), "difference"] == pytest.approx(0.4)
    assert cross.loc[(0.1, 1), "difference"] == pytest.approx(0.91 - 0.5)
    assert not cross["tie"].any()
    errors = crossover(runs, ["m", "k"], "serious_errors", ["a", "b", "c"]).set_index(["m", "k"])
    assert errors.loc[(0.1, 0), "better"] == "a" and errors.loc[(0.9, 0), "better"] == "c"  # fewer is better
    # a lead within two standard errors over the seeds is a tie: a leads b by 0 and 0.001
    close = pd.DataFrame([dict(scenario=n, m=0.5, k=0, replicate=r, status="ok", service_quality=q + 0.001 * r * (n == "a"))
                          for n, q in (("a", 0.5), ("b", 0.5), ("c", 0.4)) for r in range(2)])
    near = crossover(close, ["m", "k"], "service_quality", ["a", "b", "c"]).iloc[0]
    assert near["better"] == "a" and near["se"] == pytest.approx(0.0005) and near["tie"]


@pytest.mark.parametrize("text,needle", [
    ('scenario = "npm"\ndesign = "grdi"\n[vary]\nindicators = [1, 2]', "did you mean 'grid'"),
    ('scenario = "npm"\n[vary]\ndiscretoin = [0.1]', "did you mean 'discretion'"),
    ('scenario = "npm"\n[vary]\ndiscretion = { low = 0.9, high = 0.1 }', "must be below"),
    ('scenario = "npm"\n[vary]\ndiscretion = [1.5]', "from 0 to 1"),
    ('scenario = "npm"\nmetrics = ["quality"]\n[vary]\nindicators = [1]', "no metric"),
    ('scenario = "npm"\ndesign = "sobol"\n[vary]\nindicators = { low = 0, high = 9 }', "at least two factors"),
    ('scenario = "reform"\n[vary]\n"events[3].week" = [10]', "no event 3"),
    ('scenario = "npm"\nreplicates = 0\n[vary]\nindicators = [1]', "'replicates'"),
    ('scenario = "npm"\nstpes = 10\n[vary]\nindicators = [1]', "did you mean 'steps'"),
    ('name = "x"', "[vary]"),
])
def test_bad_experiment_files_get_one_line_errors(capsys, monkeypatch, tmp_path, text, needle):
    (tmp_path / "bad.toml").write_text(text + "\n")
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(capsys, "sweep", tmp_path / "bad.toml")
    assert status == 2 and needle in err and err.count("\n") == 1, err
    assert "Traceback" not in err and not (tmp_path / "results").exists()


def test_every_shipped_experiment_loads():
    for name in shipped_experiments():
        exp = load_experiment(name)
        assert exp.n_runs == len(list(exp.runs()))


def test_pure_entry_point_and_memory_is_freed_after_each_run():
    first = api.evaluate(seed=3, steps=30, units=4, citizens=300, indicators=8, burn_in=20)
    again = api.evaluate(seed=3, steps=30, units=4, citizens=300, indicators=8, burn_in=20)
    assert first == again and 0 <= first["service_quality"] <= 1
    for seed in range(5):
        api.evaluate(seed=seed, steps=5, units=4, citizens=300, burn_in=10)
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Citizen)]


def test_ema_workbench_example_runs(tmp_path):
    pytest.importorskip("ema_workbench")
    r = subprocess.run([sys.executable, str(ROOT / "experiments" / "ema_prim.py"), "--experiments", "40",
                        "--steps", "30", "--out", str(tmp_path)], capture_output=True, text=True,
                       env=ENV, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "PRIM" in r.stdout and (tmp_path / "prim_tradeoff.png").exists()


def test_a_sweep_made_by_another_model_is_not_resumed_into(tmp_path, monkeypatch):
    # one fingerprint names a version of the model everywhere: a store made by another
    # model is refused on --resume, in one line naming both, and nothing is added to it
    exp = load_experiment(HERE / "tiny_grid.toml")
    sweep(exp, tmp_path, executor=Executor(1), progress=False)
    store = Store(tmp_path)
    from sim.model.fingerprint import fingerprint
    assert store.read_metadata()["model"] == fingerprint()
    meta = store.read_metadata()
    meta["model"] = "0123456789ab"
    (tmp_path / "metadata.json").write_text(json.dumps(meta))
    before = sorted(store.done_ids())
    r = steersim("sweep", str(HERE / "tiny_grid.toml"), "--out", str(tmp_path), "--resume")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "0123456789ab" in r.stderr and fingerprint() in r.stderr and "--resume" in r.stderr
    assert sorted(Store(tmp_path).done_ids()) == before


def test_a_metric_named_like_a_varied_input_is_refused_in_one_line_rather_than_overwriting_it(tmp_path):
    # 'indicators' is a lever and a metric (indicators in force): one store column per name
    text = (HERE / "tiny_grid.toml").read_text().replace(
        'metrics = ["service_quality", "admin_share"]', 'metrics = ["service_quality", "indicators"]')
    path = tmp_path / "clash.toml"
    path.write_text(text)
    with pytest.raises(SteersimInputError) as err:
        load_experiment(path)
    message = str(err.value)
    assert "clash.toml" in message and "'metrics'" in message and "'indicators' is both varied and a metric" in message
    assert "\n" not in message
