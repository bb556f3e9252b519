"""One way to run many independent tasks: serially, on local processes, or on a Dask
cluster, with the same code and the same results.

``Executor.imap(fn, tasks)`` yields ``(index, result)`` as tasks finish. Local workers
are spawned as direct children (forking a process that already runs threads can
deadlock, and a forkserver would die of a signal sent to the whole process group and
take the workers with it); they ignore SIGINT and SIGTERM (the parent decides) and die
with their parent. SIGINT
or SIGTERM sets a flag: nothing new is started, what has finished is handed back, and
``Stopped`` is raised so the caller can store it and exit with status 130. At most a
few tasks per worker are in flight, so a sweep of a million points never holds a
million futures.

A Dask cluster given by its scheduler address runs the same tasks; it exchanges
pickled code and data, so it must be a cluster you trust (docs/experiments.md).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from sim.errors import SteersimInputError

IN_FLIGHT_PER_WORKER = 3


class Stopped(Exception):
    """A signal stopped the run; the results handed back so far are all there are."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _worker_init() -> None:
    # Stopping is the parent's decision (it stores what has finished, then ends the
    # workers), so signals sent to the whole process group leave workers alone.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:  # Linux: die with the parent, so a killed sweep leaves no workers behind
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _StopFlag:
    """SIGINT/SIGTERM set a flag instead of raising wherever the code happens to be."""

    def __init__(self):
        self.raised = False
        self.previous: dict = {}

    def __enter__(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread: leave signals alone
                pass
        return self

    def _handle(self, signum, frame):
        self.raised = True

    def __exit__(self, *exc):
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


@dataclass
class Executor:
    """Where tasks run: ``workers`` local processes (1: in this process; None: all
    cores) or the Dask cluster at ``scheduler``."""

    workers: int | None = 1
    scheduler: str | None = None

    def __post_init__(self):
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise SteersimInputError(f"got {self.workers!r}; at least 1", key="--workers")

    @property
    def processes(self) -> int:
        return self.workers if self.workers is not None else available_cores()

    def describe(self) -> str:
        if self.scheduler:
            return f"the Dask cluster at {self.scheduler}"
        return "this process" if self.processes == 1 else f"{self.processes} local processes"

    def imap(self, fn: Callable, tasks: Iterable, total: int | None = None) -> Iterator[tuple[int, Any]]:
        """``(index, fn(task))`` for every task, in the order they finish."""
        with _StopFlag() as stop:
            if self.scheduler:
                yield from _dask(fn, tasks, self.scheduler, stop)
            elif self.processes <= 1:
                for i, task in enumerate(tasks):
                    if stop.raised:
                        break
                    yield i, fn(task)
            else:
                yield from _processes(fn, tasks, self.processes, stop)
            if stop.raised:
                raise Stopped()

    def map(self, fn: Callable, tasks: list) -> list:
        """``fn`` of every task, in the tasks' order."""
        out: list = [None] * len(tasks)
        for i, result in self.imap(fn, tasks):
            out[i] = result
        return out


def _processes(fn, tasks, workers, stop) -> Iterator[tuple[int, Any]]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)
    pending: dict = {}
    queue = iter(enumerate(tasks))
    try:
        def top_up():
            while len(pending) < IN_FLIGHT_PER_WORKER * workers and not stop.raised:
                nxt = next(queue, None)
                if nxt is None:
                    return
                pending[pool.submit(fn, nxt[1])] = nxt[0]
        top_up()
        while pending and not stop.raised:
            done, _ = wait(list(pending), timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                index = pending.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    if stop.raised:  # a worker still starting up caught the stop signal
                        return
                    raise
                yield index, result
            top_up()
    finally:
        for fut in pending:
            fut.cancel()
        if stop.raised:  # do not wait for running tasks: end the workers now
            processes = list((pool._processes or {}).values())
            manager = getattr(pool, "_executor_manager_thread", None)
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.kill()
            # The pool's manager thread notices the dead workers and closes its wake-up
            # pipe. If the interpreter exits while it does so, the standard library's
            # exit hook writes to the closing pipe and prints a traceback (CPython 3.13),
            # so let it finish first.
            if manager is not None:
                manager.join(timeout=10)
        else:
            pool.shutdown(wait=True, cancel_futures=True)


def _dask(fn, tasks, scheduler, stop) -> Iterator[tuple[int, Any]]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SteersimInputError("--scheduler needs Dask: pip install 'dask[distributed]'",
                                 key="--scheduler") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise SteersimInputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                                 key="--scheduler") from None
    try:
        listed = list(tasks)
        futures = client.map(fn, listed, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in as_completed(futures):
            yield index[fut.key], fut.result()
            if stop.raised:
                client.cancel(futures)
                break
    finally:
        client.close()
