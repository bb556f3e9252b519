"""Running an experiment: serially, on local processes (all cores by default) or on a
Dask distributed cluster, with the same code. Results stream to the store as runs
finish; a stopped sweep (Ctrl-C, SIGTERM) writes what has finished before it exits,
and ``resume=True`` runs only what is missing. A run that fails is recorded with its
error and the sweep goes on.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from sim.api import summarise_run
from sim.errors import SteersimInputError
from sim.inputs.experiment import Experiment
from sim.run.store import Store

FLUSH_ROWS = 25
FLUSH_SECONDS = 2.0


class SweepInterrupted(Exception):
    """The sweep was stopped by a signal; finished runs are stored."""


def run_job(experiment: Experiment, run: dict):
    """One run of the experiment: (row for the runs table, weekly series or None)."""
    started = time.perf_counter()
    try:
        scenario = experiment.scenario_for(run)
        summary, series = summarise_run(scenario, run["seed"], experiment.steps, experiment.window,
                                        experiment.metrics, experiment.series)
        status, error = "ok", ""
    except Exception as exc:  # a failed run is data: record it and go on
        summary = {m: math.nan for m in experiment.metrics}
        series, status, error = None, "failed", f"{type(exc).__name__}: {exc}"
    row = {**run, **summary, "status": status, "error": error,
           "seconds": time.perf_counter() - started}
    if series is not None:
        series.insert(0, "run_id", run["run_id"])
    return row, series


def sweep(experiment: Experiment, out, workers: int | None = None,
          scheduler: str | None = None, resume: bool = False, progress: bool = True) -> Store:
    store = Store(out)
    done = store.done_ids()
    if done and not resume:
        raise SteersimInputError(f"{out} already holds runs of a sweep; add --resume to finish it, "
                                 f"or give another --out", key="--out")
    if resume and done:
        previous = store.read_metadata().get("experiment_text")
        if previous is not None and previous != experiment.text:
            raise SteersimInputError(f"the experiment file changed since the sweep in {out} "
                                     f"started; resume with the same file or use another --out",
                                     key="--resume")
    runs = experiment.runs()
    todo = [r for r in runs if r["run_id"] not in done]
    store.write_metadata(experiment, resumed=bool(done))
    store.write_design(experiment)
    from tqdm import tqdm
    bar = tqdm(total=len(runs), initial=len(runs) - len(todo), unit="run", disable=not progress,
               dynamic_ncols=True, smoothing=0.05, desc=experiment.name)
    buffer = _Buffer(store)
    stop = _StopFlag()
    try:
        if scheduler:
            _run_dask(experiment, todo, scheduler, buffer, bar, stop)
        elif (workers or os.cpu_count() or 1) <= 1 or len(todo) <= 1:
            for run in todo:
                if stop.raised:
                    break
                buffer.add(*run_job(experiment, run))
                bar.update()
        else:
            _run_processes(experiment, todo, workers or os.cpu_count() or 1, buffer, bar, stop)
    finally:
        buffer.flush()
        bar.close()
        stop.restore()
    if stop.raised:
        raise SweepInterrupted(f"stopped; {len(store.done_ids())} of {len(runs)} runs are stored "
                               f"in {out}; run again with --resume to finish")
    store.finish()
    return store


class _Buffer:
    def __init__(self, store: Store):
        self.store, self.rows, self.series, self.last = store, [], [], time.monotonic()

    def add(self, row, series):
        self.rows.append(row)
        if series is not None:
            self.series.append(series)
        if len(self.rows) >= FLUSH_ROWS or time.monotonic() - self.last > FLUSH_SECONDS:
            self.flush()

    def flush(self):
        self.store.append(self.rows, self.series)
        self.rows, self.series, self.last = [], [], time.monotonic()


class _StopFlag:
    """SIGINT/SIGTERM set a flag; the loop stores what has finished and stops."""

    def __init__(self):
        self.raised = False
        self.previous = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread: leave signals alone
                pass

    def _handle(self, signum, frame):
        self.raised = True

    def restore(self):
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


def _ignore_sigint():
    # workers leave Ctrl-C to the parent, which stores what has finished
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_processes(experiment, todo, workers, buffer, bar, stop):
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)
    pending, queue = set(), iter(todo)
    try:
        for run in queue:  # keep a few runs per worker in flight, not the whole sweep
            pending.add(pool.submit(run_job, experiment, run))
            if len(pending) >= 4 * workers:
                break
        while pending and not stop.raised:
            finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in finished:
                buffer.add(*fut.result())
                bar.update()
                if not stop.raised:
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending.add(pool.submit(run_job, experiment, nxt))
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(experiment, todo, scheduler, buffer, bar, stop):
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SteersimInputError("--scheduler needs Dask: pip install 'dask[distributed]'",
                                 key="--scheduler") from None
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as exc:
        raise SteersimInputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                                 key="--scheduler") from None
    try:
        shared = client.scatter(experiment, broadcast=True)
        futures = client.map(run_job, [shared] * len(todo), todo, pure=False)
        for fut in as_completed(futures):
            buffer.add(*fut.result())
            bar.update()
            if stop.raised:
                client.cancel(futures)
                break
    finally:
        client.close()


__all__ = ["sweep", "run_job", "SweepInterrupted"]
