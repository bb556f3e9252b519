"""Running an experiment on the shared executor (serially, on local processes or on a
Dask cluster), streaming results to the store as runs finish. A stopped sweep (Ctrl-C,
SIGTERM) stores what has finished before it exits with status 130, and ``resume=True``
runs only what is missing. A run that fails is recorded with its error and the sweep
goes on.
"""

from __future__ import annotations

import math
import time

from sim.errors import SteersimInputError
from sim.execution import memory
from sim.execution.executor import Executor
from sim.execution.progress import notice, progress_bar
from sim.execution.store import Store
from sim.inputs.experiment import Experiment
from sim.model.batching import scenario_batch_size
from sim.model.metrics import summarise

FLUSH_ROWS = 25
FLUSH_SECONDS = 2.0


def run_job(args):
    """One task of the experiment (the scenarios of one or more points, of one or more
    replicates), run as batches (``sim.model.batching.run_all``): a list of (row for the
    runs table, weekly series or None), one per run. A run's ``seconds`` is its share of
    its task's time."""
    from sim.model.batching import RunRecord, run_all
    experiment, runs = args
    started = time.perf_counter()
    specs, records = [], []
    for run in runs:
        try:
            specs.append((experiment.scenario_for(run), run["seed"]))
            records.append(None)
        except Exception as exc:  # a run that cannot be built is data too
            records.append(RunRecord(error=exc))
    done = iter(run_all(specs, experiment.steps))
    records = [record if record is not None else next(done) for record in records]
    seconds = (time.perf_counter() - started) / max(len(runs), 1)
    out = []
    for run, record in zip(runs, records):
        if record.error is None:
            summary, series = summarise(record.history, experiment.window, experiment.metrics,
                                        experiment.series)
            status, error = "ok", ""
        else:  # a failed run is data: record it and go on
            summary = {m: math.nan for m in experiment.metrics}
            series, status, error = None, "failed", f"{type(record.error).__name__}: {record.error}"
        row = {**run, **summary, "status": status, "error": error, "seconds": seconds}
        if series is not None:
            series.insert(0, "run_id", run["run_id"])
        out.append((row, series))
    return out


def jobs_per_task(n_jobs: int, processes: int, runs_per_job: int, batch: int) -> int:
    """Jobs per task: as many as fill one batch of runs (``sim.model.batching.batch_size``),
    and at least four tasks per process so the processes stay evenly loaded."""
    return max(1, min(max(1, batch // max(runs_per_job, 1)), n_jobs // (4 * max(processes, 1))))


def by_seed(jobs, size: int):
    """The runs of ``jobs`` in tasks of up to ``size`` jobs, the jobs of one replicate (so
    one seed) side by side, so that a task's batch holds few seeds and builds each one's
    history once (``sim.model.past``); a run's result does not depend on the task it
    ran in."""
    ordered = sorted((job for job in jobs if job), key=lambda job: job[0]["replicate"])
    for start in range(0, len(ordered), size):
        yield [run for job in ordered[start:start + size] for run in job]


def sweep(experiment: Experiment, out, executor: Executor | None = None, resume: bool = False,
          progress: bool | None = True, announce=None) -> Store:
    """Run ``experiment`` into the store at ``out``. A scheduler that cannot be reached,
    or any input refused before the first run is stored, leaves no trace of a folder
    this call created."""
    executor = executor or Executor(None)
    if executor.scheduler:
        executor.connect()  # before the folder is touched
    store = Store(out)
    created = not (store.out / "metadata.json").exists()  # a new sweep, not one to resume
    store.lock()
    try:
        return _sweep(experiment, store, executor, resume, progress, announce)
    except SteersimInputError:
        if created and not store.parts():
            store.discard()
        raise
    finally:
        store.unlock()
        executor.disconnect()


def _sweep(experiment, store, executor, resume, progress, announce=None) -> Store:
    out = store.out
    if store.parts() and not resume:
        raise SteersimInputError(f"{str(out)!r} already holds runs of a sweep; add --resume to "
                                 f"finish it, or give another --out", key="--out")
    if resume and store.parts():
        from sim.model.fingerprint import fingerprint
        made_by = store.read_metadata().get("model")
        if made_by is not None and made_by != fingerprint():
            raise SteersimInputError(f"the runs in {str(out)!r} were made by model {made_by} and this is model "
                                     f"{fingerprint()} (`steersim --version`); runs of two models are not "
                                     f"mixed: use another --out", key="--resume")
        previous = store.read_metadata().get("experiment_text")
        if previous is not None and previous != experiment.text:
            raise SteersimInputError(f"the experiment changed since the sweep in {str(out)!r} started "
                                     f"(its file, or the options that build it); resume with the same, "
                                     f"or use another --out", key="--resume")
    largest = _largest(experiment)
    executor = executor.for_work(memory.work(largest[0], experiment.n_runs, experiment.steps))
    if not executor.scheduler:  # a cluster's workers have memory of their own
        memory.check_fits(largest, scenario_batch_size(largest[0]), executor.processes)
    tell = announce or notice
    for part, problem in store.check_parts(expected=set(range(experiment.n_runs))):
        tell(f"{part} {problem}: set aside in {store.out / 'set-aside'}; its runs run again")
    done = store.done_ids()
    if announce is not None:
        reps = f"{experiment.replicates} replicate{'s' if experiment.replicates != 1 else ''}"
        announce(f"{experiment.name}: {experiment.n_runs} runs ({experiment.design}, {reps}, "
                 f"{experiment.steps} weeks) on {executor.describe()} -> {out}"
                 + (f"; {len(done)} already stored" if done else ""))
    store.write_metadata(experiment, resumed=bool(done))
    store.write_design(experiment)
    todo = ([run for run in job if run["run_id"] not in done] for job in experiment.jobs())
    batch = scenario_batch_size(experiment.scenario_for(next(iter(experiment.jobs()))[0]))
    runs_per_job = max(1, experiment.n_runs // max(experiment.n_points * experiment.replicates, 1))
    per_task = jobs_per_task(experiment.n_points * experiment.replicates, executor.processes,
                             runs_per_job, batch)
    from sim.i18n import translator
    batches = translator()("batches of up to {n} runs").format(n=min(batch, per_task * runs_per_job))
    bar = progress_bar(experiment.n_runs, progress, "run", f"{experiment.name} ({batches})")
    bar.update(len(done))
    buffer = _Buffer(store)
    try:
        for _, results in executor.imap(run_job, ((experiment, runs) for runs in by_seed(todo, per_task))):
            for row, series in results:
                buffer.add(row, series)
                bar.update()
    finally:
        buffer.flush()
        bar.close()
    store.finish()
    return store


def _largest(experiment: Experiment) -> list:
    """The experiment's scenarios at the largest organisation it varies to (for the
    memory estimate)."""
    import dataclasses
    sizes = {f.name: max(f.values) if f.values else f.high for f in experiment.factors
             if f.name in ("citizens", "units", "staff_per_unit")}
    return [dataclasses.replace(sc, inputs={**sc.inputs, **sizes}) for sc in experiment.scenarios]


class _Buffer:
    """Rows written in parts of a few dozen runs or every few seconds."""

    def __init__(self, store: Store):
        self.store, self.last = store, time.monotonic()
        self.rows: list[dict] = []
        self.series: list = []

    def add(self, row, series):
        self.rows.append(row)
        if series is not None:
            self.series.append(series)
        if len(self.rows) >= FLUSH_ROWS or time.monotonic() - self.last > FLUSH_SECONDS:
            self.flush()

    def flush(self):
        self.store.append(self.rows, self.series)
        self.rows, self.series, self.last = [], [], time.monotonic()
